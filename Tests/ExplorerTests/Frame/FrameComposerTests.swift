import Attention
import FeatureMaps
import Foundation
import Rendering
import Testing
@testable import Explorer

/// A uniform field of `mode` over the 24×32 test map.
func uniformField(_ mode: Mode = .global, query: Position = Position(row: 12, col: 16),
                  stepLabel: String? = nil) -> AttentionField {
    AttentionField(mode: mode, height: 24, width: 32, query: query,
                   weights: [Float](repeating: 1 / 768, count: 768),
                   cost: Cost(macsPerQuery: 12_288, queriesPerLayer: 768, keysPerQuery: 768),
                   keysAttended: 768, stepLabel: stepLabel)
}

@Suite("Frame text and composition")
struct FrameComposerTests {
    @Test func statusShowsTheNumbersOfTheField() {
        let status = FrameText.status(makeState(), outcome: .field(uniformField(), steps: []), preparing: false)
        #expect(status.hasPrefix("global q=12,16"))
        #expect(status.contains("w(top 0,0)=0.0013"))
        #expect(status.contains("Σ=1"))
        #expect(status.contains("H=6.64"))  // ln 768
        #expect(status.contains("eff=768"))
        #expect(status.contains("12.3k MAC/q 9.44M/layer"))
        #expect(status == "global q=12,16 │ w(top 0,0)=0.0013 Σ=1 H=6.64 eff=768 │ 12.3k MAC/q 9.44M/layer │ scene")
        #expect(!status.contains("illustrative"), "a scene alone is no synthetic stand-in")
    }

    @Test func aLoadedMapIsBadgedLoaded() {
        var state = makeState()
        state.mapIsLoaded = true
        #expect(FrameText.status(state, outcome: .field(uniformField(), steps: []), preparing: false).contains("loaded"))
    }

    @Test func statusShowsTheEngineErrorInsteadOfCrashing() {
        let status = FrameText.status(makeState(), outcome: .failure("global: not built yet"), preparing: false)
        #expect(status == "global q=12,16 │ error: global: not built yet")
    }

    @Test func statusSaysPreparingWhileTheWorkerIsBusy() {
        #expect(FrameText.status(makeState(), outcome: nil, preparing: true).contains("preparing"))
        let busy = FrameText.status(makeState(), outcome: .field(uniformField(), steps: []), preparing: true)
        #expect(busy.contains("preparing"))
    }

    @Test func aMessageTakesTheStatusLine() {
        let refused = makeState().typing("5--")
        let status = FrameText.status(refused, outcome: .field(uniformField(.dcn), steps: []), preparing: false)
        #expect(status.hasPrefix("dcn q=12,16 │ dcn: kernel K stays odd"))
    }

    @Test func theStepIsNamed() {
        var state = stateWithSteps(["pass 1", "pass 2"])
        state = state.typing(" ")
        let field = uniformField(.crissCross, stepLabel: "pass 1 of 2")
        let status = FrameText.status(state, outcome: .field(field, steps: ["pass 1", "pass 2"]), preparing: false)
        #expect(status.hasPrefix("criss-cross q=12,16 · pass 1 of 2 │"))
    }

    @Test func theHintShowsTheKnobsOfTheMode() {
        #expect(FrameText.hint(makeState().typing("2")).contains("-/= M=7"))
        #expect(FrameText.hint(makeState().typing("2")).contains("[/] shift off"))
        #expect(FrameText.hint(makeState().typing("4")).contains("[/] γ=1"))
        #expect(FrameText.hint(makeState().typing("5")).contains("-/= K=3"))
        #expect(FrameText.hint(makeState().typing("6")).contains("[/] f=-1 (clamp)"))
        #expect(FrameText.hint(makeState().typing("8")).contains("-/= K=21"))
        #expect(!FrameText.hint(makeState()).contains("-/="))
        #expect(FrameText.hint(stateWithSteps(["a", "b"])).contains("Space/n/p step"))
        #expect(FrameText.hint(makeState().typing("?")).contains("Esc"))
    }

    @Test func everyModeHasACaption() {
        for mode in Mode.allCases {
            var state = makeState()
            state.mode = mode
            #expect(FrameText.caption(state).count > 30)
        }
        #expect(FrameText.caption(makeState().typing("2]")).contains("shift 3"))
        #expect(FrameText.caption(makeState().typing("8")).contains("23×23"), "VAN's real field is 23×23")
    }

    @Test func compareAsksForTheFourModesWithTheCurrentFirst() {
        let single = FrameComposer.requests(for: makeState().typing("7"))
        #expect(single.map(\.mode) == [.neighborhood])
        let compare = FrameComposer.requests(for: makeState().typing("7c"))
        #expect(compare.map(\.mode) == [.neighborhood, .global, .window, .dcn, .dat])
        let fromWindow = FrameComposer.requests(for: makeState().typing("2c"))
        #expect(fromWindow.map(\.mode) == [.window, .global, .dcn, .dat])
        #expect(compare.allSatisfy { $0.query == Position(row: 12, col: 16) })
    }

    @Test func compareDrawsFailedPanelsInPlaceWithTheirReason() {
        let state = makeState().typing("c")
        let outcomes: [FieldOutcome?] = [.field(uniformField(), steps: []), .failure("window: broken"),
                                         .field(uniformField(.dcn), steps: []), nil]
        let content = FrameComposer.content(state, outcomes: outcomes, preparing: true)
        #expect(content.views.map(\.field.mode) == [.global, .window, .dcn, .dat], "every panel keeps its place")
        #expect(content.views.map(\.failure) == [nil, "window: broken", nil, "preparing…"])
        #expect(content.views[1].field.height == state.mapHeight && content.views[1].field.width == state.mapWidth)
        #expect(content.sharedScale && content.numbersRow, "one scale and a numbers row by default")
        let own = FrameComposer.content(state.typing("s"), outcomes: outcomes, preparing: true)
        #expect(!own.sharedScale && own.numbersRow, "s gives each panel its own scale")
        #expect(!FrameComposer.content(makeState(), outcomes: [outcomes[0]], preparing: false).sharedScale)
    }

    @Test func overlaysCanBeHidden() {
        var field = uniformField(.window)
        field.overlays = [.window(PixelRect(top: 7, left: 14, height: 7, width: 7))]
        let shown = FrameComposer.content(makeState().typing("2"), outcomes: [.field(field, steps: [])], preparing: false)
        #expect(shown.views.first?.field.overlays.count == 1)
        let hidden = FrameComposer.content(makeState().typing("2o"), outcomes: [.field(field, steps: [])], preparing: false)
        #expect(hidden.views.first?.field.overlays.isEmpty == true)
    }

    @Test func illustrativeOnlyWhereAStandInWasUsed() {
        var field = uniformField(.global)
        let plain = FrameComposer.content(makeState(), outcomes: [.field(field, steps: [])], preparing: false)
        #expect(plain.views.first.map { !$0.title.contains("illustrative") } == true)
        #expect(plain.status?.hasSuffix("│ scene") == true)
        field.illustrative = true  // e.g. DCN's synthetic offsets
        let standIn = FrameComposer.content(makeState(), outcomes: [.field(field, steps: [])], preparing: false)
        #expect(standIn.views.first?.title.hasSuffix("· illustrative") == true)
        #expect(standIn.status?.hasSuffix("│ illustrative") == true)
        #expect(standIn.sidePanel.contains("illustrative") && !plain.sidePanel.contains("illustrative"))
    }

    @Test func thePictureIsDrawnUntilITurnsItOff() {
        let field = uniformField(.global)
        let picture = Underlay(height: 2, width: 2, values: [0, 1, 1, 0])!
        let shown = FrameComposer.content(makeState(), outcomes: [.field(field, steps: [])], preparing: false, underlay: picture)
        #expect(shown.underlay == picture)
        let hidden = FrameComposer.content(makeState().typing("I"), outcomes: [.field(field, steps: [])], preparing: false,
                                           underlay: picture)
        #expect(hidden.underlay == nil)
    }

    @Test func factsCarryTheHottestKeyAndTheSteps() {
        var weights = [Float](repeating: 0, count: 768)
        weights[5 * 32 + 7] = 1
        let field = AttentionField(mode: .global, height: 24, width: 32, query: Position(row: 0, col: 0),
                                   weights: weights, cost: Cost(macsPerQuery: 1, queriesPerLayer: 768, keysPerQuery: 768),
                                   keysAttended: 768)
        let facts = FrameComposer.facts(mode: .global, outcome: .field(field, steps: ["x"]))
        #expect(facts == FieldFacts(mode: .global, steps: ["x"], hottest: Position(row: 5, col: 7)))
        #expect(FrameComposer.facts(mode: .dat, outcome: .failure("no")) == FieldFacts(mode: .dat, error: "no"))
        #expect(FrameComposer.facts(mode: .dat, outcome: nil) == nil)
    }

    @Test func theHelpListsEveryKey() {
        let text = KeyHelp.lines(width: 200).joined(separator: "\n")
        for key in ["h j k l", "H J K L", "g / G", "m", "1 … 9", "Tab", "Space", "- =", "[ ]", "t / T", "v", "C", "b",
                    "c", "?", "Esc", "Ctrl-L", "Ctrl-Z", "q  Ctrl-C", "click", "wheel", "o", "i"] {
            #expect(text.contains(key), "help misses \(key)")
        }
        var canvas = Canvas(width: 80, height: 30)
        HelpOverlay.draw(on: &canvas, unicode: true)
        #expect(canvas.plainText.contains("Esc closes"))
        #expect(canvas.plainText.contains("quit"))
        var tiny = Canvas(width: 10, height: 4)
        HelpOverlay.draw(on: &tiny, unicode: false)  // must not trap on a tiny screen
    }

    @Test func overlaysFitEveryWindowSize() {
        for width in 0...40 {
            for height in 0...14 {
                var canvas = Canvas(width: width, height: height)
                HelpOverlay.draw(on: &canvas, unicode: width % 2 == 0)
                NoticeOverlay.draw("Nothing to draw: global: a long reason that has to wrap", on: &canvas,
                                   width: width - 3, height: height - 2, unicode: true)
                #expect(canvas.width == width && canvas.height == height)
            }
        }
        var canvas = Canvas(width: 60, height: 10)
        NoticeOverlay.draw("Nothing to draw: global: not built yet", on: &canvas, width: 60, height: 6, unicode: true)
        #expect(canvas.plainText.contains("Nothing to draw: global: not built yet"))
    }

    @Test func humanUnits() {
        #expect(HumanUnits.count(12_288) == "12.3k")
        #expect(HumanUnits.count(9_437_184) == "9.44M")
        #expect(HumanUnits.count(2.5e9) == "2.5G")
        #expect(HumanUnits.count(768) == "768")
        #expect(HumanUnits.weight(0.00130208) == "0.0013")
        #expect(HumanUnits.weight(0.00001) == "1.0e-05")
        #expect(HumanUnits.weight(.nan) == "NaN")
    }
}

@Suite("Field worker")
struct FieldWorkerTests {
    static let map: FeatureMap = {
        var data = [Float](repeating: 0, count: 4 * 6 * 8)
        for i in data.indices { data[i] = Float((i * 37) % 11) / 11 }
        return FeatureMap(channels: 4, height: 6, width: 8, data: data, name: "t", origin: .synthesized(scene: "t"))
    }()

    @Test func computesOnItsThreadAndReportsEngineErrorsAsFailures() throws {
        let worker = FieldWorker(map: Self.map, inputs: AttentionInputs())
        defer { worker.stop() }
        let good = FieldRequest(mode: .global, query: Position(row: 2, col: 3), settings: AttentionSettings())
        let outside = FieldRequest(mode: .global, query: Position(row: 60, col: 3), settings: AttentionSettings())
        worker.submit([good, outside])
        let deadline = Date().addingTimeInterval(30)
        let first = try #require(worker.wait(for: good, until: deadline))
        guard case let .field(field, _) = first else {
            Issue.record("global failed: \(first)")
            return
        }
        #expect(field.query == Position(row: 2, col: 3))
        #expect(abs(field.statistics.sum - 1) < 1e-4)
        let second = try #require(worker.wait(for: outside, until: deadline))
        guard case let .failure(message) = second else {
            Issue.record("a query outside the map must fail")
            return
        }
        #expect(message.contains("outside"))
        #expect(worker.outcome(of: good) != nil, "finished outcomes are remembered")
    }

    @Test func aNewerSubmissionReplacesWaitingRequests() throws {
        let worker = FieldWorker(map: Self.map, inputs: AttentionInputs())
        defer { worker.stop() }
        let requests = (0..<8).map { FieldRequest(mode: .global, query: Position(row: $0 % 6, col: 1), settings: AttentionSettings()) }
        for request in requests { worker.submit([request]) }
        let last = try #require(worker.wait(for: requests[7], until: Date().addingTimeInterval(30)))
        if case .failure = last { Issue.record("the last request failed") }
    }

    @Test func waitingPastTheDeadlineReturnsNil() {
        let worker = FieldWorker(map: Self.map, inputs: AttentionInputs())
        defer { worker.stop() }
        let never = FieldRequest(mode: .global, query: Position(row: 1, col: 1), settings: AttentionSettings())
        // Not submitted: nothing computes it, so the wait must end at the deadline.
        let start = Date()
        #expect(worker.wait(for: never, until: start.addingTimeInterval(0.05)) == nil)
        #expect(Date().timeIntervalSince(start) < 5)
    }
}
