import Attention

/// Where everything of a frame goes, decided before anything is drawn.
///
/// The maps first: the largest enlargement that fits (at most `FrameContent.maximumEnlargement`,
/// a tour's one scale), then the side panel where it costs the maps nothing, then the caption
/// (its rows kept whatever its length) and the status and hint lines. A small window gives up,
/// in order: the caption's second line, then the caption, two-column cells for half-block cells,
/// and finally whole maps (pooled, or panned around the query with a crop note). Below
/// `FrameRenderer.minimumSize` nothing is laid out. With a side panel, the maps' columns shrink
/// to what their maps use and the panel sits right after them (no gap in the middle of the screen).
struct FrameLayout {
    /// One view's panel.
    struct Panel {
        /// The whole panel: the framed map (title in the frame's top edge), then the legend row.
        var rect: CellRect
        /// The cells available to the map's dots (inside the frame).
        var heatArea: CellRect
        /// Whether a one-cell frame surrounds the map.
        var framed: Bool
        /// The glyph rung for this panel.
        var glyphs: GlyphStyle
        /// Whether the title has a row of its own above the frame (too long for the frame's edge).
        var titleAbove = false
        /// Rows under the legend (the numbers row).
        var footerRows = 0
        /// Dots per map pixel fixed by presenter mode (nil: the largest that fits, or pooling).
        var enlargement: Int?
        /// The largest enlargement allowed (a tour's shared scale).
        var maximumEnlargement: Int?
        /// Whether the map may be cropped around the query when it nearly fits (not where the
        /// lesson lies at the map's edges: Swin's rolled strip).
        var mayCrop = true

        /// The viewport of a map in this panel around `query`.
        func viewport(mapHeight: Int, mapWidth: Int, policy: ViewportPolicy, query: Position) -> Viewport {
            let rows = heatArea.height * glyphs.dotsPerCellY, cols = heatArea.width / glyphs.cellsPerPixelX
            if let enlargement {
                return .enlarged(mapHeight: mapHeight, mapWidth: mapWidth, availableRows: rows, availableCols: cols,
                                 enlargement: enlargement, query: query)
            }
            let fitted = Viewport.make(mapHeight: mapHeight, mapWidth: mapWidth, availableRows: rows, availableCols: cols,
                                       policy: policy, query: query, mayCrop: mayCrop)
            if let cap = maximumEnlargement, fitted.enlargement > cap {
                return .enlarged(mapHeight: mapHeight, mapWidth: mapWidth, availableRows: rows, availableCols: cols,
                                 enlargement: max(1, cap), query: query)
            }
            return fitted
        }
    }

    /// What the grid needs to know of each view: the grid it draws, and its title's length.
    struct ViewNeeds {
        var height: Int
        var width: Int
        var titleLength = 0
        /// Whether the view may be cropped (false for Swin's views: the rolled strip is the lesson).
        var mayCrop = true
    }

    /// True when the window is below the minimum size.
    var tooSmall = false
    /// The views' panels.
    var panels: [Panel] = []
    /// The side panel (its first column is the separator), if shown.
    var sidePanel: CellRect?
    /// The caption lines, already wrapped and cut.
    var captionLines: [String] = []
    /// The first caption row.
    var captionRow = 0
    /// The caption's width when it grew beside the side panel (narrower than the frame); nil:
    /// the whole width.
    var captionWidth: Int? = nil
    /// The status row, if any.
    var statusRow: Int?
    /// The hint row, if any.
    var hintRow: Int?

    static func make(content: FrameContent, width: Int, height: Int, style: RenderStyle) -> FrameLayout {
        var layout = FrameLayout()
        let (minW, minH) = FrameRenderer.minimumSize
        guard width >= minW, height >= minH else {
            layout.tooSmall = true
            return layout
        }
        var bottom = height
        if content.hint != nil { bottom -= 1; layout.hintRow = bottom }
        if content.status != nil { bottom -= 1; layout.statusRow = bottom }
        if let caption = content.caption, !caption.isEmpty {
            // Presenter's caption is the lecture's words: a third line before it is cut.
            let allowed = bottom >= 16 ? (style.presenter && bottom >= 30 ? 3 : 2) : (bottom >= 9 ? 1 : 0)
            let text = style.unicode ? caption : ASCIIFallback.ascii(caption)
            layout.captionLines = wrap(text, width: width, maxLines: allowed, unicode: style.unicode)
            // The rows a caption may have, whatever its length: a longer caption never shrinks the map.
            bottom -= allowed
            layout.captionRow = bottom + allowed - layout.captionLines.count  // right above the status line
        } else {
            layout.captionRow = bottom
        }
        // The grids the views draw (a rolled Swin view is padded), so a packed column fits them.
        // Under each legend: the numbers row (compare), the tick labels (presenter).
        let footer = (content.numbersRow ? 1 : 0) + (style.presenter ? 1 : 0)
        // Swin's two views: the rolled one's lesson is its wrapped strip at the far edges, which a
        // crop around the query would cut; the original one keeps the same scale beside it.
        let rolled = content.views.contains { $0.coordinates == .rolled }
        let sizes = content.views.map { view in
            let size = ShownField.size(of: view)
            return ViewNeeds(height: size.height, width: size.width, titleLength: view.title.count,
                             mayCrop: !rolled)
        }
        let full = CellRect(x: 0, y: 0, width: width, height: bottom)
        let cap = content.maximumEnlargement
        var area = full
        if !content.sidePanel.isEmpty {
            // The map first: the side panel only where it costs the maps nothing. Its width does
            // not follow its lines, so longer notes never change the map's scale.
            let side = 30
            let narrowed = CellRect(x: 0, y: 0, width: width - side, height: bottom)
            let without = grid(sizes, area: full, style: style, footerRows: footer, cap: cap).quality
            let with = grid(sizes, area: narrowed, style: style, footerRows: footer, cap: cap).quality
            if narrowed.width >= 30 && with >= without {
                area = narrowed
                layout.sidePanel = CellRect(x: width - side, y: 0, width: side, height: bottom)
            }
        }
        layout.panels = grid(sizes, area: area, style: style, footerRows: footer, cap: cap).panels
        if style.presenter {
            layout.panels = zip(layout.panels, sizes).map { presented($0, needs: $1, style: style) }
            if layout.sidePanel != nil && !showsWhole(layout.panels, sizes, style: style) {
                // Presenter's bigger cells before the side panel, when that shows more of the map.
                let wide = grid(sizes, area: full, style: style, footerRows: footer, cap: cap).panels.enumerated().map { i, panel in
                    presented(panel, needs: sizes[i], style: style)
                }
                if showsWhole(wide, sizes, style: style) {
                    layout.panels = wide
                    layout.sidePanel = nil
                    area = full
                }
            }
        }
        if let side = layout.sidePanel {
            // The side panel sits next to the maps, not pinned to the far right: the grid's
            // columns shrink to what their maps use, and the panel takes the rest of the row.
            let packed = pack(layout.panels, sizes: sizes, area: area, style: style)
            let right = packed.map(\.rect.maxX).max() ?? side.x
            if right < side.x {
                layout.panels = packed
                layout.sidePanel = CellRect(x: right + 1, y: side.y, width: width - right - 1, height: side.height)
            }
        }
        return layout
    }

    /// The smallest enlargement among the views of `content` in a `width`×`height` frame (1 when
    /// one is pooled or cropped; nil when the frame is too small or has no views).
    static func enlargement(of content: FrameContent, width: Int, height: Int, style: RenderStyle) -> Int? {
        let layout = make(content: content, width: width, height: height, style: style)
        guard !layout.tooSmall, !layout.panels.isEmpty else { return nil }
        var smallest = Int.max
        for (view, panel) in zip(content.views, layout.panels) {
            let size = ShownField.size(of: view)
            let viewport = panel.viewport(mapHeight: size.height, mapWidth: size.width, policy: style.viewport,
                                          query: Position(row: 0, col: 0))
            smallest = min(smallest, viewport.pool > 1 || !viewport.showsWholeMap ? 1 : viewport.enlargement)
        }
        return smallest == Int.max ? nil : smallest
    }

    /// The width a legend needs to stay readable (a short bar, the range and the scale); it
    /// shrinks its bar before its text, so a column never needs more.
    static let legendWidth = 24

    /// The width the numbers row under a compare panel needs to be read whole.
    static let numbersWidth = 48

    /// Whether every panel shows its whole map.
    private static func showsWhole(_ panels: [Panel], _ sizes: [ViewNeeds], style: RenderStyle) -> Bool {
        zip(panels, sizes).allSatisfy { panel, needs in
            panel.viewport(mapHeight: needs.height, mapWidth: needs.width, policy: style.viewport,
                           query: Position(row: 0, col: 0)).showsWholeMap
        }
    }

    /// `panel` in presenter mode: each map pixel twice as wide and tall as the normal layout
    /// draws it (square two-column cells where the normal view uses half blocks), native pixels
    /// where the normal view pools; the viewport pans around the query when that does not fit.
    static func presented(_ panel: Panel, needs: ViewNeeds, style: RenderStyle) -> Panel {
        var out = panel
        // The normal view's scale, in the rows it would have without presenter's tick row.
        var asNormal = panel
        asNormal.heatArea.height += 1
        let normal = asNormal.viewport(mapHeight: needs.height, mapWidth: needs.width, policy: style.viewport,
                                       query: Position(row: 0, col: 0))
        out.maximumEnlargement = nil
        if normal.pool > 1 {
            out.enlargement = 1
        } else if panel.glyphs == .halfBlock && style.unicode {
            // A two-column dot is two half-block dots wide and tall.
            out.glyphs = .twoColumn
            out.enlargement = normal.enlargement
        } else {
            out.enlargement = 2 * normal.enlargement
        }
        return out
    }

    /// `panels` with every grid column narrowed to the widest plot in it (or the legend's
    /// preferred width, if wider), moved left so the columns touch with a one-cell gap.
    private static func pack(_ panels: [Panel], sizes: [ViewNeeds], area: CellRect, style: RenderStyle) -> [Panel] {
        guard let first = panels.first else { return panels }
        let columns = Set(panels.map(\.rect.x)).count
        guard columns > 0 else { return panels }
        var columnWidths = [Int](repeating: 0, count: columns)
        for (i, panel) in panels.enumerated() {
            let needs = sizes[min(i, sizes.count - 1)]
            let (h, w) = (needs.height, needs.width)
            let viewport = panel.viewport(mapHeight: h, mapWidth: w, policy: style.viewport, query: Position(row: 0, col: 0))
            let plot = viewport.dotCols * panel.glyphs.cellsPerPixelX + (panel.framed ? 2 : 0)
            // A title above the frame needs its length; one in the frame's edge its length and corners.
            let title = needs.titleLength + (panel.titleAbove ? 0 : 4)
            let numbers = panel.footerRows > 0 ? numbersWidth : 0
            let wanted = min(panel.rect.width, max(plot, legendWidth, title, numbers))
            columnWidths[i % columns] = max(columnWidths[i % columns], wanted)
        }
        var lefts: [Int] = []
        var x = first.rect.x
        for width in columnWidths { lefts.append(x); x += width + 1 }
        return panels.enumerated().map { i, panel in
            let rect = CellRect(x: lefts[i % columns], y: panel.rect.y, width: columnWidths[i % columns], height: panel.rect.height)
            var moved = panel
            let dx = rect.x - panel.rect.x
            moved.rect = rect
            moved.heatArea = CellRect(x: panel.heatArea.x + dx, y: panel.heatArea.y,
                                      width: panel.heatArea.width - (panel.rect.width - rect.width), height: panel.heatArea.height)
            return moved
        }
    }

    /// The best arrangement of the views in a grid over `area`, and its quality (the scale of
    /// the coarsest map: k for ×k enlargement, 1/k for k×k pooling).
    static func grid(_ sizes: [ViewNeeds], area: CellRect, style: RenderStyle, footerRows: Int = 0, cap: Int? = nil)
        -> (panels: [Panel], quality: Double) {
        guard !sizes.isEmpty else { return ([], 1) }
        var best: (panels: [Panel], quality: Double) = ([], -1)
        for columns in 1...sizes.count {
            let rows = (sizes.count + columns - 1) / columns
            let panelWidth = (area.width - (columns - 1)) / columns
            let panelHeight = area.height / rows
            guard panelWidth >= 8, panelHeight >= 3 else { continue }
            var panels: [Panel] = []
            var quality = Double.infinity
            for (i, size) in sizes.enumerated() {
                let rect = CellRect(x: area.x + (i % columns) * (panelWidth + 1), y: area.y + (i / columns) * panelHeight,
                                    width: panelWidth, height: panelHeight)
                var panel = makePanel(rect: rect, needs: size, style: style, footerRows: footerRows)
                panel.maximumEnlargement = cap
                panels.append(panel)
                quality = min(quality, scale(of: panel, mapHeight: size.height, mapWidth: size.width, policy: style.viewport))
            }
            // Two views (Swin's original and rolled) side by side when that costs no scale.
            if quality > best.quality || (quality == best.quality && sizes.count == 2) { best = (panels, quality) }
        }
        if best.quality < 0 {
            // Too many views for the area: stack what fits in one row.
            let rect = CellRect(x: area.x, y: area.y, width: area.width, height: area.height)
            var panel = makePanel(rect: rect, needs: sizes[0], style: style, footerRows: footerRows)
            panel.maximumEnlargement = cap
            return ([panel], scale(of: panel, mapHeight: sizes[0].height, mapWidth: sizes[0].width, policy: style.viewport))
        }
        return best
    }

    private static func makePanel(rect: CellRect, needs: ViewNeeds, style: RenderStyle, footerRows: Int) -> Panel {
        let (mapHeight, mapWidth) = (needs.height, needs.width)
        // Framed panels carry their title in the frame's top edge, or on a row above it when
        // the edge is too short for the whole title; unframed ones on a row of their own. The
        // legend, then the footer, have the last rows.
        let framed = rect.height >= 7 + footerRows && rect.width >= 12
        let titleAbove = framed && needs.titleLength + 4 > rect.width - 2 && rect.height >= 8 + footerRows
        let top = titleAbove ? 1 : 0
        let heatArea = framed
            ? CellRect(x: rect.x + 1, y: rect.y + 1 + top, width: rect.width - 2, height: rect.height - 3 - top - footerRows)
            : CellRect(x: rect.x, y: rect.y + 1, width: rect.width, height: max(0, rect.height - 2 - footerRows))
        var glyphs = style.resolvedGlyphs
        if glyphs == .twoColumn && (heatArea.height < mapHeight || heatArea.width / 2 < mapWidth) {
            glyphs = .halfBlock  // smaller cells before pooling
        }
        var panel = Panel(rect: rect, heatArea: heatArea, framed: framed, glyphs: glyphs, titleAbove: titleAbove,
                          footerRows: footerRows)
        panel.mayCrop = needs.mayCrop
        return panel
    }

    /// How well a map shows in a panel, as the viewport would draw it: k for ×k enlargement,
    /// 1/k for k×k pooling, and the fraction shown (above 1/2, by the viewport's rule) when
    /// it crops around the query.
    private static func scale(of panel: Panel, mapHeight: Int, mapWidth: Int, policy: ViewportPolicy) -> Double {
        guard panel.heatArea.height > 0, panel.heatArea.width / panel.glyphs.cellsPerPixelX > 0, mapHeight > 0, mapWidth > 0 else {
            return 0
        }
        let viewport = panel.viewport(mapHeight: mapHeight, mapWidth: mapWidth, policy: policy, query: Position(row: 0, col: 0))
        if viewport.pool > 1 { return 1 / Double(viewport.pool) }
        if viewport.showsWholeMap { return Double(viewport.enlargement) }
        return min(Double(viewport.dotRows) / Double(mapHeight), Double(viewport.dotCols) / Double(mapWidth))
    }

    /// Word-wraps `text` to `width` columns in at most `maxLines` lines; a cut last line ends in `…`.
    static func wrap(_ text: String, width: Int, maxLines: Int, unicode: Bool) -> [String] {
        guard maxLines > 0, width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if candidate.count <= width {
                current = candidate
            } else {
                if !current.isEmpty { lines.append(current) }
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            var last = lines[maxLines - 1]
            if last.count >= width { last = String(last.prefix(width - 1)) }
            lines[maxLines - 1] = last + (unicode ? "…" : "~")
        }
        return lines.map { $0.count > width ? String($0.prefix(width - 1)) + (unicode ? "…" : "~") : $0 }
    }
}
