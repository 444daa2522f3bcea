import Attention
import Testing
@testable import Explorer

@Suite("Mouse, resize and ticks")
struct MouseResizeTickTests {
    /// A 24×32 map drawn with half blocks at (2, 1): one cell is 1 column × 2 rows of the map.
    func drawnState() -> ExplorerState {
        var state = makeState()
        state.viewports = [ScreenViewport(x: 2, y: 1, columns: 32, rows: 12, origin: Position(row: 0, col: 0),
                                          mapColumnsPerCell: 1, mapRowsPerCell: 2)]
        return state
    }

    @Test func aClickSetsTheQueryThroughTheViewport() {
        let state = update(drawnState(), .mouse(.press, x: 7, y: 4))
        #expect(state.query == Position(row: 6, col: 5))
        #expect(update(drawnState(), .mouse(.press, x: 2, y: 1)).query == Position(row: 0, col: 0))
        #expect(update(drawnState(), .mouse(.press, x: 33, y: 12)).query == Position(row: 22, col: 31))
    }

    @Test func aClickOutsideTheMapChangesNothing() {
        let start = drawnState()
        #expect(update(start, .mouse(.press, x: 1, y: 4)) == start)
        #expect(update(start, .mouse(.press, x: 34, y: 4)) == start)
        #expect(update(start, .mouse(.press, x: 5, y: 13)) == start)
        #expect(update(makeState(), .mouse(.press, x: 5, y: 5)) == makeState(), "no frame drawn yet")
    }

    @Test func aPannedOrPooledViewportMapsBack() {
        let panned = ScreenViewport(x: 0, y: 0, columns: 10, rows: 5, origin: Position(row: 100, col: 40),
                                    mapColumnsPerCell: 1, mapRowsPerCell: 2)
        #expect(panned.position(column: 3, row: 2) == Position(row: 104, col: 43))
        let pooled = ScreenViewport(x: 0, y: 0, columns: 10, rows: 5, origin: Position(row: 0, col: 0),
                                    mapColumnsPerCell: 4, mapRowsPerCell: 8)
        #expect(pooled.position(column: 3, row: 2) == Position(row: 16, col: 12))
        let wide = ScreenViewport(x: 0, y: 0, columns: 10, rows: 5, origin: Position(row: 0, col: 0),
                                  mapColumnsPerCell: 0.5, mapRowsPerCell: 1)
        #expect(wide.position(column: 3, row: 2) == Position(row: 2, col: 1))
        #expect(wide.position(column: 10, row: 2) == nil)
    }

    @Test func resizeRecordsTheSizeAndForgetsTheOldLayout() {
        let state = update(drawnState(), .resize(columns: 40, rows: 12))
        #expect(state.screenColumns == 40 && state.screenRows == 12)
        #expect(state.viewports.isEmpty)
        #expect(update(state, .resize(columns: -3, rows: 0)).screenColumns == 0)
    }

    @Test func resizeKeepsQueryModeAndMessage() {
        let start = makeState().typing("4L=")
        let state = update(start, .resize(columns: 10, rows: 4))
        #expect(state.query == start.query && state.mode == start.mode && state.settings == start.settings)
    }

    @Test func ticksOnlyCount() {
        let start = makeState().typing("?")
        var state = update(start, .tick)
        #expect(state.ticks == start.ticks + 1)
        state.ticks = start.ticks
        #expect(state == start)
    }
}
