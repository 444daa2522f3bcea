import Attention

/// Where a view's dots landed on the canvas: the link between map coordinates and cells.
struct ViewGeometry {
    /// The viewport (map → dots).
    let viewport: Viewport
    /// The cells the dots occupy.
    let heat: CellRect
    /// `heat` plus its one-cell frame (equal to `heat` without a frame).
    let plot: CellRect
    /// The glyph style the dots are drawn with.
    let glyphs: GlyphStyle

    /// The cell of dot (`dotRow`, `dotCol`), unclamped; `lower` for the lower half of a half-block.
    func cell(dotRow: Int, dotCol: Int) -> (x: Int, y: Int, lower: Bool) {
        let perCell = glyphs.dotsPerCellY
        let y = dotRow >= 0 ? dotRow / perCell : -((-dotRow + perCell - 1) / perCell)
        return (heat.x + dotCol * glyphs.cellsPerPixelX, heat.y + y, perCell == 2 && (dotRow & 1) == 1)
    }

    /// The unclamped dot of fractional map coordinates (a pixel p spans [p, p + 1)).
    func dot(mapY: Double, mapX: Double) -> (row: Int, col: Int)? {
        let e = Double(viewport.enlargement), p = Double(viewport.pool)
        let r = ((mapY - Double(viewport.originRow)) * e / p).rounded(.down)
        let c = ((mapX - Double(viewport.originCol)) * e / p).rounded(.down)
        guard r.isFinite, c.isFinite, abs(r) < 1e6, abs(c) < 1e6 else { return nil }
        return (Int(r), Int(c))
    }

    /// The cell showing the point (`y`, `x`) in pixel-centre coordinates (pixel p's centre is
    /// p, as grid_sample with align_corners has it), or nil when it falls outside the plot.
    ///
    /// With `clampToPlot`, a point off the map is pinned to the nearest cell of the plot's frame
    /// (so DAT's reference points beyond +1 are still shown, on the border); without a frame,
    /// or when the view is a crop (the point may just be off screen, not off the map), it is
    /// dropped.
    func cell(pointY y: Double, pointX x: Double, clampToPlot: Bool = false) -> (x: Int, y: Int, lower: Bool)? {
        guard let d = dot(mapY: y + 0.5, mapX: x + 0.5) else { return nil }
        let c = cell(dotRow: d.row, dotCol: d.col)
        if plot.contains(column: c.x, row: c.y) { return c }
        guard clampToPlot, plot != heat, !plot.isEmpty, viewport.showsWholeMap else { return nil }
        let cx = min(max(c.x, plot.x), plot.maxX - 1), cy = min(max(c.y, plot.y), plot.maxY - 1)
        return (cx, cy, false)
    }

    /// The cell showing pixel `p`, or nil when it is off the view.
    func cell(of p: Position) -> (x: Int, y: Int, lower: Bool)? {
        guard let d = viewport.dot(of: p) else { return nil }
        return cell(dotRow: d.row, dotCol: d.col)
    }

    /// The cells covered by a pixel rectangle: half-open `x0..<x1`, `y0..<y1`, unclamped.
    func cells(of rect: PixelRect) -> (x0: Int, y0: Int, x1: Int, y1: Int) {
        let e = viewport.enlargement, p = viewport.pool
        func lowDot(_ v: Int, _ origin: Int) -> Int { floorDiv((v - origin) * e, p) }
        func highDot(_ v: Int, _ origin: Int) -> Int { -floorDiv(-(v - origin) * e, p) }
        let dTop = lowDot(rect.top, viewport.originRow), dBottom = highDot(rect.top + rect.height, viewport.originRow)
        let dLeft = lowDot(rect.left, viewport.originCol), dRight = highDot(rect.left + rect.width, viewport.originCol)
        let perCell = glyphs.dotsPerCellY, cpx = glyphs.cellsPerPixelX
        return (heat.x + dLeft * cpx, heat.y + floorDiv(dTop, perCell),
                heat.x + dRight * cpx, heat.y - floorDiv(-dBottom, perCell))
    }

    private func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
}
