import Attention
import Rendering
import Testing
@testable import Explorer

/// A 24×32 map explorer, as `scene:default` opens.
func makeState(height: Int = 24, width: Int = 32) -> ExplorerState {
    ExplorerState(mapName: "scene:test", mapHeight: height, mapWidth: width)
}

extension ExplorerState {
    /// The state after pressing `keys` in order.
    func pressing(_ keys: Key...) -> ExplorerState {
        keys.reduce(self) { update($0, .key($1)) }
    }

    /// The state after typing `text`, one character key each.
    func typing(_ text: String) -> ExplorerState {
        text.reduce(self) { update($0, .key(.character($1))) }
    }
}

@Suite("Opening state")
struct OpeningStateTests {
    @Test func opensInGlobalWithTheQueryAtTheCentre() {
        let state = makeState()
        #expect(state.mode == .global)
        #expect(state.query == Position(row: 12, col: 16))
        #expect(state.showHelp == false)
        #expect(state.compare == false)
        #expect(state.request == nil)
        #expect(state.temperature == 1)
    }

    @Test func keepsTheCommandLineQueryAndSettings() {
        var settings = AttentionSettings()
        settings.temperature = 2
        settings.window = 5
        let state = ExplorerState(mapName: "m", mapHeight: 10, mapWidth: 10, query: Position(row: 1, col: 2),
                                  settings: settings, mode: .window)
        #expect(state.query == Position(row: 1, col: 2))
        #expect(state.mode == .window)
        #expect(state.temperature == 2)
        #expect(state.settings.window == 5)
        #expect(state.settings(for: .dcn).temperature == 2)
    }
}

@Suite("Moving the query")
struct MovingTests {
    @Test func arrowsAndHjklMoveByOne() {
        let start = makeState()
        #expect(start.pressing(.up).query == Position(row: 11, col: 16))
        #expect(start.pressing(.down).query == Position(row: 13, col: 16))
        #expect(start.pressing(.left).query == Position(row: 12, col: 15))
        #expect(start.pressing(.right).query == Position(row: 12, col: 17))
        #expect(start.typing("k").query == Position(row: 11, col: 16))
        #expect(start.typing("j").query == Position(row: 13, col: 16))
        #expect(start.typing("h").query == Position(row: 12, col: 15))
        #expect(start.typing("l").query == Position(row: 12, col: 17))
    }

    @Test func capitalHjklMoveByFour() {
        let start = makeState()
        #expect(start.typing("K").query == Position(row: 8, col: 16))
        #expect(start.typing("J").query == Position(row: 16, col: 16))
        #expect(start.typing("H").query == Position(row: 12, col: 12))
        #expect(start.typing("L").query == Position(row: 12, col: 20))
    }

    @Test func movesStopAtTheEdges() {
        let corner = makeState().typing("g")
        #expect(corner.query == Position(row: 0, col: 0))
        #expect(corner.typing("kKhH").pressing(.up, .left).query == Position(row: 0, col: 0))
        let far = makeState().typing("G")
        #expect(far.query == Position(row: 23, col: 31))
        #expect(far.typing("jJlL").pressing(.down, .right).query == Position(row: 23, col: 31))
        #expect(makeState().typing("LLLLLLLLLL").query == Position(row: 12, col: 31))
    }

    @Test func homeAndEndAreTheCorners() {
        #expect(makeState().pressing(.home).query == Position(row: 0, col: 0))
        #expect(makeState().pressing(.end).query == Position(row: 23, col: 31))
    }

    @Test func oneByOneMapStaysPut() {
        let tiny = makeState(height: 1, width: 1)
        #expect(tiny.query == Position(row: 0, col: 0))
        #expect(tiny.typing("hjklHJKLgG").query == Position(row: 0, col: 0))
    }

    @Test func mJumpsToTheHottestKeyOfTheCurrentMode() {
        var state = makeState()
        state.facts = FieldFacts(mode: .global, hottest: Position(row: 3, col: 4))
        #expect(state.typing("m").query == Position(row: 3, col: 4))
        #expect(state.typing("m").message == nil)
    }

    @Test func mWithoutAFieldSaysSo() {
        let state = makeState().typing("m")
        #expect(state.query == Position(row: 12, col: 16))
        #expect(state.message?.contains("hottest") == true)
        var stale = makeState()
        stale.facts = FieldFacts(mode: .window, hottest: Position(row: 3, col: 4))
        #expect(stale.typing("m").query == Position(row: 12, col: 16), "facts of another mode are not used")
        var failed = makeState()
        failed.facts = FieldFacts(mode: .global, error: "global: not built yet")
        #expect(failed.typing("m").query == Position(row: 12, col: 16))
    }
}

@Suite("Modes")
struct ModeTests {
    @Test(arguments: Mode.allCases.filter { $0.digit != nil })
    func digitsPickModesInDesignOrder(mode: Mode) {
        let index = Mode.allCases.firstIndex(of: mode) ?? -1
        #expect(makeState().typing(String(index + 1)).mode == mode)
        #expect(makeState().typing("9").typing(String(index + 1)).mode == mode)
    }

    @Test func digitOrderIsTheDesignOrder() {
        #expect(Mode.allCases.map(\.name) == ["global", "window", "axial", "criss-cross", "dcn", "dat",
                                              "neighborhood", "lka", "lesa", "loaded"])
        #expect(Mode.loaded.digit == nil, "a tenth mode has no digit key")
        #expect(makeState().typing("0").mode == .global, "0 is not a mode key")
    }

    @Test func tabCyclesForwardAndWraps() {
        var state = makeState()
        var seen: [Mode] = []
        for _ in 0..<9 {
            state = state.pressing(.tab)
            seen.append(state.mode)
        }
        // Loaded attention is not offered without its file.
        #expect(seen == Array(Mode.allCases.filter { $0 != .loaded }.dropFirst()) + [.global])
        state.unavailableModes = []
        #expect(state.pressing(.backTab).mode == .loaded, "with an attention file Tab reaches it")
    }

    @Test func shiftTabCyclesBackward() {
        #expect(makeState().pressing(.backTab).mode == .lesa)
        #expect(makeState().pressing(.backTab, .backTab).mode == .lka)
        #expect(makeState().typing("5").pressing(.tab, .backTab).mode == .dcn)
    }

    @Test func eachModeKeepsItsOwnSettings() {
        let state = makeState().typing("2=").typing("5=")
        #expect(state.settingsByMode[.window]?.window == 8)
        #expect(state.settingsByMode[.dcn]?.kernel == 5)
        #expect(state.settingsByMode[.neighborhood]?.kernel == nil)
        #expect(state.typing("2").settings.window == 8)
    }
}
