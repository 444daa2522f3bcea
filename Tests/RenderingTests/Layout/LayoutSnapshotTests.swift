import Testing
import Attention
import Rendering

/// Golden frames of the layout policy: the floor size, a compare grid, the too-small notice,
/// and a narrow window that drops the side panel.
@Suite struct LayoutSnapshotTests {
    static func content(views: Int) -> FrameContent {
        let modes: [Mode] = [.global, .window, .axial, .crissCross]
        let fields = (0..<views).map { i in
            FrameView(title: modes[i % 4].title,
                      field: Fields.blob(mode: modes[i % 4], height: 12, width: 16, query: Position(row: 4, col: 6),
                                         sigma: 1.5 + Double(i), overlays: i == 1 ? [.window(PixelRect(top: 0, left: 0, height: 7, width: 7))] : []))
        }
        return FrameContent(views: fields, sidePanel: ["map 12×16", "query 4,6", "Σ 1.000000", "entropy 2.700 nats"],
                            caption: "Four mechanisms, one query: the compare view puts them side by side with their own legends.",
                            status: "compare  q=4,6  mode 1/4", hint: "c close compare  arrows move  q quit")
    }

    static func render(_ content: FrameContent, _ width: Int, _ height: Int, glyphs: GlyphStyle = .shade) -> String {
        FrameRenderer(style: RenderStyle(colorDepth: .monochrome, glyphs: glyphs)).render(content, width: width, height: height)
            .canvas.plainText
    }

    @Test func floorSize() { Snapshot.check(Self.render(Self.content(views: 1), 20, 6), named: "layout-20x6") }

    @Test func tooSmall() { Snapshot.check(Self.render(Self.content(views: 1), 19, 5), named: "layout-too-small") }

    @Test func compareGrid() { Snapshot.check(Self.render(Self.content(views: 4), 100, 36), named: "layout-compare-4") }

    @Test func narrowDropsTheSidePanel() {
        let text = Self.render(Self.content(views: 1), 40, 16)
        #expect(!text.contains("entropy"))
        Snapshot.check(text, named: "layout-40x16")
    }
}
