/// The four bilinear corners of a fractional point, as torchvision's `bilinear_interpolate`
/// and `grid_sample(align_corners=True, padding_mode="zeros")` weigh them.
struct BilinearCorners: Sendable {
    /// Corner rows: y0, y0, y0+1, y0+1.
    public var rows: (Int, Int, Int, Int)
    /// Corner columns: x0, x0+1, x0, x0+1.
    public var cols: (Int, Int, Int, Int)
    /// Corner weights (1−ly)(1−lx), (1−ly)lx, ly(1−lx), ly·lx.
    public var weights: (Double, Double, Double, Double)

    /// The corners of point (y, x). A non-finite or absurdly far point (a NaN offset) has all
    /// four corners off the map, so its whole mass is reported as off-image.
    public init(y: Double, x: Double) {
        guard y.isFinite, x.isFinite, abs(y) < 1e9, abs(x) < 1e9 else {
            rows = (-2, -2, -2, -2)
            cols = (-2, -2, -2, -2)
            weights = (0.25, 0.25, 0.25, 0.25)
            return
        }
        let y0 = Int((y).rounded(.down)), x0 = Int((x).rounded(.down))
        let ly = y - Double(y0), lx = x - Double(x0)
        rows = (y0, y0, y0 + 1, y0 + 1)
        cols = (x0, x0 + 1, x0, x0 + 1)
        weights = ((1 - ly) * (1 - lx), (1 - ly) * lx, ly * (1 - lx), ly * lx)
    }

    /// Calls `body(row, col, weight)` for each corner; `inside` tells whether it is on an H×W map.
    @inlinable
    public func forEach(height: Int, width: Int, _ body: (_ row: Int, _ col: Int, _ weight: Double, _ inside: Bool) -> Void) {
        // Unrolled (no temporary arrays): this runs for every sample of every query.
        func visit(_ r: Int, _ c: Int, _ w: Double) {
            body(r, c, w, r >= 0 && r < height && c >= 0 && c < width)
        }
        visit(rows.0, cols.0, weights.0)
        visit(rows.1, cols.1, weights.1)
        visit(rows.2, cols.2, weights.2)
        visit(rows.3, cols.3, weights.3)
    }
}
