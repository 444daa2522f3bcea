import Testing
import Attention
import Rendering

/// Every overlay fixture at every size, policy and glyph rung: overlays partly or wholly off a
/// panned or pooled view must be clipped, never trap.
@Suite struct OverlaySweepTests {
    static let fields: [AttentionField] = [
        OverlayFields.window(), OverlayFields.shiftedWindow(), OverlayFields.cross(), OverlayFields.route(),
        OverlayFields.dat(), OverlayFields.dcn(), OverlayFields.withNaN(),
    ]

    @Test(arguments: [ViewportPolicy.fit, .pan])
    func sweep(_ policy: ViewportPolicy) {
        let sizes = [(20, 6), (21, 7), (24, 8), (31, 9), (40, 12), (57, 17), (80, 24), (300, 100)]
        for field in Self.fields {
            for coordinates in [ViewCoordinates.original, .rolled] {
                let view = FrameView(title: "sweep", field: field, cursor: Position(row: field.height - 1, col: 0),
                                     coordinates: coordinates)
                for glyphs in GlyphStyle.allCases {
                    let style = RenderStyle(colorDepth: .palette256, glyphs: glyphs, unicode: glyphs != .ascii,
                                            viewport: policy)
                    let renderer = FrameRenderer(style: style)
                    for (w, h) in sizes {
                        let frame = renderer.render(FrameContent(views: [view, view], sidePanel: ["a", "b"],
                                                                 caption: "c", status: "s", hint: "h"), width: w, height: h)
                        #expect(frame.canvas.width == w && frame.canvas.height == h)
                        #expect(!frame.views.isEmpty)
                        for v in frame.views { #expect(v.viewport.dot(of: view.cursor!) != nil || coordinates == .rolled) }
                    }
                }
            }
        }
    }
}
