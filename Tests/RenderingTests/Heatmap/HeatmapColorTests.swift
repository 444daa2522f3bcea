import Testing
import Attention
import Rendering

@Suite struct HeatmapColorTests {
    /// A 4×2 map, values 0, 1/7, …, 1 row-major, drawn at truecolor with 8 bands.
    static func frame(glyphs: GlyphStyle, depth: ColorDepth = .truecolor) -> RenderedFrame {
        let values: [Float] = (0..<8).map { Float($0) / 7 }
        let field = Fields.make(height: 4, width: 2, query: Position(row: 3, col: 1), weights: values)
        let style = RenderStyle(colorDepth: depth, glyphs: glyphs, scale: .linear, levels: 8)
        return FrameRenderer(style: style).render(FrameContent(views: [FrameView(title: "t", field: field)]),
                                                  width: 20, height: 12)
    }

    /// Band b of 8 of viridis, as the ramp defines it: the colour at b/7.
    static func band(_ b: Int) -> CellColor {
        let c = Colormap.viridis.color(at: Double(b) / 7)
        return .rgb(c.r, c.g, c.b)
    }

    @Test func halfBlockCellsCarryTwoRows() {
        let frame = Self.frame(glyphs: .halfBlock)
        let view = frame.views[0]
        #expect(view.glyphs == .halfBlock)
        #expect(view.viewport.enlargement > 1)
        let heat = view.heatmap
        for k in 1..<7 {  // pixel 0 is an exact zero (background); pixel 7 is under the query cursor
            let p = Position(row: k / 2, col: k % 2)
            let dot = view.viewport.dot(of: p)!
            let cell = frame.canvas[heat.x + dot.col, heat.y + dot.row / 2]
            // A cell whose upper dot is the zero pixel leaves that half to the background (`▄`).
            let upperIsZero = dot.row % 2 == 1 && view.viewport.mapPosition(dotRow: dot.row - 1, dotCol: dot.col) == Position(row: 0, col: 0)
            #expect(cell.glyph == (upperIsZero ? "▄" : "▀"), "pixel \(p)")
            // Unit k/7 with 8 bands → band ⌊k/7·8⌋ = k for k < 7.
            #expect(DotLook.of(row: dot.row, col: dot.col, view: view, canvas: frame.canvas).colour == Self.band(k), "pixel \(p)")
        }
    }

    @Test func shadeGlyphsRiseWithTheValue() {
        let frame = Self.frame(glyphs: .shade, depth: .monochrome)
        let heat = frame.views[0].heatmap
        let ramp: [Character] = [" ", "░", "▒", "▓", "█"]
        var previous = -1
        for row in 0..<4 {
            for col in 0..<2 {
                let p = frame.views[0].viewport.dot(of: Position(row: row, col: col))!
                let cell = frame.canvas[heat.x + 2 * p.col, heat.y + p.row]
                guard cell.glyph != "[" else { continue }  // the query cursor
                let index = ramp.firstIndex(of: cell.glyph) ?? -1
                #expect(index >= previous, "glyph falls at \(row),\(col)")
                previous = index
            }
        }
        #expect(previous == 4 || previous == 3)
    }

    @Test func cursorStandsOutOverTheHeatmap() {
        for glyphs in [GlyphStyle.halfBlock, .twoColumn] {
            let frame = Self.frame(glyphs: glyphs, depth: .palette256)
            let view = frame.views[0]
            let dot = view.viewport.dot(of: Position(row: 3, col: 1))!
            let x = view.heatmap.x + dot.col * (glyphs == .halfBlock ? 1 : 2)
            let y = view.heatmap.y + dot.row / (glyphs == .halfBlock ? 2 : 1)
            let cell = frame.canvas[x, y]
            #expect(cell.attributes.contains(.bold))
            #expect(cell.foreground != cell.background)
            // Over the brightest band the ink is black (16 in the cube), not white.
            #expect(cell.foreground == .indexed(16))
        }
    }

    @Test func nanIsRedAndMarked() {
        let field = Fields.make(height: 2, width: 2, query: Position(row: 0, col: 0), weights: [0.5, .nan, 0.25, 0.25])
        let frame = FrameRenderer(style: RenderStyle(colorDepth: .palette256, glyphs: .twoColumn))
            .render(FrameContent(views: [FrameView(title: "n", field: field)]), width: 30, height: 12)
        let view = frame.views[0]
        let dot = view.viewport.dot(of: Position(row: 0, col: 1))!
        let cell = frame.canvas[view.heatmap.x + 2 * dot.col, view.heatmap.y + dot.row]
        #expect(cell.glyph == "×")
        #expect(cell.foreground == .indexed(196))
        let ascii = FrameRenderer(style: RenderStyle(colorDepth: .monochrome, unicode: false))
            .render(FrameContent(views: [FrameView(title: "n", field: field)]), width: 30, height: 12)
        #expect(ascii.canvas.plainText.contains("??"))
    }

    @Test func signedMapsUseTheDivergingMap() {
        let field = Fields.make(height: 1, width: 3, query: Position(row: 0, col: 1), weights: [-1, 0, 1])
        let frame = FrameRenderer(style: RenderStyle(colorDepth: .truecolor, glyphs: .twoColumn, levels: 3))
            .render(FrameContent(views: [FrameView(title: "s", field: field)]), width: 40, height: 12)
        let view = frame.views[0]
        #expect(view.mapping.signed)
        let left = frame.canvas[view.heatmap.x, view.heatmap.y].background
        let right = frame.canvas[view.heatmap.maxX - 1, view.heatmap.y].background
        let blue = Colormap.diverging.color(at: 0), red = Colormap.diverging.color(at: 1)
        #expect(left == .rgb(blue.r, blue.g, blue.b))
        #expect(right == .rgb(red.r, red.g, red.b))
        #expect(frame.canvas.plainText.contains("signed"))
    }
}

@Suite struct HeatmapOddValuesTests {
    @Test(arguments: [[Float.nan, .nan, .nan, .nan], [Float.infinity, 0, 1, 2], [-Float.infinity, 0, 0, 0], [Float(0), 0, 0, 0],
                      [Float(1e-38), Float.leastNonzeroMagnitude, 0, 3e38], [Float(-2e30), 5e29, 1, -1]])
    func oddValuesRenderWithoutTrouble(_ weights: [Float]) {
        let field = Fields.make(height: 2, width: 2, query: Position(row: 1, col: 1), weights: weights)
        for scale in ValueScale.cycle {
            for glyphs in GlyphStyle.allCases {
                let style = RenderStyle(colorDepth: .palette256, glyphs: glyphs, scale: scale, showNumbers: true)
                let frame = FrameRenderer(style: style).render(FrameContent(views: [FrameView(title: "odd", field: field)]),
                                                               width: 30, height: 10)
                #expect(frame.views.count == 1)
                #expect(!SVGWriter().write(frame.canvas).isEmpty)
            }
        }
    }
}
