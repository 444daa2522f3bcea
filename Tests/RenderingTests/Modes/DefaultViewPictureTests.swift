import Testing
import Attention
import FeatureMaps
@testable import Rendering

/// Every mode's default view on `scene:default` (criss-cross's is the composed map) draws what
/// its caption names: every key with mass off the query is visible, keys without mass are
/// background, and the weights off the query spread over several shades (the automatic scale
/// shows the rest, not only the hottest key), at every window size the explorer opens in.
@Suite struct DefaultViewPictureTests {
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    static func field(_ mode: Mode) throws -> AttentionField {
        let map = try FeatureMapLoader.load("scene:default")
        let field = try AttentionEngine(map: map).field(mode, at: Position(row: map.height / 2, col: map.width / 2),
                                                         settings: AttentionSettings())
        if mode == .crissCross { #expect(field.stepLabel == "composed") }
        return field
    }

    @Test(arguments: Mode.allCases.filter { $0.descriptor.needs.isEmpty })  // loaded attention needs its file
    func offQueryMassIsVisible(_ mode: Mode) throws {
        let field = try Self.field(mode)
        for (depth, glyphs) in [(ColorDepth.palette256, GlyphStyle.auto), (.monochrome, .auto)] {
            let renderer = FrameRenderer(style: RenderStyle(colorDepth: depth, glyphs: glyphs))
            for (w, h) in Self.sizes {
                let frame = renderer.render(.single(field, mapName: "scene:default"), width: w, height: h)
                var plain = field
                plain.overlays = []
                plain.samples = []
                let bare = renderer.render(.single(plain, mapName: "scene:default"), width: w, height: h).canvas
                let view = try #require(frame.views.first)
                let values = view.viewport.dotValues(field.storedWeights)
                let query = view.viewport.dot(of: field.query)
                var massive = 0, shown = 0, empty = 0, blank = 0
                var looks = Set<String>()
                for r in 0..<view.viewport.dotRows {
                    // The cursor's cell (both dots of a half-block cell) shows the cursor, not a weight.
                    let perCell = view.glyphs == .halfBlock ? 2 : 1
                    for c in 0..<view.viewport.dotCols where query.map({ $0.row / perCell != r / perCell || $0.col != c }) ?? true {
                        let look = DotLook.of(row: r, col: c, view: view, canvas: frame.canvas)
                        if values[r * view.viewport.dotCols + c] > 0 {
                            massive += 1
                            if look.visible { shown += 1 }
                            looks.insert("\(look.glyph)\(String(describing: look.colour))")
                        } else if values[r * view.viewport.dotCols + c] == 0 {
                            empty += 1
                            if !DotLook.of(row: r, col: c, view: view, canvas: bare).visible { blank += 1 }
                        }
                    }
                }
                let at = "\(mode.name) \(depth) \(w)×\(h)"
                #expect(massive > 0, "\(at): no mass off the query")
                #expect(shown == massive, "\(at): \(massive - shown) of \(massive) keys with mass are not drawn")
                // Without overlays (which may mark empty keys), every empty key is background.
                #expect(blank == empty, "\(at): \(empty - blank) of \(empty) empty keys drawn")
                // More than one shade off the query: with 24 colour bands at least three.
                #expect(looks.count >= (depth.hasColor ? 3 : 2), "\(at): the keys off the query show only \(looks.count) shades")
            }
        }
    }
}
