import Foundation

/// One criss-cross pass's input `x^(r)` prepared for CCNet's joint row-and-column softmax.
///
/// Holds q and k (projected or identity) and the values v = x, each planar `[c][H·W]` and
/// also transposed `[c][W·H]` so that both the row and the column of a query are contiguous
/// (both loops vectorise). Cross weights use CCNet's layout: `H + W` entries per query, the
/// column part first (entry `h` is key `(h, col)`, the query's own entry `h = row` masked to 0),
/// then the row part (entry `H + w` is key `(row, w)`, self kept).
struct CrossLayer {
    let height: Int
    let width: Int
    /// Query/key dimension d.
    let dimension: Int
    /// Value channels C.
    let channels: Int
    /// The layer input x (= the values), planar `[C][H·W]`.
    let values: [Float]
    private let valuesT: [Float]
    private let queries: [Float]
    private let keys: [Float]
    private let keysT: [Float]
    /// Multiplies q·k before the temperature.
    let scale: Float
    let temperature: Float

    var pixelCount: Int { height * width }
    /// Entries per cross: H + W (one of them, the masked self in the column part, is always 0).
    var crossCount: Int { height + width }

    init(values x: [Float], channels: Int, height: Int, width: Int, projection: Projection?,
         scale: Float, temperature: Float) {
        self.height = height
        self.width = width
        self.channels = channels
        self.values = x
        self.scale = scale
        self.temperature = temperature
        let n = height * width
        if let p = projection {
            dimension = p.dimension
            queries = p.project(planar: x, pixels: n, weights: p.wq, bias: p.bq)
            keys = p.project(planar: x, pixels: n, weights: p.wk, bias: p.bk)
        } else {
            dimension = channels
            queries = x
            keys = x
        }
        keysT = CrossLayer.transpose(keys, planes: dimension, height: height, width: width)
        valuesT = CrossLayer.transpose(x, planes: channels, height: height, width: width)
    }

    /// `[c][h][w]` → `[c][w][h]`.
    static func transpose(_ a: [Float], planes: Int, height: Int, width: Int) -> [Float] {
        var out = [Float](repeating: 0, count: a.count)
        let n = height * width
        for c in 0..<planes {
            for h in 0..<height {
                for w in 0..<width { out[c * n + w * height + h] = a[c * n + h * width + w] }
            }
        }
        return out
    }

    /// The query vector of pixel `n`.
    func query(at n: Int) -> [Float] { (0..<dimension).map { queries[$0 * pixelCount + n] } }

    /// Writes `A(p → ·)` (H + W entries, CCNet layout) for query pixel `p` into `out`.
    func weights(row i: Int, col j: Int, into out: UnsafeMutableBufferPointer<Float>) {
        let q = query(at: i * width + j)
        CrossLayer.crossWeights(query: q, row: i, col: j, height: height, width: width, dimension: dimension,
                                scale: scale, temperature: temperature, into: out) { c in
            // column keys (h, j) contiguous in the transposed copy; row keys (i, w) in the planar one
            (keysT, c * pixelCount + j * height, keys, c * pixelCount + i * width)
        }
    }

    /// The shared logit + mask + softmax of one cross. `planes(c)` gives, for channel `c`, the
    /// arrays and offsets where the H column keys and the W row keys of that channel start.
    static func crossWeights(query q: [Float], row i: Int, col j: Int, height: Int, width: Int,
                             dimension: Int, scale: Float, temperature: Float,
                             into out: UnsafeMutableBufferPointer<Float>,
                             planes: (Int) -> (column: [Float], columnStart: Int, row: [Float], rowStart: Int)) {
        for e in 0..<(height + width) { out[e] = 0 }
        for c in 0..<dimension {
            let qc = q[c]
            let (colKeys, cs, rowKeys, rs) = planes(c)
            colKeys.withUnsafeBufferPointer { k in
                for h in 0..<height { out[h] += qc * k[cs + h] }
            }
            rowKeys.withUnsafeBufferPointer { k in
                for w in 0..<width { out[height + w] += qc * k[rs + w] }
            }
        }
        let factor = scale / temperature
        for e in 0..<(height + width) { out[e] *= factor }
        out[i] = -.infinity  // CCNet's INF diagonal: the vertical branch never sees the query itself
        Softmax.normalize(out)
        if !out[i].isNaN { out[i] = 0 }
    }

    /// `CCA(x)(p) = Σ_m A(p → m) v_m` for query pixel `(i, j)` with its cross weights `a`.
    func output(row i: Int, col j: Int, weights a: UnsafeBufferPointer<Float>) -> [Float] {
        var out = [Float](repeating: 0, count: channels)
        let n = pixelCount
        valuesT.withUnsafeBufferPointer { vt in
            values.withUnsafeBufferPointer { v in
                for c in 0..<channels {
                    var s: Float = 0
                    let colBase = c * n + j * height
                    for h in 0..<height where h != i { s += a[h] * vt[colBase + h] }
                    let rowBase = c * n + i * width
                    for w in 0..<width { s += a[height + w] * v[rowBase + w] }
                    out[c] = s
                }
            }
        }
        return out
    }

    /// The next pass's input `x + γ·CCA(x)` everywhere, and (when `keepWeights`) every
    /// pixel's cross weights, `[p·(H+W) + e]`.
    func nextInput(gamma: Float, keepWeights: Bool) -> (values: [Float], weights: [Float]) {
        let n = pixelCount, k = crossCount
        var next = values
        var all = keepWeights ? [Float](repeating: 0, count: n * k) : []
        var buffer = [Float](repeating: 0, count: k)
        for i in 0..<height {
            for j in 0..<width {
                let p = i * width + j
                let o: [Float] = buffer.withUnsafeMutableBufferPointer { b in
                    weights(row: i, col: j, into: b)
                    return output(row: i, col: j, weights: UnsafeBufferPointer(b))
                }
                for c in 0..<channels { next[c * n + p] += gamma * o[c] }
                if keepWeights { for e in 0..<k { all[p * k + e] = buffer[e] } }
            }
        }
        return (next, all)
    }
}

/// Adds `s · A(m → ·)` (cross weights `a` of pixel m = (mr, mc), CCNet layout) onto a planar map.
@inline(__always)
func scatterCross(_ a: UnsafeBufferPointer<Float>, row mr: Int, col mc: Int, times s: Float,
                  height: Int, width: Int, into z: UnsafeMutableBufferPointer<Float>) {
    for h in 0..<height where h != mr { z[h * width + mc] += s * a[h] }
    let base = mr * width
    for w in 0..<width { z[base + w] += s * a[height + w] }
}
