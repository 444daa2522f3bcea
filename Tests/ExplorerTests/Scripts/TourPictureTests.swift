import Attention
import Explorer
import FeatureMaps
import Foundation
import Rendering
import Testing

/// Every step of the shipped tours draws what it is about: each view has keys with mass off the
/// query, and every one of them is drawn (not left as background), at 80×24, 120×40 and 200×60.
@Suite struct TourPictureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Whether a half-block or two-column dot shows a colour (the terminal's background: not drawn).
    static func visible(row: Int, col: Int, view: RenderedView, canvas: Canvas) -> Bool {
        if view.glyphs == .halfBlock {
            let cell = canvas[view.heatmap.x + col, view.heatmap.y + row / 2]
            let upper = row % 2 == 0
            let shown: CellColor
            switch cell.glyph {
            case "▀": shown = upper ? cell.foreground : cell.background
            case "▄": shown = upper ? cell.background : cell.foreground
            default: shown = cell.background
            }
            return shown != .terminalDefault
        }
        let cell = canvas[view.heatmap.x + 2 * col, view.heatmap.y + row]
        return cell.glyph != " " || cell.background != .terminalDefault
    }

    @Test(arguments: ["mechanisms", "criss-cross", "swin"])
    func everyStepShowsItsMassOffTheQuery(_ name: String) throws {
        let shipped = try ShippedTour(name)
        let (tour, mainSpec, loaded, facts, main) = (shipped.script, shipped.mainSpec, shipped.maps, shipped.facts, shipped.main)
        var base = ExplorerState(mapName: main.name, mapHeight: main.height, mapWidth: main.width)
        base.teaching.mapSpec = mainSpec
        let renderer = FrameRenderer(style: RenderStyle(colorDepth: .palette256))
        var workers: [String: FieldWorker] = [:]
        defer { workers.values.forEach { $0.stop() } }
        var checked = 0
        for index in tour.steps.indices {
            var state = try tour.state(at: index, from: base, maps: facts)
            let spec = state.teaching.mapSpec ?? mainSpec
            let worker = workers[spec] ?? FieldWorker(map: loaded[spec] ?? main, inputs: AttentionInputs())
            workers[spec] = worker
            for (w, h) in [(80, 24), (120, 40), (200, 60)] {
                state.screenColumns = w
                state.screenRows = h
                let requests = FrameComposer.requests(for: state)
                worker.submit(requests)
                let outcomes = requests.map { worker.wait(for: $0, until: Date().addingTimeInterval(60)) }
                let content = FrameComposer.content(state, outcomes: outcomes, preparing: false)
                let frame = renderer.render(content, width: w, height: h)
                let at = "\(name) step \(index + 1) at \(w)×\(h)"
                try #require(!frame.views.isEmpty, "\(at): nothing drawn")
                for (view, shown) in zip(frame.views, content.views) where view.rolled == nil {
                    let values = view.viewport.dotValues(shown.field.storedWeights)
                    let query = view.viewport.dot(of: shown.field.query)
                    let perCell = view.glyphs == .halfBlock ? 2 : 1
                    var massive = 0, drawn = 0
                    for r in 0..<view.viewport.dotRows {
                        for c in 0..<view.viewport.dotCols where values[r * view.viewport.dotCols + c] > 0 {
                            if let q = query, q.row / perCell == r / perCell, q.col == c { continue }
                            massive += 1
                            if Self.visible(row: r, col: c, view: view, canvas: frame.canvas) { drawn += 1 }
                        }
                    }
                    checked += 1
                    #expect(massive > 0, "\(at) \(shown.title): no mass off the query")
                    #expect(drawn == massive, "\(at) \(shown.title): \(massive - drawn) of \(massive) keys with mass not drawn")
                }
            }
        }
        #expect(checked >= 3 * tour.steps.count, "\(checked) views checked")
    }
}
