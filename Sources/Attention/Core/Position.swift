/// A pixel position, 0-based.
public struct Position: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The row, 0 at the top.
    public var row: Int
    /// The column, 0 at the left.
    public var col: Int

    /// Creates a position.
    public init(row: Int, col: Int) {
        self.row = row
        self.col = col
    }

    /// `(row,col)`.
    public var description: String { "(\(row),\(col))" }
}

/// A fractional point in pixel coordinates (y down, x right).
public struct Point: Hashable, Sendable, Codable {
    /// The row coordinate.
    public var y: Double
    /// The column coordinate.
    public var x: Double

    /// Creates a point.
    public init(y: Double, x: Double) {
        self.y = y
        self.x = x
    }
}
