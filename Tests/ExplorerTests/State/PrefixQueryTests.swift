import Attention
import Rendering
import Testing
@testable import Explorer

/// `0` puts the query on the prefix tokens (class, registers) and back; the status and the side
/// panel say which token and which head.
@Suite("Prefix-token queries and heads")
struct PrefixQueryTests {
    func withTokens(_ names: [String] = ["cls", "reg", "reg"]) -> ExplorerState {
        var state = makeState()
        state.prefixTokens = names
        return state
    }

    @Test func zeroCyclesThroughThePrefixTokensThenBackToTheGrid() {
        let state = withTokens()
        #expect(state.typing("0").prefixQuery == 0)
        #expect(state.typing("00").prefixQuery == 1)
        #expect(state.typing("000").prefixQuery == 2)
        let back = state.typing("0000")
        #expect(back.prefixQuery == nil && back.query == state.query)
    }

    @Test func aMoveComesBackToTheGridWhereTheQueryWas() {
        let state = withTokens().typing("l0")
        let back = state.pressing(.down)
        #expect(back.prefixQuery == nil)
        #expect(back.query == Position(row: 12, col: 17), "the first move only leaves the token")
        #expect(back.pressing(.down).query == Position(row: 13, col: 17))
    }

    @Test func withoutPrefixTokensOrAWholeSequenceSoftmaxZeroSaysWhy() {
        let none = makeState().typing("0")
        #expect(none.prefixQuery == nil && none.message == "0: no prefix tokens are loaded (--prefix FILE)")
        let window = withTokens().typing("20")
        #expect(window.prefixQuery == nil)
        #expect(window.message == "0: window has no softmax over the whole sequence; prefix tokens are queries in global and lesa")
    }

    @Test func theRequestAsksForThePrefixTokenOnlyWhereTheModeHasOne() {
        var state = withTokens().typing("0")
        #expect(FrameComposer.requests(for: state).first?.prefixToken == 0)
        state.mode = .window
        #expect(FrameComposer.requests(for: state).first?.prefixToken == nil)
        #expect(state.queryText(for: .window) == "12,16")
        state.mode = .lesa
        #expect(FrameComposer.requests(for: state).first?.prefixToken == 0)
    }

    @Test func theStatusNamesTheClassTokenOrTheTokensIndex() {
        var field = uniformField()
        field.prefix = [0.02, 0.005, 0.001]
        field.prefixQuery = 0
        let cls = withTokens().typing("0")
        #expect(FrameText.status(cls, outcome: .field(field, steps: []), preparing: false).hasPrefix("global q=cls │ w(top "))
        field.prefixQuery = 1
        #expect(FrameText.status(cls.typing("0"), outcome: .field(field, steps: []), preparing: false).hasPrefix("global q=token:1 │"))
    }

    @Test func theHintOffersZeroWhereItWorks() {
        #expect(FrameText.hint(withTokens()).contains("0 prefix tokens"))
        #expect(!FrameText.hint(makeState()).contains("0 prefix"))
        #expect(!FrameText.hint(withTokens().typing("2")).contains("0 prefix"))
    }

    @Test func theSidePanelNamesTheHeadAndThePrefixMass() {
        var state = withTokens()
        state.headCount = 3
        var settings = state.settings
        settings.head = 2
        state.settingsByMode[.global] = settings
        var field = uniformField()
        field.prefix = [0.021, 0.005, 0.001]
        #expect(FrameText.sidePanel(state, outcome: .field(field, steps: [])).contains("head 2/3"))
        let few = FrameText.sidePanel(state, outcome: .field(field, steps: []))
        #expect(few.contains("prefix cls 2.1%") && few.contains("prefix reg 0.5%"))
        settings.meanOfHeads = true
        state.settingsByMode[.global] = settings
        field.prefix = [0.01, 0.01, 0.005, 0.002]
        let many = FrameText.sidePanel(state, outcome: .field(field, steps: []))
        #expect(many.contains("head mean"))
        #expect(many.contains("prefix 2.7% (4 tokens)"))
        state.mode = .dcn
        #expect(!FrameText.sidePanel(state, outcome: nil).contains { $0.hasPrefix("head") }, "dcn has no heads")
    }
}

/// `head mean` in session files: written for a mode showing the mean, read back.
@Suite("Head mean in sessions")
struct HeadMeanSessionTests {
    @Test func aSessionKeepsTheHeadMean() throws {
        var state = makeState()
        state.settingsByMode[.window]?.meanOfHeads = true
        state.settingsByMode[.global]?.head = 2
        let text = SessionFile.text(of: state)
        #expect(text.contains("head mean") && text.contains("head 2"))
        var restored = makeState()
        restored.settingsByMode[.global]?.meanOfHeads = true  // a later "head 2" turns the mean off
        try SessionFile.parse(text, file: "s.txt").restore(into: &restored)
        #expect(restored.settingsByMode[.window]?.meanOfHeads == true)
        #expect(restored.settingsByMode[.global]?.meanOfHeads == false && restored.settingsByMode[.global]?.head == 2)
    }
}
