import Testing
import Attention
@testable import Rendering

/// Where the glyph is the weight (shade, ASCII), geometry underlines a weighted cell instead of
/// replacing its glyph; cursors still cover; colour half-blocks keep drawing the geometry.
@Suite struct OverlayKeepsWeightsTests {
    static let query = CursorAndRouteTests.query
    static let tap = Position(row: 4, col: 7)

    static func field() -> AttentionField {
        CursorAndRouteTests.field(overlays: [.kernelGrid([Point(y: Double(tap.row), x: Double(tap.col))])])
    }

    @Test(arguments: [GlyphStyle.shade, .ascii])
    func aTapOnAWeightLeavesItsGlyphVisible(_ glyphs: GlyphStyle) {
        let unicode = glyphs != .ascii
        let set = unicode ? GlyphSet.unicode : GlyphSet.ascii
        let frame = CursorAndRouteTests.render(Self.field(), depth: .ansi16, glyphs: glyphs, unicode: unicode)
        let plain = CursorAndRouteTests.render(CursorAndRouteTests.field(), depth: .ansi16, glyphs: glyphs, unicode: unicode)
        let cell = CursorAndRouteTests.cell(of: Self.tap, in: frame)
        let bare = CursorAndRouteTests.cell(of: Self.tap, in: plain)
        #expect(set.ramp.dropFirst().contains(bare.glyph), "the tap's pixel holds a weight")
        #expect(cell.glyph == bare.glyph, "\(glyphs): the tap replaced the weight's glyph")
        let view = frame.views[0]
        if view.glyphs.cellsPerPixelX == 2 {
            // The tap takes the pixel's right cell; the left one keeps the weight.
            let dot = view.viewport.dot(of: Self.tap)!
            let right = frame.canvas[view.heatmap.x + dot.col * 2 + 1, view.heatmap.y + dot.row]
            #expect(right.glyph == set.kernelTap, "\(glyphs)")
        } else {
            #expect(cell.attributes.contains(.underline) && !bare.attributes.contains(.underline))
        }
    }

    @Test func halfBlocksInColourStillDrawTheTap() {
        let frame = CursorAndRouteTests.render(Self.field(), depth: .truecolor, glyphs: .halfBlock)
        #expect(CursorAndRouteTests.cell(of: Self.tap, in: frame).glyph == GlyphSet.unicode.kernelTap)
    }

    @Test func topKeyMarksHaveTheirOwnGlyph() {
        let mark = Position(row: 2, col: 2)
        let field = CursorAndRouteTests.field(overlays: [.marker(mark, label: "top")])
        let frame = CursorAndRouteTests.render(field, depth: .palette256, glyphs: .halfBlock)
        #expect(CursorAndRouteTests.cell(of: mark, in: frame).glyph == "◈")
        let ascii = CursorAndRouteTests.render(field, depth: .monochrome, glyphs: .ascii, unicode: false)
        let cell = CursorAndRouteTests.cell(of: mark, in: ascii).glyph
        #expect(cell == (ascii.views[0].glyphs.cellsPerPixelX == 2 ? "(" : "T"))
    }
}
