import Attention
import Rendering
import Testing
@testable import Explorer

/// `m` and `M` read the keys besides the query; the status line says which weight it shows;
/// the panel counts keys reached beside keys attended; captions count what is drawn.
@Suite struct HottestKeysTests {
    /// A field whose query (12,16) holds 0.9 of its mass, with a runner-up at (3,4).
    static func selfish() -> AttentionField {
        var w = [Float](repeating: 0, count: 768)
        w[12 * 32 + 16] = 0.9
        w[3 * 32 + 4] = 0.06
        w[20 * 32 + 30] = 0.04
        return AttentionField(mode: .global, height: 24, width: 32, query: Position(row: 12, col: 16), weights: w,
                              cost: Cost(macsPerQuery: 1, queriesPerLayer: 768, keysPerQuery: 768), keysAttended: 768)
    }

    @Test func mJumpsToTheHottestKeyOtherThanTheQuery() throws {
        let facts = try #require(FrameComposer.facts(mode: .global, outcome: .field(Self.selfish(), steps: [])))
        #expect(facts.hottest == Position(row: 3, col: 4))
        let moved = makeState().recording(facts).typing("m")
        #expect(moved.query == Position(row: 3, col: 4))
        // Only the query holds mass: m says so and stays.
        var lone = [Float](repeating: 0, count: 768)
        lone[12 * 32 + 16] = 1
        let alone = AttentionField(mode: .global, height: 24, width: 32, query: Position(row: 12, col: 16), weights: lone,
                                   cost: Cost(macsPerQuery: 1, queriesPerLayer: 768, keysPerQuery: 768), keysAttended: 768)
        let stuck = makeState().recording(try #require(FrameComposer.facts(mode: .global, outcome: .field(alone, steps: [])))).typing("m")
        #expect(stuck.query == Position(row: 12, col: 16))
        #expect(stuck.message == "m: no key other than the query holds any mass")
    }

    @Test func theStatusLabelsTheHottestOtherKeysWeight() {
        let status = FrameText.status(makeState(), outcome: .field(Self.selfish(), steps: []), preparing: false)
        #expect(status.contains("w(top 3,4)=0.0600 "), "\(status)")
    }

    @Test func capitalMCyclesTopKeyMarksAndDrawsThem() {
        var state = makeState()
        var seen: [Int] = []
        for _ in 0..<4 {
            state = state.typing("M")
            seen.append(state.topKeyMarks)
            #expect(state.message != nil, "M gives feedback")
        }
        #expect(seen == [5, 10, 20, 0])
        state = makeState().typing("M")
        let shown = FrameComposer.displayed(Self.selfish(), state: state)
        let marks = shown.overlays.compactMap { if case let .marker(p, "top") = $0 { return p } else { return nil } }
        #expect(marks == [Position(row: 3, col: 4), Position(row: 20, col: 30)], "only keys with mass, never the query")
        // `o` hides the mechanism's geometry, not the marks the user asked for.
        #expect(FrameComposer.displayed(Self.selfish(), state: state.typing("o")).overlays.count == 2)
        #expect(FrameText.sidePanel(state, outcome: .field(Self.selfish(), steps: [])).contains("5 hottest keys marked (M)"))
    }

    @Test func thePanelCountsKeysReachedBesideKeysAttended() {
        let panel = FrameText.sidePanel(makeState(), outcome: .field(Self.selfish(), steps: []))
        #expect(panel.contains("keys attended 768"))
        #expect(panel.contains("keys reached 3"))
        var composed = Self.selfish()
        composed.mode = .crissCross
        composed.stepLabel = "composed"
        composed.statistics.keysAttended = 55
        #expect(FieldSummary.sidePanel(composed).contains("keys attended 55 per pass"))
    }

    @Test func theCaptionCountsTheKeysTheViewReaches() {
        let caption = FrameText.caption(makeState(), outcome: .field(Self.selfish(), steps: []))
        #expect(caption.hasSuffix(" This view reaches 3 of 768 keys."), "\(caption)")
        #expect(FrameText.caption(makeState(), outcome: .field(uniformField(), steps: [])).hasSuffix("reaches all 768 keys."))
        #expect(FrameText.caption(makeState(), outcome: nil) == FrameText.caption(makeState()))
    }

    @Test func stackedSwinSaysItsShiftAlternates() {
        let state = makeState().typing("2>")  // window, two layers
        #expect(FrameText.hint(state).contains("shift off/3 by layer"), "\(FrameText.hint(state))")
        #expect(FrameText.sidePanel(state, outcome: nil).contains("shift off/3 by layer"))
        #expect(FrameText.caption(state).hasPrefix("2 stacked layers of"))
        #expect(!FrameText.caption(state).contains("nothing crosses a window border"))
        #expect(FrameText.hint(makeState().typing("2")).contains("shift off"))
        #expect(!FrameText.hint(makeState().typing("2")).contains("by layer"))
    }
}
