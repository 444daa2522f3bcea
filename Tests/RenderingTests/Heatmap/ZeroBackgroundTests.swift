import Testing
import Attention
@testable import Rendering

/// Exact zero is drawn as background (or the picture), distinct from the lowest band, at every
/// colour depth and glyph style; the smallest nonzero weight is the lowest visible shade.
@Suite struct ZeroBackgroundTests {
    /// A 2×2 map: an exact zero, a tiny weight (lowest band under linear), and two big ones.
    static let weights: [Float] = [0, 1e-4, 0.5, 0.4999]

    static let depths: [ColorDepth] = [.truecolor, .palette256, .ansi16, .ansi8, .monochrome]

    static func frame(depth: ColorDepth, glyphs: GlyphStyle, unicode: Bool = true, picture: Underlay? = nil)
        -> RenderedFrame {
        let field = Fields.make(height: 2, width: 2, query: Position(row: 1, col: 1), weights: weights)
        let style = RenderStyle(colorDepth: depth, glyphs: glyphs, unicode: unicode, scale: .linear, levels: 8)
        return FrameRenderer(style: style).render(FrameContent(views: [FrameView(title: "z", field: field)], underlay: picture),
                                                  width: 30, height: 12)
    }

    static func look(_ frame: RenderedFrame, _ p: Position) -> DotLook {
        let view = frame.views[0]
        let dot = view.viewport.dot(of: p)!
        return DotLook.of(row: dot.row, col: dot.col, view: view, canvas: frame.canvas)
    }

    @Test(arguments: depths)
    func zeroIsBlankAndTheSmallestWeightShows(_ depth: ColorDepth) {
        for glyphs in GlyphStyle.allCases {
            let frame = Self.frame(depth: depth, glyphs: glyphs, unicode: glyphs != .ascii)
            let zero = Self.look(frame, Position(row: 0, col: 0))
            let tiny = Self.look(frame, Position(row: 0, col: 1))
            #expect(!zero.visible, "\(depth) \(glyphs): zero drawn as \(zero)")
            #expect(tiny.visible, "\(depth) \(glyphs): the smallest weight is not drawn")
            #expect(zero != tiny)
            if !depth.hasColor || glyphs == .shade || glyphs == .ascii {
                // Without colour the glyph carries the value: the lowest visible one.
                let ramp = glyphs == .ascii || !frame.views[0].glyphs.usesUnicodeRamp ? GlyphSet.ascii.ramp : GlyphSet.unicode.ramp
                if frame.views[0].glyphs != .twoColumn && frame.views[0].glyphs != .halfBlock {
                    #expect(tiny.glyph == ramp[1], "\(depth) \(glyphs)")
                }
            }
        }
    }

    @Test(arguments: [ColorDepth.truecolor, .palette256])
    func zeroShowsThePictureDistinctFromTheLowestBand(_ depth: ColorDepth) {
        // A flat mid-grey picture: zero shows it bare; the tiny weight covers it with the lowest band.
        let picture = Underlay(height: 2, width: 2, values: [0.5, 0.5, 0.5, 0.5])!
        for glyphs in [GlyphStyle.halfBlock, .twoColumn, .shade] {
            let frame = Self.frame(depth: depth, glyphs: glyphs, picture: picture)
            let zero = Self.look(frame, Position(row: 0, col: 0))
            let tiny = Self.look(frame, Position(row: 0, col: 1))
            #expect(zero.colour != nil, "\(depth) \(glyphs): the picture is not drawn under a zero")
            #expect(zero.colour != tiny.colour || zero.glyph != tiny.glyph, "\(depth) \(glyphs): zero looks like the lowest band")
        }
    }

    @Test(arguments: [ColorDepth.ansi16, .ansi8, .monochrome])
    func fewColoursDrawNoPictureSoZeroStaysBlank(_ depth: ColorDepth) {
        // Their greys are the entries bands snap to: no picture, zero is the terminal's background.
        let picture = Underlay(height: 2, width: 2, values: [0.2, 0.5, 0.8, 1])!
        for glyphs in [GlyphStyle.auto, .twoColumn, .shade] {
            let frame = Self.frame(depth: depth, glyphs: glyphs, picture: picture)
            #expect(!Self.look(frame, Position(row: 0, col: 0)).visible, "\(depth) \(glyphs)")
            #expect(Self.look(frame, Position(row: 0, col: 1)).visible, "\(depth) \(glyphs)")
        }
    }

    @Test func signedZeroIsTheMiddleOfTheDivergingMap() {
        let field = Fields.make(height: 1, width: 3, query: Position(row: 0, col: 2), weights: [-1, 0, 1])
        let frame = FrameRenderer(style: RenderStyle(colorDepth: .truecolor, glyphs: .twoColumn, levels: 3))
            .render(FrameContent(views: [FrameView(title: "s", field: field)]), width: 40, height: 12)
        let middle = Self.look(frame, Position(row: 0, col: 1))
        #expect(middle.colour != nil)
    }
}

extension GlyphStyle {
    /// Whether the style draws Unicode ramp glyphs (everything but ASCII).
    var usesUnicodeRamp: Bool { self != .ascii }
}
