/// A linear layer on planar data: `W·x + b` for every pixel of a `[C][n]` block.
enum PlanarLinear {
    /// `W·x + b` of planar `[channels][n]` data with `W` row-major `[rows][channels]`, planar
    /// `[rows][n]`. Zero weights are skipped (identity and sparse projections stay cheap).
    static func apply(_ w: [Float], _ b: [Float], rows: Int, channels: Int, planar x: [Float], pixels n: Int) -> [Float] {
        var out = [Float](repeating: 0, count: rows * n)
        out.withUnsafeMutableBufferPointer { o in
            x.withUnsafeBufferPointer { xs in
                for r in 0..<rows {
                    let row = o.baseAddress! + r * n
                    for i in 0..<n { row[i] = b[r] }
                    for c in 0..<channels {
                        let weight = w[r * channels + c]
                        if weight == 0 { continue }
                        let column = xs.baseAddress! + c * n
                        for i in 0..<n { row[i] += weight * column[i] }
                    }
                }
            }
        }
        return out
    }
}
