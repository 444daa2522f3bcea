import Attention

/// Turns a `FrameContent` into a `Canvas` of any size: the one renderer behind the explorer's
/// screen, `attnscope render` and the SVG export.
///
/// Make one per style and reuse it: the colour tables are computed once, in `init`, so a frame
/// costs a table lookup per cell.
///
/// ```swift
/// let renderer = FrameRenderer(style: RenderStyle(colorDepth: .palette256))
/// let frame = renderer.render(FrameContent(views: [FrameView(title: "Global", field: field)],
///                                          status: "global  q=(3,5)"), width: 80, height: 24)
/// print(ANSIWriter(depth: .palette256).write(frame.canvas))
/// ```
public struct FrameRenderer: Sendable {
    /// The smallest window that gets a frame; below it, a "window too small" notice.
    public static let minimumSize = (width: 20, height: 6)

    /// The style every frame is drawn in.
    public let style: RenderStyle
    private let sequential: Palette
    private let diverging: Palette

    /// A renderer for `style` (precomputes its colour tables).
    public init(style: RenderStyle) {
        self.style = style
        sequential = Palette(colormap: style.colormap, levels: style.levels, depth: style.colorDepth)
        diverging = style.colormap == .diverging ? sequential
            : Palette(colormap: .diverging, levels: style.levels, depth: style.colorDepth)
    }

    /// Renders `content` into a `width`×`height` canvas, laid out by the small-window policy:
    /// drop the side panel, then use smaller cells, then pool (or pan); below
    /// `minimumSize` a notice says the window is too small.
    public func render(_ content: FrameContent, width: Int, height: Int) -> RenderedFrame {
        var canvas = Canvas(width: width, height: height)
        let layout = FrameLayout.make(content: content, width: width, height: height, style: style)
        guard !layout.tooSmall else {
            drawTooSmall(on: &canvas)
            return RenderedFrame(canvas: canvas, views: [], tooSmall: true, showsSidePanel: false)
        }
        let prepared = zip(content.views, layout.panels).map { prepare($0, in: $1) }
        // One scale bound to every computed view's values, or each view's own.
        let shared: ScaleMapping? = content.sharedScale ? sharedMapping(prepared) : nil
        var rendered: [RenderedView] = []
        for (view, prep) in zip(content.views, prepared) {
            let mapping = shared ?? prep.values.withUnsafeBufferPointer { ScaleMapping(scale: style.scale, values: $0) }
            rendered.append(drawView(view, prep, mapping: mapping, shared: shared != nil, numbers: content.numbersRow,
                                     hidden: content.hidesWeights, underlay: content.underlay, on: &canvas))
        }
        var text = layout
        growCaption(content, layout: &text, into: canvas)
        drawText(content, layout: text, on: &canvas)
        return RenderedFrame(canvas: canvas, views: rendered, tooSmall: false, showsSidePanel: layout.sidePanel != nil)
    }

    /// The side panel's lines as drawn in a panel `width` wide: long lines (a mechanism's notes)
    /// wrap under themselves, indented.
    private func sidePanelLines(_ content: FrameContent, width: Int) -> [String] {
        let room = width - 2
        var lines: [String] = []
        for line in content.sidePanel {
            let text = displayed(line)
            guard text.count > room, room >= 12 else { lines.append(text); continue }
            let parts = FrameLayout.wrap(text, width: room - 2, maxLines: Int.max, unicode: style.unicode)
            lines += parts.enumerated().map { $0.offset == 0 ? $0.element : "  " + $0.element }
        }
        return lines
    }

    /// A caption cut to its reserved rows takes the blank rows the maps left above it, beside
    /// the side panel (wrapped to the width left of it; one blank row kept as a gap), so the
    /// lesson's words are not lost while rows stand empty; the maps, laid out before, keep their
    /// size and place.
    private func growCaption(_ content: FrameContent, layout: inout FrameLayout, into canvas: Canvas) {
        guard let caption = content.caption, !layout.captionLines.isEmpty else { return }
        let text = style.unicode ? caption : ASCIIFallback.ascii(caption)
        let reserved = layout.captionLines.count
        guard FrameLayout.wrap(text, width: canvas.width, maxLines: Int.max, unicode: style.unicode).count > reserved else { return }
        let right = layout.sidePanel?.x ?? canvas.width
        func blank(_ y: Int) -> Bool {
            (0..<right).allSatisfy { x in canvas[x, y].glyph == " " && canvas[x, y].background == .terminalDefault }
        }
        var free = 0
        while layout.captionRow - free - 1 >= 0 && blank(layout.captionRow - free - 1) { free += 1 }
        guard free >= 2 else { return }
        let width = layout.sidePanel == nil ? canvas.width : right - 1
        let whole = FrameLayout.wrap(text, width: width, maxLines: Int.max, unicode: style.unicode)
        let count = min(whole.count, reserved + free - 1)
        guard count > reserved else { return }
        layout.captionLines = FrameLayout.wrap(text, width: width, maxLines: count, unicode: style.unicode)
        layout.captionRow -= count - reserved
        if layout.sidePanel != nil { layout.captionWidth = width }
    }

    /// The smallest enlargement the views of `content` get in a `width`×`height` frame (1 when
    /// one is pooled or cropped; nil when nothing would be drawn): what a tour caps its steps to.
    public func enlargement(of content: FrameContent, width: Int, height: Int) -> Int? {
        FrameLayout.enlargement(of: content, width: width, height: height, style: style)
    }

    // MARK: - Views

    /// A view's viewport and dot values, before any colour is chosen.
    private struct PreparedView {
        var panel: FrameLayout.Panel
        var shown: ShownField
        var viewport: Viewport
        var geometry: ViewGeometry
        var values: [Float]
        var failed: Bool
    }

    private func prepare(_ view: FrameView, in panel: FrameLayout.Panel) -> PreparedView {
        let shown = ShownField(view)
        let glyphs = panel.glyphs
        let heatArea = panel.heatArea
        let query = view.cursor ?? view.field.query
        let viewport = panel.viewport(mapHeight: shown.height, mapWidth: shown.width, policy: style.viewport,
                                      query: shown.toShown(query) ?? query)
        let heat = CellRect(x: heatArea.x, y: heatArea.y, width: viewport.dotCols * glyphs.cellsPerPixelX,
                            height: (viewport.dotRows + glyphs.dotsPerCellY - 1) / glyphs.dotsPerCellY)
        let plot = panel.framed ? heat.insetBy(-1) : heat
        let geometry = ViewGeometry(viewport: viewport, heat: heat, plot: plot, glyphs: glyphs)
        let values = view.failure == nil ? viewport.dotValues(shown.weights) : []
        return PreparedView(panel: panel, shown: shown, viewport: viewport, geometry: geometry, values: values,
                            failed: view.failure != nil)
    }

    /// The scale of all computed views together: the auto scale judged on all their dots.
    private func sharedMapping(_ views: [PreparedView]) -> ScaleMapping {
        var all: [Float] = []
        for view in views where !view.failed { all += view.values }
        return all.withUnsafeBufferPointer { ScaleMapping(scale: style.scale, values: $0) }
    }

    private func drawView(_ view: FrameView, _ prep: PreparedView, mapping: ScaleMapping, shared: Bool, numbers: Bool,
                          hidden: Bool, underlay: Underlay?, on canvas: inout Canvas) -> RenderedView {
        let unicode = style.unicode
        let glyphSet = style.glyphSet
        let (panel, shown, viewport, geometry, values) = (prep.panel, prep.shown, prep.viewport, prep.geometry, prep.values)
        let glyphs = panel.glyphs
        let (heat, plot) = (geometry.heat, geometry.plot)
        let palette = mapping.signed ? diverging : sequential
        if panel.framed { drawFrame(plot, on: &canvas) }
        if let failure = view.failure {
            // Drawn in place: the frame, the title and why there is no map.
            let lines = FrameLayout.wrap(displayed(failure), width: max(1, heat.width - 2), maxLines: max(1, heat.height),
                                         unicode: unicode)
            let top = heat.y + max(0, (heat.height - lines.count) / 2)
            for (i, line) in lines.enumerated() {
                canvas.put(line, x: heat.x + 1, y: top + i, maxWidth: max(0, heat.width - 2), unicode: unicode, attributes: .bold)
            }
            drawTitle(view.title, panel: panel, plot: plot, on: &canvas)
            return RenderedView(panel: panel.rect, heatmap: heat, viewport: viewport, glyphs: glyphs, mapping: mapping,
                                rolled: shown.roll)
        }
        let grey = underlay.map { shown.underlay($0.resampled(height: view.field.height, width: view.field.width)) }
        let dots = HeatmapPainter.levels(values: values, viewport: viewport, mapping: mapping, ramp: palette.ramp,
                                         underlay: style.colorDepth.drawsPictures ? grey : nil)
        HeatmapPainter.paint(dots, values: values, into: &canvas, geometry: geometry, palette: palette, style: style,
                             glyphSet: glyphSet, showNumbers: style.showNumbers && !mapping.signed && viewport.enlargement == 1)
        let labelsWeights = style.showNumbers && !mapping.signed && viewport.enlargement > 1
        let heatmapOnly = labelsWeights ? canvas : Canvas(width: 0, height: 0)
        let painter = OverlayPainter(geometry: geometry, dots: dots, palette: palette, glyphs: glyphSet,
                                     hasColor: style.colorDepth.hasColor, wholePixelCursor: style.presenter,
                                     drawsPartition: view.field.mode == .window)
        painter.paint(shown.overlays, samples: shown.samples, query: shown.toShown(view.field.query) ?? view.field.query,
                      cursor: view.cursor.flatMap(shown.toShown), on: &canvas)
        if labelsWeights {
            WeightLabels.paint(values: shown.weights, dots: dots, into: &canvas, geometry: geometry, palette: palette,
                               hasColor: style.colorDepth.hasColor, query: shown.toShown(view.field.query) ?? view.field.query,
                               heatmapOnly: heatmapOnly)
        }
        // The title goes last: it must stay readable over a window border on the frame.
        drawTitle(view.title, panel: panel, plot: plot, on: &canvas)
        if hidden {
            canvas.put(displayed("weights hidden (quiz)"), x: panel.rect.x, y: plot.maxY, maxWidth: panel.rect.width,
                       unicode: unicode, attributes: .bold)
            return RenderedView(panel: panel.rect, heatmap: heat, viewport: viewport, glyphs: glyphs, mapping: mapping,
                                rolled: shown.roll)
        }
        let ticked = style.presenter && panel.footerRows > (numbers ? 1 : 0)
            && LegendPainter.paintTicked(on: &canvas, x: panel.rect.x, y: plot.maxY, width: panel.rect.width, mapping: mapping,
                                         viewport: viewport, palette: palette, glyphs: glyphs,
                                         hasColor: style.colorDepth.hasColor, unicode: unicode, shared: shared)
        if !ticked {
            LegendPainter.paint(on: &canvas, x: panel.rect.x, y: plot.maxY, width: panel.rect.width, mapping: mapping,
                                viewport: viewport, palette: palette, glyphs: glyphs, glyphSet: glyphSet,
                                hasColor: style.colorDepth.hasColor, unicode: unicode,
                                marks: Self.marks(shown.overlays, glyphSet: glyphSet, wide: glyphs.cellsPerPixelX == 2),
                                shared: shared)
        }
        if numbers, panel.footerRows > 0 {
            let enlarged = Float(viewport.enlargement * viewport.enlargement)
            let inView = Double(values.reduce(Float(0)) { $0 + ($1.isFinite ? $1 : 0) } / enlarged)
            canvas.put(displayed(Self.numbersRow(view.field, sumInView: inView)), x: panel.rect.x,
                       y: plot.maxY + (ticked ? 2 : 1),
                       maxWidth: panel.rect.width, unicode: unicode)
        }
        return RenderedView(panel: panel.rect, heatmap: heat, viewport: viewport, glyphs: glyphs, mapping: mapping,
                            rolled: shown.roll)
    }

    /// The numbers under a compare panel: max, Σ of the part in view, entropy, effective keys, keys reached.
    static func numbersRow(_ field: AttentionField, sumInView: Double) -> String {
        let s = field.statistics
        return "max \(NumberFormat.compact(Double(s.max))) Σ \(NumberText.fixed(sumInView, 3))"
            + " H \(NumberText.fixed(s.entropy, 2)) eff \(NumberFormat.compact(s.effectiveKeys)) keys \(s.keysAttended)"
    }

    /// The title inside the frame's top edge, on the row above the frame when the layout gave
    /// it one, or on the panel's first row when unframed.
    private func drawTitle(_ title: String, panel: FrameLayout.Panel, plot: CellRect, on canvas: inout Canvas) {
        let unicode = style.unicode
        if panel.framed && !panel.titleAbove {
            // Inside the frame's top edge; a frame too short for the title lends it the panel's width.
            let text = " \(displayed(title)) "
            let room = text.count <= plot.width - 2 ? plot.width - 2 : panel.rect.maxX - plot.x - 1
            canvas.put(text, x: plot.x + 1, y: plot.y, maxWidth: max(0, room), unicode: unicode, attributes: .bold)
        } else {
            canvas.put(displayed(title), x: panel.rect.x, y: panel.rect.y, maxWidth: panel.rect.width, unicode: unicode,
                       attributes: .bold)
        }
    }

    /// The legend's key to the marks `overlays` draw.
    private static func marks(_ overlays: [Overlay], glyphSet: GlyphSet, wide: Bool) -> String {
        let drawn = OverlayPainter.marks(overlays)
        return LegendPainter.marks(target: drawn.target, intermediate: drawn.intermediate, glyphSet: glyphSet, wide: wide)
    }

    private func drawFrame(_ rect: CellRect, on canvas: inout Canvas) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let box = style.glyphSet.box
        let attributes: CellAttributes = [.dim]
        for x in (rect.x + 1)..<(rect.maxX - 1) {
            canvas[x, rect.y] = Cell(box[0], attributes: attributes)
            canvas[x, rect.maxY - 1] = Cell(box[0], attributes: attributes)
        }
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            canvas[rect.x, y] = Cell(box[1], attributes: attributes)
            canvas[rect.maxX - 1, y] = Cell(box[1], attributes: attributes)
        }
        canvas[rect.x, rect.y] = Cell(box[2], attributes: attributes)
        canvas[rect.maxX - 1, rect.y] = Cell(box[3], attributes: attributes)
        canvas[rect.x, rect.maxY - 1] = Cell(box[4], attributes: attributes)
        canvas[rect.maxX - 1, rect.maxY - 1] = Cell(box[5], attributes: attributes)
    }

    // MARK: - Text around the views

    private func drawText(_ content: FrameContent, layout: FrameLayout, on canvas: inout Canvas) {
        let unicode = style.unicode
        if let side = layout.sidePanel {
            let bar: Character = unicode ? "│" : "|"
            for y in side.y..<side.maxY { canvas[side.x, y] = Cell(bar, attributes: .dim) }
            let room = side.width - 2
            let lines = sidePanelLines(content, width: side.width)
            for (i, line) in lines.prefix(side.height).enumerated() {
                canvas.put(line, x: side.x + 2, y: side.y + i, maxWidth: room, unicode: unicode)
                // A route's name in the route's own colour and glyph style, as on the map.
                if let key = RouteKey.named(in: line), !sequential.routeColors.isEmpty {
                    let color = sequential.routeColors[key.index % sequential.routeColors.count]
                    for dx in 0..<min(key.length, room) {
                        canvas[side.x + 2 + dx, side.y + i].foreground = color
                        canvas[side.x + 2 + dx, side.y + i].attributes.insert(.bold)
                    }
                }
            }
        }
        for (i, line) in layout.captionLines.enumerated() {
            canvas.put(displayed(line), x: 0, y: layout.captionRow + i, maxWidth: layout.captionWidth ?? canvas.width, unicode: unicode,
                       attributes: style.presenter ? .bold : [])
        }
        if let row = layout.statusRow, let status = content.status {
            canvas.put(displayed(status), x: 0, y: row, maxWidth: canvas.width, unicode: unicode, attributes: .bold)
        }
        if let row = layout.hintRow, let hint = content.hint {
            canvas.put(displayed(hint), x: 0, y: row, maxWidth: canvas.width, unicode: unicode, attributes: .dim)
        }
    }

    private func drawTooSmall(on canvas: inout Canvas) {
        let (w, h) = FrameRenderer.minimumSize
        // The longest wording that fits, so the notice is never cut mid-word; in a window
        // narrower than every wording, an ellipsis says there is more to see.
        let ellipsis = style.unicode ? "…" : "~"
        func fitting(_ options: [String]) -> String {
            options.first { $0.count <= canvas.width } ?? (canvas.width > 0 ? ellipsis : "")
        }
        let lines = [fitting(["window too small", "too small", "small"]),
                     fitting(["need \(w)x\(h), have \(canvas.width)x\(canvas.height)", "need \(w)x\(h)", "\(w)x\(h)"])]
        let top = max(0, (canvas.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < canvas.height {
            let x = max(0, (canvas.width - line.count) / 2)
            canvas.put(line, x: x, y: top + i, maxWidth: canvas.width - x, unicode: style.unicode, attributes: .bold)
        }
    }

    /// Text as the output can show it (ASCII spellings under `--ascii`).
    private func displayed(_ text: String) -> String { style.unicode ? text : ASCIIFallback.ascii(text) }
}
