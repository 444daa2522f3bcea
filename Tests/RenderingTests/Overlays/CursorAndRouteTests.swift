import Testing
import Attention
@testable import Rendering

/// The query cursor stands out at every depth, with its row and column ticked on the frame; p
/// and m have marks of their own; routes have a colour (and glyphs) each, shared by the panel.
@Suite struct CursorAndRouteTests {
    static let query = Position(row: 4, col: 5)

    static func field(overlays: [Overlay] = []) -> AttentionField {
        Fields.blob(height: 10, width: 12, query: query, overlays: overlays)
    }

    static func render(_ field: AttentionField, depth: ColorDepth, glyphs: GlyphStyle = .auto, unicode: Bool = true,
                       panel: [String] = []) -> RenderedFrame {
        FrameRenderer(style: RenderStyle(colorDepth: depth, glyphs: glyphs, unicode: unicode))
            .render(FrameContent(views: [FrameView(title: "c", field: field)], sidePanel: panel), width: 70, height: 20)
    }

    static func cell(of p: Position, in frame: RenderedFrame) -> Cell {
        let view = frame.views[0]
        let dot = view.viewport.dot(of: p)!
        let x = view.heatmap.x + dot.col * (view.glyphs == .halfBlock ? 1 : 2)
        let y = view.heatmap.y + dot.row / (view.glyphs == .halfBlock ? 2 : 1)
        return frame.canvas[x, y]
    }

    @Test(arguments: [ColorDepth.truecolor, .palette256, .ansi16, .ansi8, .monochrome])
    func theCursorIsABlockWithTicks(_ depth: ColorDepth) {
        for glyphs in GlyphStyle.allCases {
            let frame = Self.render(Self.field(), depth: depth, glyphs: glyphs, unicode: glyphs != .ascii)
            let cell = Self.cell(of: Self.query, in: frame)
            #expect(cell.attributes.contains(.bold))
            if depth.hasColor {
                #expect(cell.background == depth.cellColor(RGB(255, 255, 255)), "\(depth) \(glyphs)")
                #expect(cell.foreground == depth.cellColor(RGB(0, 0, 0)), "\(depth) \(glyphs)")
            } else {
                #expect(cell.attributes.contains(.reverse), "\(depth) \(glyphs)")
            }
            // Ticks on the frame at the query's row (left, right) and column (top, bottom).
            let view = frame.views[0]
            let dot = view.viewport.dot(of: Self.query)!
            let y = view.heatmap.y + dot.row / (view.glyphs == .halfBlock ? 2 : 1)
            let x = view.heatmap.x + dot.col * (view.glyphs == .halfBlock ? 1 : 2)
            let ticks = glyphs == .ascii ? GlyphSet.ascii.crossTicks : GlyphSet.unicode.crossTicks
            #expect(frame.canvas[view.heatmap.x - 1, y].glyph == ticks[0], "\(depth) \(glyphs)")
            #expect(frame.canvas[view.heatmap.maxX, y].glyph == ticks[1])
            #expect(frame.canvas[x, view.heatmap.y - 1].glyph == ticks[2])
            #expect(frame.canvas[x, view.heatmap.maxY].glyph == ticks[3])
        }
    }

    @Test func targetAndIntermediateHaveTheirOwnMarksAndLegend() {
        let p = Position(row: 8, col: 10), m = Position(row: 4, col: 10)
        let field = Self.field(overlays: [.marker(p, label: "p"), .marker(m, label: "m")])
        let frame = Self.render(field, depth: .palette256, glyphs: .halfBlock)
        #expect(Self.cell(of: p, in: frame).glyph == "◆")
        #expect(Self.cell(of: m, in: frame).glyph == "◇")
        #expect(frame.canvas.plainText.contains("◎ query ◆ p ◇ m"))
        let ascii = Self.render(field, depth: .monochrome, glyphs: .ascii, unicode: false)
        #expect(Self.cell(of: p, in: ascii).glyph == "<")
        #expect(ascii.canvas.plainText.contains("[] query <> p {} m"))
    }

    @Test func eachRouteHasItsColourAndThePanelNamesItInThatColour() {
        let p = Position(row: 8, col: 10)
        let strong = Route(positions: [Self.query, Position(row: 4, col: 10), p], weight: 0.9)
        let faint = Route(positions: [Self.query, Position(row: 8, col: 5), p], weight: 0.1)
        let field = Self.field(overlays: [.route(strong), .route(faint), .marker(p, label: "p")])
        let frame = Self.render(field, depth: .truecolor, glyphs: .halfBlock,
                                panel: [RouteKey.label(0) + " via (4,10)", RouteKey.label(1) + " via (8,5)"])
        // A cell on each route's first leg: along row 4 (strong) and down column 5 (faint).
        let onStrong = Self.cell(of: Position(row: 4, col: 8), in: frame)
        let onFaint = Self.cell(of: Position(row: 6, col: 5), in: frame)
        #expect(onStrong.glyph == "━" && onFaint.glyph == "║")
        #expect(onStrong.foreground == .rgb(255, 150, 0) && onFaint.foreground == .rgb(0, 220, 255))
        #expect(onStrong.attributes.contains(.bold) && onFaint.attributes.contains(.dim))
        // The weight under a route stays visible: the cell keeps the weight's colour behind the glyph.
        #expect(onStrong.background != .terminalDefault)
        // The side panel's "route 1" / "route 2" in the same colours.
        let text = frame.canvas.plainText.split(separator: "\n", omittingEmptySubsequences: false)
        for (label, colour) in [("route 1", CellColor.rgb(255, 150, 0)), ("route 2", .rgb(0, 220, 255))] {
            let row = text.firstIndex { $0.contains(label) }!
            let col = text[row].distance(from: text[row].startIndex, to: text[row].range(of: label)!.lowerBound)
            #expect(frame.canvas[col, row].foreground == colour, "\(label)")
        }
        // Without colour the routes still differ by their glyphs.
        // Over a weight a route takes the pixel's right cell, leaving the weight's glyph on the left.
        let mono = Self.render(field, depth: .monochrome, glyphs: .shade)
        func right(_ p: Position) -> Cell {
            let view = mono.views[0], dot = view.viewport.dot(of: p)!
            return mono.canvas[view.heatmap.x + dot.col * 2 + 1, view.heatmap.y + dot.row]
        }
        #expect(mono.views[0].glyphs.cellsPerPixelX == 2)
        #expect(right(Position(row: 4, col: 8)).glyph != right(Position(row: 6, col: 5)).glyph)
    }
}
