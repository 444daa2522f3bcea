import Testing
import Attention
@testable import Rendering

/// Presenter and compare frames: golden text frames, and the properties a projector needs
/// (pixels twice the normal size, one honest scale, the numbers under each panel, failures
/// in place, crop notes, a stable scale).
@Suite struct ClassroomFrameTests {
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    static func blob(_ mode: Mode, height: Int = 12, width: Int = 16, sigma: Double = 1.5) -> AttentionField {
        Fields.blob(mode: mode, height: height, width: width, query: Position(row: 4, col: 6), sigma: sigma)
    }

    /// Map pixels per cell as (columns, rows) a view draws: its enlargement over its glyphs' cells.
    static func pixelCells(_ view: RenderedView) -> (Double, Double) {
        let scale = Double(view.viewport.enlargement) / Double(view.viewport.pool)
        return (scale * Double(view.glyphs.cellsPerPixelX), scale / Double(view.glyphs.dotsPerCellY))
    }

    @Test(arguments: [(12, 16), (28, 40), (64, 64)])
    func presenterAtLeastDoublesEveryPixel(_ size: (Int, Int)) {
        for (w, h) in Self.sizes {
            let content = FrameContent(views: [FrameView(title: "Global", field: Self.blob(.global, height: size.0, width: size.1))],
                                       sidePanel: ["Σ 1"], caption: "a caption", status: "status", hint: "hint")
            var style = RenderStyle(colorDepth: .palette256)
            let normal = FrameRenderer(style: style).render(content, width: w, height: h)
            style.presenter = true
            let presented = FrameRenderer(style: style).render(content, width: w, height: h)
            let (n, p) = (Self.pixelCells(normal.views[0]), Self.pixelCells(presented.views[0]))
            #expect(p.0 >= 2 * n.0 && p.1 >= 2 * n.1, "\(size) at \(w)×\(h): presenter \(p) against normal \(n)")
            // A presenter view that does not show the whole map says which part it shows.
            if !presented.views[0].viewport.showsWholeMap {
                #expect(presented.canvas.plainText.contains("crop rows "), "\(size) at \(w)×\(h): no crop note")
            }
        }
    }

    @Test func presenterCursorCoversTheWholePixel() {
        var style = RenderStyle(colorDepth: .palette256)
        style.presenter = true
        let content = FrameContent(views: [FrameView(title: "Global", field: Self.blob(.global))], status: "status")
        let frame = FrameRenderer(style: style).render(content, width: 120, height: 40)
        let view = frame.views[0]
        let e = view.viewport.enlargement
        #expect(e >= 2)
        let x = view.heatmap.x + (6 - view.viewport.originCol) * e * view.glyphs.cellsPerPixelX
        let y = view.heatmap.y + (4 - view.viewport.originRow) * e / view.glyphs.dotsPerCellY
        let width = e * view.glyphs.cellsPerPixelX
        let top = (0..<width).map { frame.canvas[x + $0, y].glyph }
        #expect(top.first == "┏" && top.last == "┓" && top.contains("◎"), "\(top)")
        #expect(frame.canvas[x, y + e / view.glyphs.dotsPerCellY - 1].glyph == "┗")
    }

    static func compare(failing: Bool = false) -> FrameContent {
        var views = [FrameView(title: Mode.global.title, field: blob(.global, sigma: 6)),
                     FrameView(title: Mode.window.title, field: blob(.window, sigma: 1)),
                     FrameView(title: Mode.axial.title, field: blob(.axial, sigma: 2))]
        views.append(failing ? .failed(title: Mode.dat.title, mode: .dat, height: 12, width: 16,
                                       reason: "--dat-offsets o.npy: has shape 18×24×32; expected (2, Hk, Wk)")
                             : FrameView(title: Mode.dat.title, field: blob(.dat, sigma: 3)))
        var content = FrameContent(views: views, sidePanel: ["query 4,6"], caption: "Compare.", status: "status")
        content.sharedScale = true
        content.numbersRow = true
        return content
    }

    @Test func compareSharesOneScaleAndNumbersEveryPanel() {
        for (w, h) in Self.sizes {
            let frame = FrameRenderer(style: RenderStyle(colorDepth: .palette256)).render(Self.compare(), width: w, height: h)
            #expect(frame.views.count == 4)
            #expect(Set(frame.views.map(\.mapping)).count == 1, "\(w)×\(h): one scale for all panels")
            let text = frame.canvas.plainText
            #expect(text.components(separatedBy: " eff ").count - 1 == 4, "\(w)×\(h): a numbers row per panel")
            #expect(text.components(separatedBy: " shared").count - 1 == 4, "\(w)×\(h): the legends say it")
            for view in Self.compare().views { #expect(text.contains(view.title), "\(w)×\(h): \(view.title) cut") }
            var own = Self.compare()
            own.sharedScale = false
            let separate = FrameRenderer(style: RenderStyle(colorDepth: .palette256)).render(own, width: w, height: h)
            #expect(Set(separate.views.map(\.mapping)).count > 1, "each panel its own scale")
        }
    }

    @Test func presenterLegendTicksAreTheScalesOwnValues() {
        var style = RenderStyle(colorDepth: .palette256, scale: .log(decades: 4))
        style.presenter = true
        let content = FrameContent(views: [FrameView(title: "Global", field: Self.blob(.global))], status: "status")
        let text = FrameRenderer(style: style).render(content, width: 120, height: 40).canvas.plainText
        let ticks = try? #require(text.split(separator: "\n").first { $0.contains("╵") })
        let labels = (ticks ?? "").split(separator: "╵").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        // Four decades below the maximum, one tick per decade: each label a tenth of the next.
        let values = labels.compactMap { Double($0) }
        #expect(values.count == 5, "\(labels) in \(text)")
        for (a, b) in zip(values, values.dropFirst()) where a > 0 { #expect(abs(b / a - 10) < 0.6, "\(values)") }
        let linear = ScaleMapping(scale: .linear, minimum: 0, maximum: 0.5)
        #expect(linear.value(atUnit: 0.5) == 0.25 && linear.unit(linear.value(atUnit: 0.3)) == 0.3)
        let log = ScaleMapping(scale: .log(decades: 3), minimum: 0, maximum: 1)
        #expect(abs(log.unit(log.value(atUnit: 0.5)) - 0.5) < 1e-6 && abs(log.value(atUnit: 0) - log.legendLow) < 1e-9)
        let signed = ScaleMapping(scale: .linear, minimum: -2, maximum: 1)
        #expect(signed.value(atUnit: 0) == -2 && signed.value(atUnit: 1) == 2 && signed.value(atUnit: 0.5) == 0)
    }

    @Test func compareNumbersRowIsTheFieldsStatistics() {
        let field = Self.blob(.global, sigma: 6)
        let s = field.statistics
        let row = FrameRenderer.numbersRow(field, sumInView: 0.5)
        #expect(row.contains("max \(NumberFormat.compact(Double(s.max))) "))
        #expect(row.contains(" Σ 0.500 "))
        #expect(row.contains("keys \(s.keysAttended)"))
    }

    @Test func failedPanelStaysInPlaceWithItsReason() {
        let frame = FrameRenderer(style: RenderStyle(colorDepth: .palette256)).render(Self.compare(failing: true), width: 120, height: 40)
        #expect(frame.views.count == 4)
        let text = frame.canvas.plainText
        #expect(text.contains("DAT"), "its title stays")
        #expect(text.contains("--dat-offsets o.npy: has shape"))
        #expect(text.components(separatedBy: " eff ").count - 1 == 3, "no numbers for a panel without a map")
        // The three maps keep the scale they would have with the fourth computed.
        let whole = FrameRenderer(style: RenderStyle(colorDepth: .palette256)).render(Self.compare(), width: 120, height: 40)
        #expect(frame.views[0].viewport == whole.views[0].viewport)
    }

    @Test func aLongerCaptionOrSidePanelNeverRescalesTheMap() {
        for (w, h) in Self.sizes {
            func enlargement(_ caption: String, _ side: [String]) -> Int {
                let content = FrameContent(views: [FrameView(title: "Global", field: Self.blob(.global))], sidePanel: side,
                                           caption: caption, status: "status", hint: "hint")
                return FrameRenderer(style: RenderStyle()).render(content, width: w, height: h).views[0].viewport.enlargement
            }
            let short = enlargement("short", ["a"])
            #expect(enlargement(String(repeating: "a much longer caption ", count: 12), ["a"]) == short)
            #expect(enlargement("short", ["a", String(repeating: "a long note ", count: 6)]) == short)
        }
    }

    @Test func maximumEnlargementCapsTheScale() {
        var content = FrameContent(views: [FrameView(title: "Global", field: Self.blob(.global))], status: "status")
        let renderer = FrameRenderer(style: RenderStyle())
        let free = renderer.render(content, width: 200, height: 60).views[0].viewport
        #expect(free.enlargement > 2)
        content.maximumEnlargement = 2
        let capped = renderer.render(content, width: 200, height: 60).views[0].viewport
        #expect(capped.enlargement == 2 && capped.showsWholeMap)
        #expect(renderer.enlargement(of: content, width: 200, height: 60) == 2)
    }

    static func render(_ content: FrameContent, _ width: Int, _ height: Int, presenter: Bool = false) -> String {
        var style = RenderStyle(colorDepth: .monochrome, glyphs: .shade)
        style.presenter = presenter
        return FrameRenderer(style: style).render(content, width: width, height: height).canvas.plainText
    }

    @Test func presenterGolden() {
        let content = FrameContent(views: [FrameView(title: Mode.global.title, field: Self.blob(.global))],
                                   sidePanel: ["Σ 1"], caption: "Presenter: big cells.",
                                   status: "global q=4,6")
        Snapshot.check(Self.render(content, 80, 24, presenter: true), named: "presenter-80x24")
    }

    @Test func compareGolden() {
        Snapshot.check(Self.render(Self.compare(failing: true), 120, 40), named: "compare-shared-120x40")
    }
}
