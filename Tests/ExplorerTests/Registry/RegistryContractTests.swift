import Attention
import FeatureMaps
import Foundation
import Rendering
import Testing
@testable import Explorer

/// Every registered mechanism — the nine and the tests' toy `BoxAttention` — through the same
/// checks of its descriptor: names and digits, defaults that validate, step counts that match
/// the mechanism, knobs that land only on settings the engine accepts, validation that agrees
/// with the engine, Σ + off-image = 1 for a softmax, determinism, stacking, and the explorer
/// selecting, turning and drawing it.
@Suite("Registry contract")
struct RegistryContractTests {
    /// A 3×7×9 map: odd and not square.
    static func map() -> FeatureMap {
        let values = (0..<(3 * 7 * 9)).map { Float(sin(Double($0) * 0.61)) }
        return FeatureMap(channels: 3, height: 7, width: 9, data: values, name: "contract", origin: .synthesized(scene: "contract"))
    }

    /// The registry with the toy added: what every check here iterates.
    static func withToy<T>(_ body: () throws -> T) rethrows -> T {
        try Mechanisms.withRegistered([BoxAttention.descriptor], body)
    }

    /// An engine on `map()` with the tensors `descriptor` cannot run without (loaded attention's
    /// file: a softmax over one prefix token and the 63 pixels, the same for every mechanism).
    static func engine(for descriptor: MechanismDescriptor) -> AttentionEngine {
        var inputs = AttentionInputs()
        if descriptor.needs.contains(.attention) {
            let n = 1 + 7 * 9
            let logits = (0..<(2 * n * n)).map { Float(cos(Double($0) * 0.37)) }
            var values = [Float](repeating: 0, count: logits.count)
            for row in 0..<(2 * n) {
                let exps = (0..<n).map { exp(logits[row * n + $0]) }, sum = exps.reduce(0, +)
                for k in 0..<n { values[row * n + k] = exps[k] / sum }
            }
            inputs.attention = Tensor(shape: [2, n, n], values: values)
        }
        return AttentionEngine(map: Self.map(), inputs: inputs)
    }

    /// A mechanism that needs a tensor refuses without it in one line, and the explorer does
    /// not offer it then: Tab skips it.
    @Test func mechanismsThatNeedATensorAreNotOfferedWithoutIt() {
        for descriptor in Mechanisms.all where !descriptor.needs.isEmpty {
            #expect(throws: AttentionError.self) {
                _ = try AttentionEngine(map: Self.map()).field(descriptor.mode, at: Position(row: 0, col: 0), settings: AttentionSettings())
            }
            var state = ExplorerState(mapName: "contract", mapHeight: 7, mapWidth: 9)
            state.unavailableModes = [descriptor.mode]
            for _ in Mode.allCases { state = state.pressing(.tab); #expect(state.mode != descriptor.mode) }
            for _ in Mode.allCases { state = state.pressing(.backTab); #expect(state.mode != descriptor.mode) }
        }
        #expect(Mechanisms.all.contains { $0.mode == .loaded && $0.needs == [.attention] })
    }

    @Test func theToyIsRegisteredOnlyInsideItsScope() {
        #expect(Mode(rawValue: "box") == nil)
        Self.withToy {
            #expect(Mode(rawValue: "box") == .box)
            #expect(Mode.allCases.last == .box)
            #expect(Mode.box.digit == nil, "a tenth mechanism has no digit key")
            #expect(Mechanisms.names.hasSuffix("lesa, loaded, box"))
        }
        #expect(Mode.allCases.count == Mechanisms.standard.count)
    }

    @Test func namesTitlesAndDigitsFollowTheRegistry() {
        Self.withToy({ Self.namesTitlesAndDigitsFollowTheRegistryBody() })
    }

    static func namesTitlesAndDigitsFollowTheRegistryBody() {
        let modes = Mode.allCases
        #expect(Set(modes.map(\.name)).count == modes.count)
        for (place, mode) in modes.enumerated() {
            #expect(Mode(rawValue: mode.name) == mode)
            #expect(!mode.title.isEmpty)
            #expect(mode.digit == (place < 9 ? place + 1 : nil))
            if let digit = mode.digit { #expect(Mechanisms.mode(forDigit: digit) == mode) }
        }
    }

    @Test func defaultsValidateAndStepsMatchTheMechanism() throws {
        try Self.withToy({ try Self.defaultsValidateAndStepsMatchTheMechanismBody() })
    }

    static func defaultsValidateAndStepsMatchTheMechanismBody() throws {
        let size = MapDimensions(height: 7, width: 9)
        for descriptor in Mechanisms.all {
            let engine = Self.engine(for: descriptor)
            let settings = AttentionSettings()
            #expect(descriptor.validate(settings) == nil, "\(descriptor.mode)")
            let mechanism = try engine.mechanism(descriptor.mode, settings: settings)
            #expect(mechanism.mode == descriptor.mode)
            #expect(descriptor.steps(settings) == mechanism.steps.count, "\(descriptor.mode)")
            #expect(!descriptor.caption(settings, size).isEmpty)
            for knob in descriptor.knobs { #expect(descriptor.reads.contains(knob.setting) || knob.setting == .passes) }
        }
    }

    @Test func fieldsSumToOneWhereASoftmaxMakesThemAndRepeatExactly() throws {
        try Self.withToy({ try Self.fieldsSumToOneWhereASoftmaxMakesThemAndRepeatExactlyBody() })
    }

    static func fieldsSumToOneWhereASoftmaxMakesThemAndRepeatExactlyBody() throws {
        for descriptor in Mechanisms.all {
            for query in [Position(row: 0, col: 0), Position(row: 3, col: 4), Position(row: 6, col: 8)] {
                let a = try Self.engine(for: descriptor).field(descriptor.mode, at: query, settings: AttentionSettings())
                let b = try Self.engine(for: descriptor).field(descriptor.mode, at: query, settings: AttentionSettings())
                #expect(a.storedWeights.dense().map(\.bitPattern) == b.storedWeights.dense().map(\.bitPattern), "\(descriptor.mode) is deterministic")
                #expect(a.mode == descriptor.mode && a.height == 7 && a.width == 9)
                if descriptor.traits.contains(.softmax) || descriptor.mode == .box {
                    let prefix = a.prefix.reduce(0, +)  // prefix tokens are keys of the softmax too
                    #expect(abs(a.statistics.sum + a.offImage + prefix - 1) < 1e-4, "\(descriptor.mode) at \(query): Σ \(a.statistics.sum)")
                }
                if !descriptor.traits.contains(.offImage) { #expect(a.offImage == 0, "\(descriptor.mode)") }
            }
        }
    }

    /// Turning each knob both ways lands on settings the engine makes, or is refused.
    @Test func knobsLandOnlyOnSettingsTheEngineAccepts() throws {
        try Self.withToy({ try Self.knobsLandOnlyOnSettingsTheEngineAcceptsBody() })
    }

    static func knobsLandOnlyOnSettingsTheEngineAcceptsBody() throws {
        let size = MapDimensions(height: 7, width: 9)
        for descriptor in Mechanisms.all {
            let engine = Self.engine(for: descriptor)
            for index in descriptor.knobs.indices {
                for direction in [-1, 1] {
                    var settings = AttentionSettings()
                    for _ in 0..<4 {
                        switch descriptor.turn(knob: index, of: settings, direction: direction, size: size) {
                        case nil: Issue.record("\(descriptor.mode): knob \(index) missing")
                        case let .success(next)?:
                            #expect(descriptor.validate(next) == nil)
                            let mechanism = try engine.mechanism(descriptor.mode, settings: next)
                            #expect(descriptor.steps(next) == mechanism.steps.count, "\(descriptor.mode) \(next)")
                            settings = next
                        case let .failure(refusal)?:
                            #expect(!KnobKeys.message(refusal, mode: descriptor.mode).isEmpty)
                        }
                    }
                }
            }
            #expect(descriptor.turn(knob: descriptor.knobs.count, of: AttentionSettings(), direction: 1, size: size) == nil)
        }
    }

    /// Validation and the engine agree: what validation refuses, the engine refuses with the
    /// same structured error; what it accepts, the engine makes (or refuses for this map only).
    @Test func validationAndTheEngineAgree() {
        Self.withToy({ Self.validationAndTheEngineAgreeBody() })
    }

    static func validationAndTheEngineAgreeBody() {
        let values = [Int.min, -1, 0, 1, 2, 3, 4, 5, 8, 22, 64, 65, 255, 256, 1 << 20, (1 << 20) + 1, Int.max]
        for descriptor in Mechanisms.all {
            let engine = Self.engine(for: descriptor)
            for setting in descriptor.reads where setting.isWholeNumber && setting != .step && setting != .head && setting != .group {
                for value in values {
                    var settings = AttentionSettings()
                    setting.set(.integer(value), in: &settings)
                    let error = descriptor.validate(settings)
                    do {
                        _ = try engine.mechanism(descriptor.mode, settings: settings)
                        #expect(error == nil, "\(descriptor.mode) \(setting) \(value): made though refused")
                    } catch let AttentionError.setting(thrown) {
                        if let error {
                            #expect(thrown == error)
                        } else if case .mapLimit = thrown.rule {
                            // Fine: this map is too small or too large for the value.
                        } else {
                            Issue.record("\(descriptor.mode) \(setting) \(value): \(thrown) though valid")
                        }
                    } catch {
                        #expect(error is AttentionError, "\(descriptor.mode) \(setting) \(value): \(error)")
                    }
                }
            }
        }
    }

    @Test func stackableMechanismsStackAndOthersRefuse() throws {
        try Self.withToy({ try Self.stackableMechanismsStackAndOthersRefuseBody() })
    }

    static func stackableMechanismsStackAndOthersRefuseBody() throws {
        for descriptor in Mechanisms.all {
            var settings = AttentionSettings()
            settings.layers = 2
            let engine = Self.engine(for: descriptor)
            if descriptor.traits.contains(.stackable) {
                let mechanism = try engine.mechanism(descriptor.mode, settings: settings)
                #expect(mechanism.steps == ["layer 1", "layer 2"])
                let field = try engine.field(descriptor.mode, at: Position(row: 3, col: 4), settings: settings)
                #expect(field.stepLabel == "layer 2 of 2")
            } else {
                #expect(throws: AttentionError.setting(SettingError(mode: descriptor.mode, setting: .layers,
                                                                    rule: .notStackable, value: .integer(2)))) {
                    _ = try engine.mechanism(descriptor.mode, settings: settings)
                }
            }
        }
    }

    /// The explorer reaches the toy with Tab, turns its knob, computes and draws it, and a
    /// session names it.
    @Test func theExplorerSelectsTurnsAndDrawsTheToy() {
        Self.withToy({ Self.theExplorerSelectsTurnsAndDrawsTheToyBody() })
    }

    static func theExplorerSelectsTurnsAndDrawsTheToyBody() {
        var state = ExplorerState(mapName: "contract", mapHeight: 7, mapWidth: 9)
        state = state.pressing(.backTab)
        #expect(state.mode == .box, "Shift-Tab from the first mode reaches the last registered")
        state = state.typing("=")
        #expect(state.settings.kernel == 5)
        state = state.typing("-----")
        #expect(state.settings.kernel == 1)
        #expect(state.message == "box: kernel K stays odd, between 1 and 15 (K = 1)")
        let engine = AttentionEngine(map: Self.map())
        let outcomes = FrameComposer.requests(for: state).map { FieldWorker.compute($0, engine: engine) }
        let content = FrameComposer.content(state, outcomes: outcomes, preparing: false)
        let frame = FrameRenderer(style: RenderStyle()).render(content, width: 80, height: 24)
        #expect(PlainTextWriter().write(frame.canvas).contains("Box (test toy)"))
        #expect(FrameText.caption(state) == "Box: the query reads the 1×1 box around it, every key alike.")
        #expect(FrameText.hint(state).contains("-/= K=1"))
        #expect(SessionFile.text(of: state).contains("mode box"))
    }
}
