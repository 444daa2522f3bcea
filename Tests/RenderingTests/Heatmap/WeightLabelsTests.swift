import Testing
import Attention
@testable import Rendering

/// Weights printed inside the big cells of an enlarged small map (`--numbers`, presenter).
@Suite struct WeightLabelsTests {
    /// A 5×5 map with known weights: 0.5 at the centre, 0.125 at its four neighbours, 0 elsewhere.
    static let plus: AttentionField = {
        var weights = [Float](repeating: 0, count: 25)
        weights[12] = 0.5
        for i in [7, 11, 13, 17] { weights[i] = 0.125 }
        return AttentionField(mode: .global, height: 5, width: 5, query: Position(row: 2, col: 2), weights: weights,
                              cost: Cost(macsPerQuery: 1, queriesPerLayer: 25, keysPerQuery: 25), keysAttended: 25)
    }()

    static func render(numbers: Bool, glyphs: GlyphStyle = .shade, width: Int = 70, height: Int = 24) -> RenderedFrame {
        let style = RenderStyle(colorDepth: .monochrome, glyphs: glyphs, showNumbers: numbers)
        return FrameRenderer(style: style).render(
            FrameContent(views: [FrameView(title: "plus", field: plus)], sidePanel: ["Σ 1.000000"], status: "status"),
            width: width, height: height)
    }

    @Test func labelsFollowTheCellWidth() {
        #expect(WeightLabels.label(0.512, width: 4) == ".512")
        #expect(WeightLabels.label(0.512, width: 3) == ".51")
        #expect(WeightLabels.label(0.0004, width: 4) == "")   // rounds to zero: blank
        #expect(WeightLabels.label(0.004, width: 3) == "")
        #expect(WeightLabels.label(1, width: 4) == "1")
        #expect(WeightLabels.label(1, width: 5) == "1.000")
        #expect(WeightLabels.label(.nan, width: 8) == "")
        #expect(WeightLabels.label(1234.5, width: 3) == "")   // does not fit: nothing rather than a cut number
    }

    @Test func enlargedCellsCarryTheirWeights() {
        let frame = Self.render(numbers: true)
        #expect(frame.views[0].viewport.enlargement >= 3)
        let text = frame.canvas.plainText
        #expect(text.components(separatedBy: ".125").count - 1 == 4, "one label per neighbour")
        #expect(text.contains(".500"), "the query's own weight, off its cursor row")
        #expect(text.contains("[]"), "the cursor stays")
        Snapshot.check(text, named: "enlarged-numbers-shade")
    }

    @Test func labelsNeverCoverAnOverlay() {
        // Sampling points with arrows all over the map: labels only replace heatmap glyphs.
        var field = Self.plus
        field.samples = [Sample(y: 0.8, x: 2, weight: 0.1), Sample(y: 1.8, x: 1, weight: 0.05), Sample(y: 2.2, x: 2.1, weight: 0.2)]  // on label rows
        let style = { (numbers: Bool) in RenderStyle(colorDepth: .monochrome, glyphs: .shade, showNumbers: numbers) }
        let content = FrameContent(views: [FrameView(title: "plus", field: field)], status: "status")
        let plain = FrameRenderer(style: style(false)).render(content, width: 70, height: 24).canvas
        let numbered = FrameRenderer(style: style(true)).render(content, width: 70, height: 24).canvas
        var changed = 0
        for y in 0..<plain.height {
            for x in 0..<plain.width where plain[x, y] != numbered[x, y] {
                changed += 1
                #expect(" ░▒▓█".contains(plain[x, y].glyph), "a label covered '\(plain[x, y].glyph)' at \(x),\(y)")
            }
        }
        #expect(changed > 0)
    }

    @Test func noNumbersUnlessAsked() {
        let text = Self.render(numbers: false).canvas.plainText
        #expect(!text.contains(".125") && !text.contains(".500"))
    }

    @Test func halfBlockLabelsOnlyWholeCells() {
        // Half-block pixels need an even enlargement to cover whole cells; the labels then appear.
        let style = RenderStyle(colorDepth: .palette256, glyphs: .halfBlock, showNumbers: true)
        for (w, h) in [(40, 12), (60, 20), (90, 30), (120, 40)] {
            let frame = FrameRenderer(style: style).render(
                FrameContent(views: [FrameView(title: "plus", field: Self.plus)], status: "status"), width: w, height: h)
            let e = frame.views[0].viewport.enlargement
            let labelled = frame.canvas.plainText.contains(".125")
            #expect(labelled == (e % 2 == 0 && e >= 4), "\(w)×\(h): enlargement \(e)")
        }
    }

    @Test func theSidePanelSitsNextToTheMap() {
        let frame = Self.render(numbers: false, width: 120, height: 24)
        #expect(frame.showsSidePanel)
        let plotRight = frame.views[0].heatmap.maxX + 1  // the frame's right edge
        let row = Array(frame.canvas.plainText.split(separator: "\n")[1])
        let separator = row.lastIndex(of: "│") ?? 0
        #expect(separator <= max(plotRight + 2, FrameLayout.legendWidth + 1), "the side panel is pinned far right")
    }
}
