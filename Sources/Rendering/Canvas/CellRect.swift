/// A rectangle of canvas cells: `x`, `y` of the top-left cell, `width` columns, `height` rows.
public struct CellRect: Hashable, Sendable {
    /// The left column.
    public var x: Int
    /// The top row.
    public var y: Int
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// Creates a rectangle (negative sizes become 0).
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// One past the right column.
    public var maxX: Int { x + width }
    /// One past the bottom row.
    public var maxY: Int { y + height }
    /// Whether the rectangle has no cells.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// Whether the cell (`column`, `row`) is inside.
    public func contains(column: Int, row: Int) -> Bool {
        column >= x && column < maxX && row >= y && row < maxY
    }

    /// The rectangle grown by `n` cells on every side (shrunk for negative `n`).
    public func insetBy(_ n: Int) -> CellRect {
        CellRect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n)
    }
}
