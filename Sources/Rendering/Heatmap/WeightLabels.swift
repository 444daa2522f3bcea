import Foundation
import Attention

/// Prints each pixel's weight inside its cells when a small map is enlarged into big cells
/// (`--numbers`, presenter mode): a class reads the numbers off the screen instead of guessing
/// them from a colour.
///
/// A pixel gets a label when its block of cells is at least four columns wide and starts and
/// ends on whole cells. The label is the weight with three decimals (`.512`; two, `.51`, when
/// the block is four columns wide), centred in the block with a free column to its neighbour; weights that round to zero stay blank so the
/// picture keeps its shape. A label never covers an overlay: it moves to a free row of its
/// block (the query's off its cursor row), or is left out.
enum WeightLabels {
    /// Draws the labels of the whole-map `values` (row-major, the viewport's map) over the
    /// heatmap already painted at `geometry`.
    ///
    /// Overlays (cursors, sampling points, arrows) win: call it after them with `heatmapOnly`,
    /// the canvas as it was before they were drawn, and a label goes on a row of its block
    /// that no overlay touched, or nowhere.
    static func paint(values: FieldWeights, dots: DotLevels, into canvas: inout Canvas, geometry: ViewGeometry,
                      palette: Palette, hasColor: Bool, query: Position, heatmapOnly: Canvas) {
        let viewport = geometry.viewport
        guard viewport.pool == 1, values.count == viewport.mapHeight * viewport.mapWidth else { return }
        let perCell = geometry.glyphs.dotsPerCellY
        // Whole cells per pixel: a half-block pixel needs an even number of dots.
        guard viewport.enlargement % perCell == 0 else { return }
        let blockHeight = viewport.enlargement / perCell
        let blockWidth = viewport.enlargement * geometry.glyphs.cellsPerPixelX
        guard blockWidth >= 4, blockHeight >= 1 else { return }
        let cursorCell = geometry.cell(of: query)
        let rows = viewport.dotRows / viewport.enlargement, cols = viewport.dotCols / viewport.enlargement
        for r in 0..<rows {
            for c in 0..<cols {
                let p = Position(row: viewport.originRow + r, col: viewport.originCol + c)
                guard p.row < viewport.mapHeight, p.col < viewport.mapWidth else { continue }
                let value = values[p.row * viewport.mapWidth + p.col]
                let text = label(value, width: blockWidth - 1)  // a free column keeps neighbours apart
                guard !text.isEmpty else { continue }
                let block = geometry.cells(of: PixelRect(top: p.row, left: p.col, height: 1, width: 1))
                let x = block.x0 + (blockWidth - text.count) / 2
                // The middle row first, then the others outwards; the query's cursor row never.
                let middle = block.y0 + (blockHeight - 1) / 2
                let candidates = [middle] + (1..<max(1, blockHeight)).flatMap { [middle - $0, middle + $0] }
                let free = candidates.first { y in
                    y >= block.y0 && y < block.y1 && !(p == query && cursorCell?.y == y)
                        && (0..<text.count).allSatisfy { canvas[x + $0, y] == heatmapOnly[x + $0, y] }
                }
                guard let y = free else { continue }
                let dot = dots.at(row: r * viewport.enlargement, col: c * viewport.enlargement)
                for (i, character) in text.enumerated() {
                    var cell = Cell(character, attributes: .bold)
                    if hasColor, let dot, dot.level != DotLevels.nanLevel {
                        cell.background = palette.color(level: Int(dot.level), grey: dot.grey)
                        cell.foreground = palette.contrast(level: Int(dot.level), grey: dot.grey)
                    }
                    guard geometry.heat.contains(column: x + i, row: y) else { continue }
                    canvas[x + i, y] = cell
                }
            }
        }
    }

    /// The label of `value` in at most `width` columns: `.512`, `1.000`, `2.5`; empty when it
    /// rounds to zero or cannot be shown in that width.
    static func label(_ value: Float, width: Int) -> String {
        guard value.isFinite else { return "" }
        let decimals = width >= 4 ? 3 : 2
        let threshold = decimals == 3 ? Float(0.0005) : Float(0.005)
        guard abs(value) >= threshold else { return "" }
        var text = String(format: "%.\(decimals)f", Double(value))
        if text.hasPrefix("0.") { text.removeFirst() }
        if text.hasPrefix("-0.") { text = "-" + text.dropFirst(2) }
        if text.count <= width { return text }
        let compact = NumberFormat.compact(Double(value))
        return compact.count <= width ? compact : ""
    }
}
