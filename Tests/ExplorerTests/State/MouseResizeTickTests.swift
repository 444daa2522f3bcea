import Attention
import Rendering
import Testing
@testable import Explorer

@Suite("Mouse, resize and ticks")
struct MouseResizeTickTests {
    /// A 24×32 global-looking field, drawn by Rendering into an 80×24 frame; the state keeps the
    /// views as the loop does.
    func drawnState() -> (ExplorerState, RenderedView) {
        var state = makeState()
        let weights = [Float](repeating: 1 / 768, count: 768)
        let field = AttentionField(mode: .global, height: 24, width: 32, query: state.query, weights: weights,
                                   cost: Cost(macsPerQuery: 1, queriesPerLayer: 768, keysPerQuery: 768),
                                   keysAttended: 768)
        let frame = FrameRenderer(style: RenderStyle()).render(
            FrameContent(views: [FrameView(title: "t", field: field)], status: "s", hint: "h"), width: 80, height: 24)
        state.viewports = frame.views
        return (state, frame.views[0])
    }

    @Test func aClickSetsTheQueryThroughTheRenderedViewport() throws {
        let (state, view) = drawnState()
        let heat = view.heatmap
        // Every cell of the heatmap maps to the pixel Rendering says it shows.
        for (x, y) in [(heat.x, heat.y), (heat.x + heat.width - 1, heat.y + heat.height - 1),
                       (heat.x + heat.width / 2, heat.y + heat.height / 3)] {
            let expected = try #require(view.position(column: x, row: y))
            #expect(update(state, .mouse(.press, x: x, y: y)).query == expected)
        }
        #expect(update(state, .mouse(.press, x: heat.x, y: heat.y)).query == Position(row: 0, col: 0))
        let corner = update(state, .mouse(.press, x: heat.x + heat.width - 1, y: heat.y + heat.height - 1)).query
        #expect(corner.col == 31 && corner.row >= 22)
    }

    @Test func aClickOutsideTheMapChangesNothing() {
        let (start, view) = drawnState()
        let heat = view.heatmap
        #expect(update(start, .mouse(.press, x: heat.x + heat.width, y: heat.y)) == start)
        #expect(update(start, .mouse(.press, x: heat.x, y: heat.y + heat.height)) == start)
        #expect(update(start, .mouse(.press, x: 79, y: 23)) == start)
        #expect(update(makeState(), .mouse(.press, x: 5, y: 5)) == makeState(), "no frame drawn yet")
    }

    @Test func resizeRecordsTheSizeAndForgetsTheOldLayout() {
        let state = update(drawnState().0, .resize(columns: 40, rows: 12))
        #expect(state.screenColumns == 40 && state.screenRows == 12)
        #expect(state.viewports.isEmpty)
        #expect(update(state, .resize(columns: -3, rows: 0)).screenColumns == 0)
    }

    @Test func resizeKeepsQueryModeAndSettings() {
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
