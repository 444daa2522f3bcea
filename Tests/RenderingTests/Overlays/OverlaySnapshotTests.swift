import Testing
import Attention
import Rendering

/// One golden frame per overlay kind, in Unicode shade and ASCII (both monochrome, so the
/// glyphs alone must carry values and overlays), plus half-block colour frames.
@Suite struct OverlaySnapshotTests {
    static func render(_ views: [FrameView], glyphs: GlyphStyle, unicode: Bool = true, depth: ColorDepth = .monochrome,
                       width: Int = 72, height: Int = 24) -> String {
        let style = RenderStyle(colorDepth: depth, glyphs: glyphs, unicode: unicode)
        return FrameRenderer(style: style).render(FrameContent(views: views, status: "status"), width: width, height: height)
            .canvas.plainText
    }

    static let cases: [(String, [FrameView])] = [
        ("window", [FrameView(title: "window", field: OverlayFields.window())]),
        ("shifted-window", [FrameView(title: "original", field: OverlayFields.shiftedWindow()),
                            FrameView(title: "rolled", field: OverlayFields.shiftedWindow(), coordinates: .rolled)]),
        ("cross", [FrameView(title: "criss-cross", field: OverlayFields.cross())]),
        ("route", [FrameView(title: "route", field: OverlayFields.route())]),
        ("dat", [FrameView(title: "dat", field: OverlayFields.dat())]),
        ("dcn", [FrameView(title: "dcn", field: OverlayFields.dcn())]),
        ("nan-and-cursor", [FrameView(title: "nan", field: OverlayFields.withNaN(), cursor: Position(row: 8, col: 10))]),
    ]

    @Test(arguments: cases.map(\.0))
    func shade(_ name: String) {
        let views = Self.cases.first { $0.0 == name }!.1
        Snapshot.check(Self.render(views, glyphs: .shade), named: "overlay-\(name)-shade")
    }

    @Test(arguments: cases.map(\.0))
    func ascii(_ name: String) {
        let views = Self.cases.first { $0.0 == name }!.1
        let text = Self.render(views, glyphs: .ascii, unicode: false)
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "ASCII frame has non-ASCII glyphs")
        Snapshot.check(text, named: "overlay-\(name)-ascii")
    }

    @Test(arguments: cases.map(\.0))
    func halfBlock(_ name: String) {
        let views = Self.cases.first { $0.0 == name }!.1
        Snapshot.check(Self.render(views, glyphs: .halfBlock, depth: .palette256), named: "overlay-\(name)-half")
    }

    @Test func twoColumnNumbers() {
        let style = RenderStyle(colorDepth: .palette256, glyphs: .twoColumn, showNumbers: true)
        let text = FrameRenderer(style: style).render(
            FrameContent(views: [FrameView(title: "numbers", field: OverlayFields.window())]), width: 40, height: 20
        ).canvas.plainText
        Snapshot.check(text, named: "two-column-numbers")
    }
}
