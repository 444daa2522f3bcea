/// A grey picture to draw under the weights, already on any grid; the renderer resamples it.
public struct Underlay: Sendable, Equatable {
    /// Rows of the picture.
    public let height: Int
    /// Columns of the picture.
    public let width: Int
    /// Grey levels, row-major, any range (normalised to [0, 1] by min and max).
    public let values: [Float]

    /// Creates an underlay; nil when `values.count != height·width` or a size is not positive.
    public init?(height: Int, width: Int, values: [Float]) {
        guard height > 0, width > 0, height.multipliedReportingOverflow(by: width).overflow == false,
              values.count == height * width else { return nil }
        self.height = height
        self.width = width
        self.values = values
    }

    /// The picture resampled to an `h`×`w` grid by area averaging (box filter), normalised to
    /// [0, 1]; a flat picture becomes 0.5.
    public func resampled(height h: Int, width w: Int) -> [Float] {
        guard h > 0, w > 0 else { return [] }
        var lo = Float.infinity, hi = -Float.infinity
        for v in values where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
        let range = hi - lo
        var out = [Float](repeating: 0.5, count: h * w)
        for r in 0..<h {
            let y0 = r * height / h, y1 = max(y0 + 1, (r + 1) * height / h)
            for c in 0..<w {
                let x0 = c * width / w, x1 = max(x0 + 1, (c + 1) * width / w)
                var s: Float = 0, n: Float = 0
                for y in y0..<min(y1, height) {
                    for x in x0..<min(x1, width) where values[y * width + x].isFinite {
                        s += values[y * width + x]
                        n += 1
                    }
                }
                if n > 0, range > 0 { out[r * w + c] = (s / n - lo) / range }
            }
        }
        return out
    }
}
