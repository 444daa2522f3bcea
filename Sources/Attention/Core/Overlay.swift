/// Geometry a mechanism asks the renderer to draw over the weights.
public enum Overlay: Hashable, Sendable {
    /// The query's window (Swin) or neighbourhood/kernel footprint, in original coordinates.
    case window(PixelRect)
    /// The query's window in the rolled, padded grid (Swin shifted windows), with the roll that
    /// maps the map onto that grid.
    case rolledWindow(PixelRect, roll: SwinRoll)
    /// A mask region (label) of the rolled grid: keys outside the query's label get −100.
    case maskRegion(PixelRect, label: Int, matchesQuery: Bool)
    /// The query's row and column (criss-cross, axial).
    case cross(row: Int, col: Int)
    /// DAT's reference points, in pixels (may lie outside the map).
    case referencePoints([Point])
    /// Offsets drawn as arrows from a reference point or kernel tap to its sample.
    case offsets([OffsetArrow])
    /// Kernel taps before deformation (dcn), in pixels.
    case kernelGrid([Point])
    /// A route by which a far pixel reaches the query through intermediate positions.
    case route(Route)
    /// A second cursor (e.g. the target pixel of a route, or an intermediate position).
    case marker(Position, label: String)
}

/// An arrow from a reference position to where it samples.
public struct OffsetArrow: Hashable, Sendable {
    /// Where the arrow starts (reference point or undeformed tap).
    public var from: Point
    /// Where it ends (the sample).
    public var to: Point

    /// Creates an arrow.
    public init(from: Point, to: Point) {
        self.from = from
        self.to = to
    }
}

/// A path of attention hops from the query to a target pixel, with its share of the target's mass.
public struct Route: Hashable, Sendable {
    /// The positions visited, query first, target last.
    public var positions: [Position]
    /// The mass this route contributes to the target's weight.
    public var weight: Double

    /// Creates a route.
    public init(positions: [Position], weight: Double) {
        self.positions = positions
        self.weight = weight
    }
}

/// A rectangle of pixels, `rows` and `cols` half-open, in original map coordinates unless
/// the overlay says otherwise.
public struct PixelRect: Hashable, Sendable, Codable {
    /// The first row.
    public var top: Int
    /// The first column.
    public var left: Int
    /// The number of rows.
    public var height: Int
    /// The number of columns.
    public var width: Int

    /// Creates a rectangle.
    public init(top: Int, left: Int, height: Int, width: Int) {
        self.top = top
        self.left = left
        self.height = height
        self.width = width
    }

    /// Whether the rectangle contains `p`.
    public func contains(_ p: Position) -> Bool {
        p.row >= top && p.row < top + height && p.col >= left && p.col < left + width
    }
}
