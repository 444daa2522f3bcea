import Attention
import FeatureMaps
import Foundation
import Rendering
import Testing
@testable import Explorer

/// The explorer's pure update driven with extreme settings (NaN, ±∞, 1e308, Int.max, Int.min,
/// 0, negatives) and random keys, every state computed and drawn by the real frame renderer:
/// nothing may trap, every refusal is a one-line status message, and a knob the keys turned
/// always lands on settings the mode accepts. Seeded: a failure names the seed to replay.
@Suite("Extreme settings fuzzing")
struct ExtremeSettingsFuzzTests {
    typealias Generator = ScriptFuzzTests.SeededGenerator

    static let wholeNumbers = [Int.max, Int.min, Int.max - 1, Int.min + 1, 0, -1, 1, 2, 3, 4, 7, 8, 9, 21, 22, 64, 65,
                               255, 256, 1 << 20, (1 << 20) + 1, 1 << 40]
    static let reals: [Float] = [.nan, .infinity, -.infinity, Float(1e308), 1e30, -1e30, 1e19, 9.3e18, 1e-40, 0, -0.0,
                                 -1, 0.25, 1, 2.5, 1e9, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]

    /// Settings with each field, with probability ½, an extreme value.
    static func extremeSettings(using g: inout Generator) -> AttentionSettings {
        var s = AttentionSettings()
        for setting in Setting.allCases where Bool.random(using: &g) {
            if setting.isWholeNumber {
                setting.set(.integer(wholeNumbers.randomElement(using: &g)!), in: &s)
            } else {
                setting.set(.real(reals.randomElement(using: &g)!), in: &s)
            }
        }
        return s
    }

    /// The keys a user can press, the knob keys weighted up.
    static let keys: [Key] = Array("-=+[]-=[]<>tTnp 123456789xXrVcomgG?hjklHJKLvCbiPQ").map { Key.character($0) }
        + [.up, .down, .left, .right, .tab, .backTab, .escape, .enter, .home, .end, .backspace]

    /// An engine over a 2×24×32 map (the size `makeState` assumes).
    static func makeEngine() -> AttentionEngine {
        let values = (0..<(2 * 24 * 32)).map { Float(cos(Double($0) * 0.37)) }
        return AttentionEngine(map: FeatureMap(channels: 2, height: 24, width: 32, data: values, name: "fuzz",
                                               origin: .synthesized(scene: "fuzz")))
    }

    /// Computes and draws `state` as the loop would (also at a narrow size), returning it with
    /// the computed facts recorded.
    static func computeAndDraw(_ state: ExplorerState, engine: AttentionEngine, seed: UInt64) -> ExplorerState {
        var state = state
        let outcomes: [FieldOutcome?] = FrameComposer.requests(for: state).map { FieldWorker.compute($0, engine: engine) }
        if let facts = FrameComposer.facts(mode: state.mode, outcome: outcomes.first ?? nil) {
            state = state.recording(facts)
        }
        for case let .failure(message)? in outcomes {
            #expect(!message.isEmpty && !message.contains("\n"), "seed \(seed): \(message)")
        }
        let content = FrameComposer.content(state, outcomes: outcomes, preparing: false)
        for (width, height) in [(100, 30), (41, 12)] {
            let frame = FrameRenderer(style: RenderStyle()).render(content, width: width, height: height)
            #expect(frame.canvas.width == width, "seed \(seed)")
        }
        _ = FrameText.status(state, outcome: outcomes.first ?? nil, preparing: false)
        _ = FrameText.hint(state)
        _ = FrameText.caption(state)
        _ = FrameText.sidePanel(state, outcome: outcomes.first ?? nil)
        _ = SessionFile.text(of: state)
        return state
    }

    @Test(arguments: 0..<8)
    func extremeSettingsAndRandomKeysNeverTrap(_ batch: Int) {
        let engine = Self.makeEngine()
        for seed in UInt64(batch * 6)..<UInt64(batch * 6 + 6) {
            var g = Generator(state: seed)
            var state = makeState()
            for mode in Mode.allCases { state.settingsByMode[mode] = Self.extremeSettings(using: &g) }
            state.temperature = Self.reals.randomElement(using: &g)!
            state.mode = Mode.allCases.randomElement(using: &g)!
            state = Self.computeAndDraw(state, engine: engine, seed: seed)
            for _ in 0..<40 {
                let key = Self.keys.randomElement(using: &g)!
                let before = state
                state = update(state, .key(key))
                if let message = state.message {
                    #expect(!message.isEmpty && !message.contains("\n"), "seed \(seed): \(message)")
                }
                // Compared as text: NaN is not equal to itself.
                let changed = "\(state.settings)" != "\(before.settings)"
                if case let .character(c) = key, let (index, _) = KnobKeys.knob(for: c), before.mode == state.mode, changed {
                    // A knob that moved lands on settings the mode accepts.
                    #expect(state.mode.descriptor.validate(state.settings) == nil,
                            "seed \(seed): knob \(index) of \(state.mode.name) key \(c) from \(before.settings) made \(state.settings) msg \(state.message ?? "-")")
                } else if case let .character(c) = key, KnobKeys.knob(for: c) != nil, before.mode == state.mode,
                          !before.showHelp {
                    #expect(state.message != nil, "seed \(seed): a knob key that changed nothing says why")
                }
                if state.request == .quit { state.request = nil }
                state = Self.computeAndDraw(state, engine: engine, seed: seed)
            }
        }
    }

    /// The key traps of issue 20: `=`, `]`, `>` at `Int.max` for every whole-number knob.
    @Test func knobKeysAtIntMaxSaturate() {
        for mode in Mode.allCases {
            for (index, knob) in mode.descriptor.knobs.enumerated() where knob.setting.isWholeNumber {
                var state = makeState()
                state.mode = mode
                for value in [Int.max, Int.min] {
                    knob.setting.set(.integer(value), in: &state.settingsByMode[mode]!)
                    for key in index == 0 ? ["=", "-"] : ["]", "["] {
                        let next = state.typing(key)
                        #expect(next.message != nil || mode.descriptor.validate(next.settings) == nil,
                                "\(mode.name) \(knob.label) = \(value), key \(key)")
                    }
                }
            }
        }
        var stacked = makeState().typing("2")
        stacked.settingsByMode[.window]?.layers = Int.max
        #expect(stacked.typing(">").message?.contains("layers") == true)
        #expect(stacked.typing("<").settings.layers == StackedLayers.maximumLayers - 1)
    }

    /// Formatting never traps and never prints a wrapped integer: values from the issue.
    @Test func numbersAreSpeltSafely() {
        #expect(NumberText.short(Float(1e30)) == "1e+30")
        #expect(NumberText.short(Float(1e19)) == "1e+19")
        #expect(NumberText.short(Float.nan) == "NaN")
        #expect(NumberText.short(-Float.infinity) == "-inf")
        #expect(NumberText.short(Float(0.25)) == "0.25")
        #expect(NumberText.short(Float(3)) == "3")
        #expect(NumberText.short(Float(-1)) == "-1")
        #expect(NumberText.fixed(1e30, 4) == "1.0000e+30")
        #expect(NumberText.fixed(0.12345, 4) == "0.1235")
        #expect(NumberText.fixed(-0.00001, 3) == "0.000")
        #expect(NumberText.fixed(.infinity, 2) == "inf")
    }

    /// The LKA caption for K and d at `Int.max` (`2d − 1` and `K + d − 1` overflowed).
    @Test func captionsOfExtremeSettingsDoNotTrap() {
        let size = MapDimensions(height: 24, width: 32)
        for mode in Mode.allCases {
            for value in [Int.max, Int.min, 0] {
                var s = AttentionSettings()
                s.kernel = value
                s.dilation = value
                s.passes = value
                s.window = value
                s.stride = value
                #expect(!mode.descriptor.caption(s, size).isEmpty)
                #expect(!mode.descriptor.caption(s, MapDimensions(height: Int.max, width: Int.max)).isEmpty)
            }
        }
    }
}
