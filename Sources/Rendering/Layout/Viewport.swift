import Attention

/// Which part of a map a heatmap area shows, and at what scale.
///
/// The area is a grid of square-ish *dots*: half-block cells hold two dots (upper and lower),
/// the two-column styles spend two columns on one dot. A map pixel covers `enlargement`×
/// `enlargement` dots, or a dot sums a `pool`×`pool` block of pixels (sums, so mass is kept);
/// one of the two factors is always 1.
public struct Viewport: Hashable, Sendable {
    /// The map's height.
    public let mapHeight: Int
    /// The map's width.
    public let mapWidth: Int
    /// Dots per map pixel along each axis (≥ 1).
    public let enlargement: Int
    /// Map pixels per dot along each axis (≥ 1); pooled dots sum their block.
    public let pool: Int
    /// The first map row shown.
    public let originRow: Int
    /// The first map column shown.
    public let originCol: Int
    /// Dots shown vertically.
    public let dotRows: Int
    /// Dots shown horizontally.
    public let dotCols: Int

    /// Creates a viewport from explicit parts (clamped to sane values).
    public init(mapHeight: Int, mapWidth: Int, enlargement: Int, pool: Int,
                originRow: Int, originCol: Int, dotRows: Int, dotCols: Int) {
        self.mapHeight = max(1, mapHeight)
        self.mapWidth = max(1, mapWidth)
        self.enlargement = max(1, enlargement)
        self.pool = max(1, pool)
        self.originRow = max(0, originRow)
        self.originCol = max(0, originCol)
        self.dotRows = max(0, dotRows)
        self.dotCols = max(0, dotCols)
    }

    /// The viewport of an `mapHeight`×`mapWidth` map in an area of `availableRows`×
    /// `availableCols` dots.
    ///
    /// `fit` enlarges a small map by the largest integer that fits, or pools a large one by the
    /// smallest integer that makes it fit. `pan` never pools: it shows the map at scale 1
    /// (enlarged if small) and moves the origin so that `query` is visible, centred when it can.
    ///
    /// Pooling is for maps larger than the window, not for windows too small for the map: when
    /// pooling would leave fewer than `minimumPooledDots` dots across the shorter side (or the
    /// map's own shorter side, if smaller), `fit` pans instead, the last step of the
    /// small-window policy. A map that nearly fits (at least 80 % of each axis at native scale)
    /// is panned too: cropping a few rows loses less than halving the resolution.
    ///
    /// `mayCrop: false` (a view whose lesson lies at its edges, as Swin's rolled strip does)
    /// pools instead of panning whenever pooling can show the whole map.
    public static func make(mapHeight: Int, mapWidth: Int, availableRows: Int, availableCols: Int,
                            policy: ViewportPolicy, query: Position, minimumPooledDots: Int = 12,
                            mayCrop: Bool = true) -> Viewport {
        let h = max(1, mapHeight), w = max(1, mapWidth)
        let rows = max(1, availableRows), cols = max(1, availableCols)
        let enlargement = max(1, min(rows / h, cols / w))
        if h * enlargement <= rows && w * enlargement <= cols && (h <= rows && w <= cols) {
            return Viewport(mapHeight: h, mapWidth: w, enlargement: enlargement, pool: 1, originRow: 0, originCol: 0,
                            dotRows: h * enlargement, dotCols: w * enlargement)
        }
        // A map that nearly fits (80 % of each axis) loses less to a crop than to halving.
        let nearlyFits = mayCrop && 5 * min(h, rows) >= 4 * h && 5 * min(w, cols) >= 4 * w
        if policy == .fit && !nearlyFits {
            let pool = max(ceilDiv(h, rows), ceilDiv(w, cols))
            let pooledRows = ceilDiv(h, pool), pooledCols = ceilDiv(w, pool)
            if min(pooledRows, pooledCols) >= min(mayCrop ? minimumPooledDots : 2, min(h, w)) {
                return Viewport(mapHeight: h, mapWidth: w, enlargement: 1, pool: pool, originRow: 0, originCol: 0,
                                dotRows: pooledRows, dotCols: pooledCols)
            }
        }
        // Pan: native pixels around the query.
        let shownRows = min(h, rows), shownCols = min(w, cols)
        let top = clampOrigin(center: query.row, span: shownRows, length: h)
        let left = clampOrigin(center: query.col, span: shownCols, length: w)
        return Viewport(mapHeight: h, mapWidth: w, enlargement: 1, pool: 1, originRow: top, originCol: left,
                        dotRows: shownRows, dotCols: shownCols)
    }

    /// The viewport at exactly `enlargement` dots per pixel, panned so that `query` is visible
    /// (centred when it can be) when the enlarged map does not fit: presenter mode's bigger cells.
    public static func enlarged(mapHeight: Int, mapWidth: Int, availableRows: Int, availableCols: Int,
                                enlargement: Int, query: Position) -> Viewport {
        let h = max(1, mapHeight), w = max(1, mapWidth), e = max(1, enlargement)
        let rows = max(1, availableRows), cols = max(1, availableCols)
        // Whole pixels only: a pixel cut in half would read as a narrower weight.
        let pixelRows = max(1, min(h, rows / e)), pixelCols = max(1, min(w, cols / e))
        let top = clampOrigin(center: query.row, span: pixelRows, length: h)
        let left = clampOrigin(center: query.col, span: pixelCols, length: w)
        return Viewport(mapHeight: h, mapWidth: w, enlargement: e, pool: 1, originRow: top, originCol: left,
                        dotRows: min(rows, pixelRows * e), dotCols: min(cols, pixelCols * e))
    }

    private static func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }

    private static func clampOrigin(center: Int, span: Int, length: Int) -> Int {
        let c = min(max(0, center), length - 1)
        return max(0, min(length - span, c - span / 2))
    }

    /// Whether the whole map is shown (not panned).
    public var showsWholeMap: Bool {
        originRow == 0 && originCol == 0 && dotRows * pool >= mapHeight * enlargement
            && dotCols * pool >= mapWidth * enlargement
    }

    /// The dot (row, col) showing map pixel `p`, or nil when `p` is off the view.
    public func dot(of p: Position) -> (row: Int, col: Int)? {
        guard let r = dotRow(ofMapRow: Double(p.row) + 0.5), let c = dotCol(ofMapCol: Double(p.col) + 0.5) else { return nil }
        return (r, c)
    }

    /// The dot row containing fractional map row `y` (pixel centres at +0.5), or nil off view.
    public func dotRow(ofMapRow y: Double) -> Int? {
        let d = ((y - Double(originRow)) * Double(enlargement) / Double(pool)).rounded(.down)
        guard d.isFinite, d >= 0, d < Double(dotRows) else { return nil }
        return Int(d)
    }

    /// The dot column containing fractional map column `x`, or nil off view.
    public func dotCol(ofMapCol x: Double) -> Int? {
        let d = ((x - Double(originCol)) * Double(enlargement) / Double(pool)).rounded(.down)
        guard d.isFinite, d >= 0, d < Double(dotCols) else { return nil }
        return Int(d)
    }

    /// The map pixel a dot shows (the top-left pixel of its block when pooled), or nil.
    public func mapPosition(dotRow: Int, dotCol: Int) -> Position? {
        guard dotRow >= 0, dotRow < dotRows, dotCol >= 0, dotCol < dotCols else { return nil }
        let row = originRow + dotRow * pool / enlargement
        let col = originCol + dotCol * pool / enlargement
        guard row < mapHeight, col < mapWidth else { return nil }
        return Position(row: row, col: col)
    }

    /// The dot grid's values: each dot the sum of its pool block (NaN if any pixel is NaN),
    /// or the pixel it enlarges. `values` is the map row-major; the result is `dotRows × dotCols`.
    public func dotValues(_ values: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: dotRows * dotCols)
        guard values.count == mapHeight * mapWidth else { return out }
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                if pool == 1 {
                    for r in 0..<dotRows {
                        let y = originRow + r / enlargement
                        guard y < mapHeight else { continue }
                        let rowBase = y * mapWidth
                        for c in 0..<dotCols {
                            let x = originCol + c / enlargement
                            if x < mapWidth { dst[r * dotCols + c] = src[rowBase + x] }
                        }
                    }
                } else if originRow < mapHeight {
                    // Pooled views start at the origin (fit never pans a pooled view).
                    for y in originRow..<mapHeight {
                        let r = (y - originRow) / pool
                        if r >= dotRows { break }
                        let rowBase = y * mapWidth, outBase = r * dotCols
                        var x = originCol, c = 0
                        while x < mapWidth && c < dotCols {
                            let end = min(mapWidth, x + pool)
                            var s: Float = 0
                            for i in x..<end { s += src[rowBase + i] }
                            dst[outBase + c] += s
                            x = end
                            c += 1
                        }
                    }
                }
            }
        }
        return out
    }

    /// The dot grid's values of a dense or sparse map, as `dotValues(_:)` computes them.
    public func dotValues(_ weights: FieldWeights) -> [Float] {
        switch weights {
        case let .dense(values): return dotValues(values)
        case let .sparse(entries): return dotValues(entries)
        }
    }

    /// The dot grid's values of a sparse map, from its entries alone (no dense map is built).
    ///
    /// Equal, bit for bit, to `dotValues(entries.dense())`: a pooled dot adds the Float sum of
    /// each row's run of its block to the dot, as the dense loop does, and the zeros the dense
    /// loop adds in between change no sum.
    public func dotValues(_ entries: SparseWeights) -> [Float] {
        var out = [Float](repeating: 0, count: dotRows * dotCols)
        guard entries.count == mapHeight * mapWidth else { return out }
        let n = entries.indices.count
        entries.indices.withUnsafeBufferPointer { indices in
            entries.values.withUnsafeBufferPointer { values in
                out.withUnsafeMutableBufferPointer { dst in
                    var k = 0
                    while k < n {
                        let i = indices[k], y = i / mapWidth, x = i % mapWidth
                        guard y >= originRow, x >= originCol else { k += 1; continue }
                        if pool == 1 {
                            // Every dot that enlarges pixel (y, x).
                            let r0 = (y - originRow) * enlargement, c0 = (x - originCol) * enlargement
                            if r0 < dotRows, c0 < dotCols {
                                for r in r0..<min(r0 + enlargement, dotRows) {
                                    for c in c0..<min(c0 + enlargement, dotCols) { dst[r * dotCols + c] = values[k] }
                                }
                            }
                            k += 1
                            continue
                        }
                        let r = (y - originRow) / pool, c = (x - originCol) / pool
                        guard r < dotRows, c < dotCols else { k += 1; continue }
                        // The entries of this row's run of the block, summed as the dense loop sums it.
                        let runEnd = y * mapWidth + min(mapWidth, originCol + (c + 1) * pool)
                        var sum: Float = 0
                        while k < n, indices[k] < runEnd {
                            sum += values[k]
                            k += 1
                        }
                        dst[r * dotCols + c] += sum
                    }
                }
            }
        }
        return out
    }
}
