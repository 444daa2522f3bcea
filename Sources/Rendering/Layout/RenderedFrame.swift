import Attention

/// A rendered frame: the canvas, and where each view landed (for mouse hit-testing).
public struct RenderedFrame: Sendable {
    /// The cells.
    public var canvas: Canvas
    /// The views drawn, in the order of `FrameContent.views`: all of them, or only the first
    /// when the window cannot hold a grid of them, none when the window is too small.
    public var views: [RenderedView]
    /// True when the window was below the minimum and only the notice was drawn.
    public var tooSmall: Bool
    /// Whether the side panel fit.
    public var showsSidePanel: Bool

    /// The view index and map pixel under cell (`column`, `row`), or nil (mouse clicks).
    public func hit(column: Int, row: Int) -> (view: Int, position: Position)? {
        for (i, view) in views.enumerated() {
            if let p = view.position(column: column, row: row) { return (i, p) }
        }
        return nil
    }
}

/// Where one view landed on the canvas and how it was scaled.
public struct RenderedView: Sendable, Hashable {
    /// The whole panel (title, map, legend).
    public var panel: CellRect
    /// The cells showing the map.
    public var heatmap: CellRect
    /// The map → dots mapping used.
    public var viewport: Viewport
    /// The glyph rung used (after the small-window policy).
    public var glyphs: GlyphStyle
    /// The value scale bound to the shown values.
    public var mapping: ScaleMapping
    /// The Swin roll in effect (`nil` for original coordinates).
    public var rolled: SwinRoll?

    /// The cell showing original-map pixel `p` (the first column of a two-column dot), or nil
    /// when `p` is off the view (cropped) or not on the map.
    public func cell(of p: Position) -> (column: Int, row: Int)? {
        let shown: Position
        if let rolled {
            guard p.row >= 0, p.row < rolled.height, p.col >= 0, p.col < rolled.width else { return nil }
            shown = rolled.rolled(of: p)
        } else {
            shown = p
        }
        guard shown.row >= 0, shown.row < viewport.mapHeight, shown.col >= 0, shown.col < viewport.mapWidth,
              let dot = viewport.dot(of: shown) else { return nil }
        return (heatmap.x + dot.col * glyphs.cellsPerPixelX, heatmap.y + dot.row / glyphs.dotsPerCellY)
    }

    /// The original-map pixel under cell (`column`, `row`), or nil.
    public func position(column: Int, row: Int) -> Position? {
        guard heatmap.contains(column: column, row: row) else { return nil }
        let dotCol = (column - heatmap.x) / glyphs.cellsPerPixelX
        let dotRow = (row - heatmap.y) * glyphs.dotsPerCellY
        guard let p = viewport.mapPosition(dotRow: dotRow, dotCol: dotCol) else { return nil }
        guard let rolled else { return p }
        return rolled.original(of: p)  // nil on Swin's padding tokens: they are not pixels of the map
    }
}
