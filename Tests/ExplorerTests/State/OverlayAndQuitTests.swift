import Attention
import Testing
@testable import Explorer

@Suite("Overlays, Esc and quitting")
struct OverlayAndQuitTests {
    @Test func questionMarkTogglesHelp() {
        let open = makeState().typing("?")
        #expect(open.showHelp)
        #expect(open.overlayOpen)
        #expect(!open.typing("?").showHelp)
    }

    @Test func escClosesHelpAndDoesNothingElse() {
        let open = makeState().typing("c?")
        let closed = open.pressing(.escape)
        #expect(!closed.showHelp)
        #expect(closed.compare, "the first Esc closes only the help")
        #expect(closed.request == nil)
        #expect(closed.query == open.query && closed.mode == open.mode)
    }

    @Test func escClosesTheCompareViewNext() {
        let state = makeState().typing("c")
        #expect(state.compare)
        #expect(!state.pressing(.escape).compare)
    }

    @Test func escWithNothingOpenChangesNothing() {
        let start = makeState().typing("3L")
        let after = start.pressing(.escape)
        #expect(after == start)
        #expect(after.request == nil, "Esc never quits")
    }

    @Test func keysStillWorkWithHelpOpen() {
        let state = makeState().typing("?l")
        #expect(state.showHelp)
        #expect(state.query == Position(row: 12, col: 17))
    }

    @Test func qAndCtrlCQuit() {
        #expect(makeState().typing("q").request == .quit)
        #expect(makeState().pressing(.controlC).request == .quit)
        #expect(makeState().typing("?q").request == .quit, "q quits with help open")
    }

    @Test func ctrlLRedrawsAndCtrlZSuspends() {
        #expect(makeState().pressing(.controlL).request == .redraw)
        #expect(makeState().pressing(.controlZ).request == .suspend)
    }

    @Test func aRequestLastsOneUpdate() {
        let state = makeState().pressing(.controlL)
        #expect(update(state, .tick).request == nil)
        #expect(state.typing("l").request == nil)
    }

    @Test func otherControlsAndUnboundKeysAreIgnored() {
        let start = makeState()
        let after = start.pressing(.control(1), .control(2), .enter, .other)
            .typing("yzé€!@#$%^&*()_WERUOASDFZVN,./;'\"\\`~")  // x X P Q are teaching keys, I the picture, M top-k marks
        #expect(after == start)
    }

    @Test func theNextKeyClearsTheMessage() {
        let refused = makeState().typing("=")
        #expect(refused.message != nil)
        #expect(refused.typing("l").message == nil)
        #expect(update(refused, .tick).message == refused.message, "ticks keep the message")
    }

    @Test func togglesForOverlaysPanelAndCompare() {
        let state = makeState()
        #expect(state.showOverlays && !state.typing("o").showOverlays)
        #expect(state.showPanel && !state.typing("i").showPanel)
        #expect(!state.compare && state.typing("c").compare && !state.typing("cc").compare)
    }
}
