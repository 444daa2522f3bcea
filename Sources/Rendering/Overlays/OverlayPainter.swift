import Foundation
import Attention

/// Draws a field's overlays (windows, cross, points, arrows, routes, cursors) over its heatmap,
/// in a way that stays legible: bold ink that contrasts with the band underneath, and glyphs
/// outside the value ramp so they read in monochrome too.
struct OverlayPainter {
    /// Where the view's dots are.
    let geometry: ViewGeometry
    /// The view's bands (to pick a contrasting ink per cell).
    let dots: DotLevels
    /// Colours.
    let palette: Palette
    /// Overlay glyphs.
    let glyphs: GlyphSet
    /// Whether the output has colour.
    let hasColor: Bool
    /// Whether the query cursor covers every cell of its enlarged pixel (presenter mode), not one.
    var wholePixelCursor = false
    /// Whether the query's window is one tile of a partition (Swin) whose grid is drawn faintly.
    var drawsPartition = false

    /// How an overlay glyph is inked.
    enum Ink {
        /// Black or white against the band underneath, bold.
        case contrast
        /// A bold block: black on white in colour, reverse video without: the query cursor.
        case cursor
        /// Bold (dim when faint) in a route's own colour.
        case route(CellColor, strong: Bool)
        /// Dimmed: frames and faint paths.
        case faint
    }

    /// Draws `glyph` at cell (`x`, `y`) over the dot under it, when the cell is on the plot.
    ///
    /// Where the glyph itself is the weight (shade and ASCII styles, or no colour), geometry
    /// (boxes, taps, arrows, samples, routes) never hides a weight entirely: on a pixel of two
    /// cells it takes the right cell and the left keeps the weight's glyph; on a one-cell pixel
    /// the weight's glyph stays and is underlined. Cursors and marks (`covers`) replace it.
    func stamp(_ glyph: Character, x: Int, y: Int, lower: Bool = false, ink: Ink, covers: Bool = false,
               on canvas: inout Canvas) {
        var x = x
        let paintsBackground = hasColor && (geometry.glyphs == .halfBlock || geometry.glyphs == .twoColumn)
        if !paintsBackground, !covers, geometry.heat.contains(column: x, row: y), holdsWeight(x: x, y: y, lower: lower) {
            guard geometry.glyphs.cellsPerPixelX == 2 else {
                canvas[x, y].attributes.insert(.underline)
                return
            }
            if (x - geometry.heat.x) % 2 == 0 { x += 1 }
        }
        guard geometry.plot.contains(column: x, row: y) else { return }
        var cell = Cell(glyph, attributes: .bold)
        let inHeat = geometry.heat.contains(column: x, row: y)
        if inHeat && paintsBackground {
            let dotCol = (x - geometry.heat.x) / geometry.glyphs.cellsPerPixelX
            let dotRow = (y - geometry.heat.y) * geometry.glyphs.dotsPerCellY + (lower ? 1 : 0)
            // The glyph's cell keeps a weight's colour: the dot under the glyph, or, when that is
            // background, the other dot of a half-block cell, so an overlay never hides a weight.
            let other = geometry.glyphs == .halfBlock ? (lower ? dotRow - 1 : dotRow + 1) : dotRow
            let candidates = [dots.at(row: dotRow, col: dotCol), dots.at(row: other, col: dotCol),
                              dots.at(row: dotRow - 1, col: dotCol)].compactMap { $0 }
            if let d = candidates.first(where: { $0.level < DotLevels.zeroLevel }) ?? candidates.first,
               d.level != DotLevels.nanLevel {
                cell.background = palette.color(level: Int(d.level), grey: d.grey)
                cell.foreground = palette.contrast(level: Int(d.level), grey: d.grey)
            }
        }
        switch ink {
        case .contrast: break
        case .cursor:
            if hasColor {
                cell.foreground = palette.cursorInk
                cell.background = palette.cursorFill
            } else {
                cell.attributes.insert(.reverse)
            }
        case .faint: cell.attributes = paintsBackground && inHeat ? [] : [.dim]
        case let .route(color, strong):
            if hasColor { cell.foreground = color }
            if !strong { cell.attributes = [.dim] }
        }
        canvas[x, y] = cell
    }

    /// Whether the dot drawn at cell (`x`, `y`) holds a nonzero weight (not an exact zero or NaN).
    private func holdsWeight(x: Int, y: Int, lower: Bool) -> Bool {
        let dotCol = (x - geometry.heat.x) / geometry.glyphs.cellsPerPixelX
        let dotRow = (y - geometry.heat.y) * geometry.glyphs.dotsPerCellY + (lower ? 1 : 0)
        guard let d = dots.at(row: dotRow, col: dotCol) else { return false }
        return d.level < DotLevels.zeroLevel
    }

    /// Draws every overlay of `overlays` (already in the view's coordinates) and the cursors.
    func paint(_ overlays: [Overlay], samples: [Sample], query: Position, cursor: Position?,
               on canvas: inout Canvas) {
        // Back to front: regions, boxes, lines, points, cursors.
        for case let .maskRegion(rect, label, matches) in overlays {
            drawMaskRegion(rect, label: label, matchesQuery: matches, on: &canvas)
        }
        if drawsPartition, let tile = overlays.lazy.compactMap({ overlay -> PixelRect? in
            switch overlay {
            case .window(let rect), .rolledWindow(let rect, _): return rect
            default: return nil
            }
        }).first {
            drawPartition(through: tile, on: &canvas)
        }
        for overlay in overlays {
            switch overlay {
            case .window(let rect), .rolledWindow(let rect, _): drawBox(rect, on: &canvas)
            default: break
            }
        }
        for case let .maskRegion(rect, label, matches) in overlays {
            drawMaskLabel(rect, label: label, matchesQuery: matches, on: &canvas)
        }
        for case let .cross(row, col) in overlays { drawCross(row: row, col: col, on: &canvas) }
        let routes = overlays.compactMap { if case let .route(r) = $0 { return r } else { return nil } }
        let routeTotal = routes.reduce(0.0) { $0 + max(0, $1.weight) }
        for (index, route) in routes.enumerated() {
            drawRoute(route, index: index, share: routeTotal > 0 ? max(0, route.weight) / routeTotal : 0, on: &canvas)
        }
        for case let .offsets(arrows) in overlays {
            // A few arrows (a DCN kernel) get their whole path; many (DAT's grid) only their
            // heads, or the map disappears under the dots.
            let paths = arrows.count <= 12
            for arrow in arrows { drawArrow(arrow, withPath: paths, on: &canvas) }
        }
        for case let .kernelGrid(points) in overlays {
            for p in points { drawPoint(p, glyph: glyphs.kernelTap, on: &canvas) }
        }
        for case let .referencePoints(points) in overlays {
            for p in points { drawPoint(p, glyph: glyphs.referencePoint, on: &canvas) }
        }
        drawSamples(samples, on: &canvas)
        for case let .marker(position, label) in overlays {
            switch label {
            case "p": drawCursor(position, glyph: glyphs.target, box: ("<", ">"), on: &canvas)
            case "m": drawCursor(position, glyph: glyphs.intermediate, box: ("{", "}"), on: &canvas)
            case "top": drawCursor(position, glyph: glyphs.topKey, box: ("(", ")"), on: &canvas)
            default: drawCursor(position, glyph: glyphs.marker, box: ("<", ">"), on: &canvas)
            }
        }
        if let cursor, cursor != query { drawCursor(cursor, glyph: glyphs.marker, box: ("<", ">"), on: &canvas) }
        // The query's row and column ticked on the frame, then the query itself as a block.
        drawCross(row: query.row, col: query.col, on: &canvas)
        drawCursor(query, glyph: glyphs.query, box: ("[", "]"), ink: .cursor, on: &canvas)
    }

    /// Which of the legend's marks the overlays draw: target p, intermediate m.
    static func marks(_ overlays: [Overlay]) -> (target: Bool, intermediate: Bool) {
        var target = false, intermediate = false
        for case let .marker(_, label) in overlays {
            if label == "p" { target = true }
            if label == "m" { intermediate = true }
        }
        return (target, intermediate)
    }

    // MARK: - Pieces

    private func drawCursor(_ p: Position, glyph: Character, box: (Character, Character), ink: Ink = .contrast,
                            on canvas: inout Canvas) {
        guard let c = geometry.cell(of: p) else { return }
        if wholePixelCursor, case .cursor = ink, geometry.viewport.enlargement > 1 {
            drawPixelFrame(p, glyph: glyph, on: &canvas)
            return
        }
        if geometry.glyphs.cellsPerPixelX == 2 {
            stamp(box.0, x: c.x, y: c.y, ink: ink, covers: true, on: &canvas)
            stamp(box.1, x: c.x + 1, y: c.y, ink: ink, covers: true, on: &canvas)
        } else {
            stamp(glyph, x: c.x, y: c.y, lower: c.lower, ink: ink, covers: true, on: &canvas)
        }
    }

    /// Presenter's cursor: a heavy frame round every cell of the enlarged pixel, in ink that
    /// contrasts with the weight under it, the query's glyph in the cursor's block on its top edge.
    private func drawPixelFrame(_ p: Position, glyph: Character, on canvas: inout Canvas) {
        let box = geometry.cells(of: PixelRect(top: p.row, left: p.col, height: 1, width: 1))
        let (x0, y0, x1, y1) = (box.x0, box.y0, max(box.x0 + 1, box.x1) - 1, max(box.y0 + 1, box.y1) - 1)
        let unicode = glyphs.query == GlyphSet.unicode.query
        for y in y0...y1 {
            for x in x0...x1 {
                let edge: Character
                switch (x == x0, x == x1, y == y0, y == y1) {
                case (true, _, true, _): edge = unicode ? "┏" : "+"
                case (_, true, true, _): edge = unicode ? "┓" : "+"
                case (true, _, _, true): edge = unicode ? "┗" : "+"
                case (_, true, _, true): edge = unicode ? "┛" : "+"
                case (_, _, true, _), (_, _, _, true): edge = unicode ? "━" : "-"
                case (true, _, _, _), (_, true, _, _): edge = unicode ? "┃" : "|"
                default: continue
                }
                // A cursor covers what is under it, like every cursor (the pixel's weight is the
                // status line's and the side panel's).
                stamp(edge, x: x, y: y, ink: .contrast, covers: true, on: &canvas)
            }
        }
        let mid = (x0 + x1) / 2
        stamp(glyph, x: x1 > x0 + 1 ? mid : x0, y: y0, ink: .cursor, covers: true, on: &canvas)
    }

    private func drawPoint(_ p: Point, glyph: Character, on canvas: inout Canvas) {
        guard let c = geometry.cell(pointY: p.y, pointX: p.x, clampToPlot: true) else { return }
        stamp(glyph, x: c.x, y: c.y, lower: c.lower, ink: .contrast, on: &canvas)
    }

    private func drawSamples(_ samples: [Sample], on canvas: inout Canvas) {
        let top = samples.map(\.weight).filter(\.isFinite).max() ?? 0
        for s in samples {
            guard let c = geometry.cell(pointY: s.y, pointX: s.x, clampToPlot: true) else { continue }
            let share = top > 0 && s.weight.isFinite ? s.weight / top : 0
            let size = share >= 2.0 / 3 ? 2 : (share >= 1.0 / 3 ? 1 : 0)
            stamp(glyphs.samples[size], x: c.x, y: c.y, lower: c.lower, ink: .contrast, on: &canvas)
        }
    }

    /// A box drawn on the cells just outside `rect`, so the window's own pixels stay visible.
    private func drawBox(_ rect: PixelRect, on canvas: inout Canvas) {
        let span = geometry.cells(of: rect)
        let left = span.x0 - 1, right = span.x1, top = span.y0 - 1, bottom = span.y1
        guard right > left + 1, bottom > top + 1 else { return }
        let set = glyphs.box
        for x in (left + 1)..<right {
            stamp(set[0], x: x, y: top, ink: .contrast, on: &canvas)
            stamp(set[0], x: x, y: bottom, ink: .contrast, on: &canvas)
        }
        for y in (top + 1)..<bottom {
            stamp(set[1], x: left, y: y, ink: .contrast, on: &canvas)
            stamp(set[1], x: right, y: y, ink: .contrast, on: &canvas)
        }
        stamp(set[2], x: left, y: top, ink: .contrast, on: &canvas)
        stamp(set[3], x: right, y: top, ink: .contrast, on: &canvas)
        stamp(set[4], x: left, y: bottom, ink: .contrast, on: &canvas)
        stamp(set[5], x: right, y: bottom, ink: .contrast, on: &canvas)
    }

    /// The whole window partition, faintly: a thin line on every window border that repeats the
    /// query's window's borders, drawn only on cells that show no weight (so it never hides one).
    private func drawPartition(through tile: PixelRect, on canvas: inout Canvas) {
        let period = max(tile.height, tile.width)
        guard period >= 1, let lines = glyphs.partition else { return }
        let viewport = geometry.viewport, heat = geometry.heat
        let e = viewport.enlargement, p = viewport.pool
        let perCell = geometry.glyphs.dotsPerCellY, wide = geometry.glyphs.cellsPerPixelX
        func phase(_ v: Int) -> Int { ((v % period) + period) % period }
        // The background of a cell that shows no weight (both its dots are background; the
        // picture's grey of the upper one), nil for a cell that shows one.
        func blank(x: Int, y: Int) -> CellColor? {
            let dotCol = (x - heat.x) / wide, dotRow = (y - heat.y) * perCell
            guard let upper = dots.at(row: dotRow, col: dotCol), upper.level == DotLevels.zeroLevel else { return nil }
            if perCell == 2, let lower = dots.at(row: dotRow + 1, col: dotCol), lower.level != DotLevels.zeroLevel { return nil }
            return palette.color(level: Int(upper.level), grey: upper.grey)
        }
        func put(_ glyph: Character, x: Int, y: Int) {
            guard heat.contains(column: x, row: y), let background = blank(x: x, y: y) else { return }
            var cell = Cell(glyph, background: background, attributes: .dim)
            // A mid grey, fainter than the query's window box in contrast ink.
            if hasColor { cell.foreground = .rgb(118, 118, 118) } else { cell.background = .terminalDefault }
            canvas[x, y] = cell
        }
        // Vertical borders: at the left edge of the first cell of every window's first column.
        var col = viewport.originCol + phase(tile.left - viewport.originCol)
        if col == 0 { col += period }
        while col < viewport.mapWidth {
            let dot = (col - viewport.originCol) * e / p
            let x = heat.x + dot * wide
            for y in heat.y..<heat.maxY { put(lines.column, x: x, y: y) }
            col += period
        }
        // Horizontal borders: the top edge of a cell, or its middle between the dots of a half block.
        var row = viewport.originRow + phase(tile.top - viewport.originRow)
        if row == 0 { row += period }
        while row < viewport.mapHeight {
            let dot = (row - viewport.originRow) * e / p
            let y = heat.y + dot / perCell
            let glyph = perCell == 2 && dot % 2 == 1 ? lines.middleRow : lines.row
            for x in heat.x..<heat.maxX { put(glyph, x: x, y: y) }
            row += period
        }
    }

    /// A mask region of the rolled grid: ticks on the plot frame where it starts (no lines over
    /// the weights), and dimmed when its keys are masked for the query.
    private func drawMaskRegion(_ rect: PixelRect, label: Int, matchesQuery: Bool, on canvas: inout Canvas) {
        let span = geometry.cells(of: rect)
        let heat = geometry.heat, plot = geometry.plot
        if !matchesQuery {
            // The part of the region on screen (regions may lie off a panned view).
            let y0 = max(heat.y, span.y0), y1 = min(heat.maxY, span.y1)
            let x0 = max(heat.x, span.x0), x1 = min(heat.maxX, span.x1)
            if y0 < y1 && x0 < x1 {
                for y in y0..<y1 { for x in x0..<x1 { canvas[x, y].attributes.insert(.dim) } }
            }
        }
        if plot != heat {
            if span.x0 > heat.x && span.x0 < heat.maxX {
                stamp(glyphs.frameTicks[0], x: span.x0, y: plot.y, ink: .contrast, on: &canvas)
                stamp(glyphs.frameTicks[1], x: span.x0, y: plot.maxY - 1, ink: .contrast, on: &canvas)
            }
            if span.y0 > heat.y && span.y0 < heat.maxY {
                stamp(glyphs.frameTicks[2], x: plot.x, y: span.y0, ink: .contrast, on: &canvas)
                stamp(glyphs.frameTicks[3], x: plot.maxX - 1, y: span.y0, ink: .contrast, on: &canvas)
            }
        }
    }

    /// A mask region's label (its last digit) in its top-left cell, drawn over window borders.
    private func drawMaskLabel(_ rect: PixelRect, label: Int, matchesQuery: Bool, on canvas: inout Canvas) {
        let span = geometry.cells(of: rect)
        let heat = geometry.heat
        if span.x0 >= heat.x, span.y0 >= heat.y, span.x0 < min(span.x1, heat.maxX), span.y0 < min(span.y1, heat.maxY) {
            let labelGlyph = Character(String(abs(label % 10)))
            stamp(labelGlyph, x: span.x0, y: span.y0, ink: matchesQuery ? .cursor : .contrast, covers: true, on: &canvas)
        }
    }

    /// The query's row and column, marked by ticks on the plot frame so the weights on the
    /// cross itself stay visible.
    private func drawCross(row: Int, col: Int, on canvas: inout Canvas) {
        guard geometry.plot != geometry.heat else { return }
        let p = Position(row: min(max(0, row), geometry.viewport.mapHeight - 1),
                         col: min(max(0, col), geometry.viewport.mapWidth - 1))
        guard let c = geometry.cell(of: p) else { return }
        stamp(glyphs.crossTicks[0], x: geometry.plot.x, y: c.y, ink: .contrast, on: &canvas)
        stamp(glyphs.crossTicks[1], x: geometry.plot.maxX - 1, y: c.y, ink: .contrast, on: &canvas)
        for dx in 0..<geometry.glyphs.cellsPerPixelX {
            stamp(glyphs.crossTicks[2], x: c.x + dx, y: geometry.plot.y, ink: .contrast, on: &canvas)
            stamp(glyphs.crossTicks[3], x: c.x + dx, y: geometry.plot.maxY - 1, ink: .contrast, on: &canvas)
        }
    }

    /// Route `index` in its own colour and glyphs (`Palette.routeColors`, `GlyphSet.routes`),
    /// bold when it carries at least a quarter of the routes' mass, dim otherwise; the target's
    /// and intermediate's marks are drawn by their markers.
    private func drawRoute(_ route: Route, index: Int, share: Double, on canvas: inout Canvas) {
        let cells = route.positions.compactMap { geometry.cell(of: $0) }
        guard cells.count >= 2 else { return }
        let set = glyphs.routes[min(index, glyphs.routes.count - 1)]
        let color = palette.routeColors.isEmpty ? CellColor.terminalDefault
            : palette.routeColors[index % palette.routeColors.count]
        let ink = Ink.route(color, strong: share >= 0.25)
        for (a, b) in zip(cells, cells.dropFirst()) {
            let glyph: Character = a.y == b.y ? set[0] : (a.x == b.x ? set[1] : glyphs.arrowPath)
            for (x, y) in line(from: (a.x, a.y), to: (b.x, b.y)).dropFirst().dropLast() {
                stamp(glyph, x: x, y: y, ink: ink, on: &canvas)
            }
        }
        for c in cells.dropFirst().dropLast() { stamp(set[2], x: c.x, y: c.y, lower: c.lower, ink: ink, on: &canvas) }
    }

    private func drawArrow(_ arrow: OffsetArrow, withPath: Bool, on canvas: inout Canvas) {
        guard let a = geometry.cell(pointY: arrow.from.y, pointX: arrow.from.x, clampToPlot: true),
              let b = geometry.cell(pointY: arrow.to.y, pointX: arrow.to.x, clampToPlot: true) else { return }
        let path = line(from: (a.x, a.y), to: (b.x, b.y))
        guard path.count >= 2 else { return }
        if withPath {
            for (x, y) in path.dropFirst().dropLast(2) { stamp(glyphs.arrowPath, x: x, y: y, ink: .faint, on: &canvas) }
        }
        // The head sits on the last cell before the sample, pointing along the arrow.
        let head = path[path.count - 2]
        stamp(glyphs.arrowHeads[octant(dx: arrow.to.x - arrow.from.x, dy: arrow.to.y - arrow.from.y)],
              x: head.0, y: head.1, ink: .contrast, on: &canvas)
    }

    /// 0 west, 1 north, 2 east, 3 south, 4 NW, 5 NE, 6 SE, 7 SW (y grows downwards).
    private func octant(dx: Double, dy: Double) -> Int {
        let angle = atan2(-dy, dx) * 180 / Double.pi  // counter-clockwise from east
        let sector = Int(((angle + 360 + 22.5).truncatingRemainder(dividingBy: 360)) / 45)
        return [2, 5, 1, 4, 0, 7, 3, 6][min(7, max(0, sector))]
    }

    /// The cells of a straight line (Bresenham), both ends included.
    private func line(from a: (Int, Int), to b: (Int, Int)) -> [(Int, Int)] {
        var (x, y) = a
        let dx = abs(b.0 - x), dy = -abs(b.1 - y)
        let sx = x < b.0 ? 1 : -1, sy = y < b.1 ? 1 : -1
        var err = dx + dy
        var out: [(Int, Int)] = []
        while true {
            out.append((x, y))
            if (x, y) == b || out.count > 4096 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
        return out
    }
}
