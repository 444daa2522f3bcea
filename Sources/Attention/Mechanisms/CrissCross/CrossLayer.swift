import AttentionKernels
import Foundation

/// One criss-cross pass's input `x^(r)` prepared for CCNet's joint row-and-column softmax.
///
/// Holds q and k (projected or identity) and the values v (`Wv·x + bv` with a loaded value
/// projection, else x itself, shared), each planar `[c][H·W]` (no
/// transposed copy: `CrossLine` reads columns through rows, and a single cross gathers its
/// column). Cross weights use CCNet's layout: `H + W` entries per query, the
/// column part first (entry `h` is key `(h, col)`, the query's own entry `h = row` masked to 0),
/// then the row part (entry `H + w` is key `(row, w)`, self kept).
struct CrossLayer {
    let height: Int
    let width: Int
    /// Query/key dimension d.
    let dimension: Int
    /// Value channels C.
    let channels: Int
    /// The layer input x, planar `[C][H·W]` (the residual of `x + γ·CCA(v)`).
    let input: [Float]
    /// The values v, planar `[C][H·W]`: x itself (the same storage) without a value projection.
    let values: [Float]
    /// Whether the values are x itself (no value projection).
    let valuesAreInput: Bool
    /// Queries, planar `[d][H·W]`.
    let queries: [Float]
    /// Keys, planar `[d][H·W]`.
    let keys: [Float]
    /// Multiplies q·k before the temperature.
    let scale: Float
    let temperature: Float

    var pixelCount: Int { height * width }
    /// Entries per cross: H + W (one of them, the masked self in the column part, is always 0).
    var crossCount: Int { height + width }

    /// Prepares q, k and v from the input `x`.
    init(input x: [Float], channels: Int, height: Int, width: Int, projection: Projection?,
         valueProjection: ValueProjection? = nil, scale: Float, temperature: Float) {
        self.height = height
        self.width = width
        self.channels = channels
        self.input = x
        self.values = valueProjection?.apply(planar: x, pixels: height * width) ?? x
        valuesAreInput = valueProjection == nil
        self.scale = scale
        self.temperature = temperature
        let n = height * width
        if let p = projection {
            dimension = p.dimension
            queries = p.queries(planar: x, pixels: n)
            keys = p.keys(planar: x, pixels: n)
        } else {
            dimension = channels
            queries = x
            keys = x
        }
    }

    /// The kernels' description of this layer (γ left 0), with pointers valid inside `body`.
    func withPointers<R>(_ body: (ak_cross_layer) -> R) -> R {
        queries.withUnsafeBufferPointer { q in
            keys.withUnsafeBufferPointer { k in
                values.withUnsafeBufferPointer { v in
                    body(ak_cross_layer(height: height, width: width, dimension: dimension, channels: channels,
                                        queries: q.baseAddress, keys: k.baseAddress, values: v.baseAddress,
                                        factor: scale / temperature, gamma: 0))
                }
            }
        }
    }

    /// The query vector of pixel `n`.
    func query(at n: Int) -> [Float] { (0..<dimension).map { queries[$0 * pixelCount + n] } }

    /// Writes `A(p → ·)` (H + W entries, CCNet layout) for query pixel `p` into `out`.
    func weights(row i: Int, col j: Int, into out: UnsafeMutableBufferPointer<Float>) {
        let q = query(at: i * width + j)
        let column = CrossLayer.gatherColumn(keys, planes: dimension, height: height, width: width, col: j)
        column.withUnsafeBufferPointer { kt in
            keys.withUnsafeBufferPointer { k in
                // column keys (h, j) gathered as [c][h]; row keys (i, w) are contiguous in the planar array
                CrossLayer.crossWeights(query: q, row: i, height: height, width: width,
                                        columnKeys: kt.baseAddress!, rowKeys: k.baseAddress! + i * width,
                                        columnStride: height, rowStride: pixelCount, scale: scale,
                                        temperature: temperature, into: out)
            }
        }
    }

    /// Column `col` of planar `[planes][H·W]` data, as `[plane][h]`.
    static func gatherColumn(_ a: [Float], planes: Int, height: Int, width: Int, col: Int) -> [Float] {
        var out = [Float](repeating: 0, count: planes * height)
        let n = height * width
        for c in 0..<planes {
            for h in 0..<height { out[c * height + h] = a[c * n + h * width + col] }
        }
        return out
    }

    /// The shared logit + mask + softmax of one cross: channel c's H column keys start at
    /// `columnKeys + c·columnStride`, its W row keys at `rowKeys + c·rowStride`.
    static func crossWeights(query q: [Float], row i: Int, height: Int, width: Int,
                             columnKeys: UnsafePointer<Float>, rowKeys: UnsafePointer<Float>, columnStride: Int,
                             rowStride: Int, scale: Float, temperature: Float,
                             into out: UnsafeMutableBufferPointer<Float>) {
        let o = out.baseAddress!
        for e in 0..<(height + width) { o[e] = 0 }
        let row = o + height
        for c in 0..<q.count {
            let qc = q[c]
            let ck = columnKeys + c * columnStride, rk = rowKeys + c * rowStride
            for h in 0..<height { o[h] += qc * ck[h] }
            for w in 0..<width { row[w] += qc * rk[w] }
        }
        let factor = scale / temperature
        for e in 0..<(height + width) { o[e] *= factor }
        o[i] = -.infinity  // CCNet's INF diagonal: the vertical branch never sees the query itself
        Softmax.normalize(out)
    }

    /// `Σ a[t]·b[t]` with eight independent lanes (a plain float reduction does not vectorise).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var acc = SIMD8<Float>(repeating: 0)
        var t = 0
        while t + 8 <= count {
            let x = UnsafeRawPointer(a + t).loadUnaligned(as: SIMD8<Float>.self)
            let y = UnsafeRawPointer(b + t).loadUnaligned(as: SIMD8<Float>.self)
            acc += x * y
            t += 8
        }
        var s = acc.laneSum
        while t < count { s += a[t] * b[t]; t += 1 }
        return s
    }

    /// The next pass's input `x + γ·CCA(v)` everywhere, and (when `keepWeights`) every
    /// pixel's cross weights: the pass run one row line at a time.
    func nextInput(gamma: Float, keepWeights: Bool) -> (values: [Float], weights: CrossWeightsTable?) {
        let n = pixelCount
        var next = input
        var table = keepWeights ? CrossWeightsTable(height: height, width: width) : nil
        let line = CrossLine()
        var rowValues: [Float] = []
        for i in 0..<height {
            let weights = line.weightsAndValues(self, index: i, isRow: true, gamma: gamma, values: &rowValues)
            // The kernels give v + γ·CCA(v); with projected values the residual is x, not v.
            for c in 0..<channels {
                for j in 0..<width {
                    let p = c * n + i * width + j
                    next[p] = valuesAreInput ? rowValues[c * width + j] : input[p] + (rowValues[c * width + j] - values[p])
                }
            }
            table?.store(weights)
        }
        return (next, table)
    }
}

/// Every pixel's cross weights of one pass, laid out so that pushing a dense row vector
/// through the pass is contiguous multiply-adds: the row parts as `[i][j][w]`, the column parts
/// transposed as `[j][i][h]` (accumulated per column, then added back).
struct CrossWeightsTable {
    let height: Int
    let width: Int
    /// `A((i, j) → (i, w))` at `(i·W + j)·W + w`.
    private var rowParts: [Float]
    /// `A((i, j) → (h, j))` at `(j·H + i)·H + h` (0 at h = i, the masked self).
    private var columnParts: [Float]

    init(height: Int, width: Int) {
        self.height = height
        self.width = width
        rowParts = [Float](repeating: 0, count: height * width * width)
        columnParts = [Float](repeating: 0, count: height * width * height)
    }

    /// The floats held (both parts).
    var floatCount: Int { rowParts.count + columnParts.count }

    /// Stores the weights of every pixel of a row line.
    mutating func store(_ line: CrossLineWeights) {
        precondition(line.isRow && line.height == height && line.width == width)
        let i = line.index
        for j in 0..<width {
            let r = (i * width + j) * width, c = (j * height + i) * height
            for w in 0..<width { rowParts[r + w] = line.weight(at: j, entry: height + w) }
            for h in 0..<height { columnParts[c + h] = line.weight(at: j, entry: h) }
        }
    }

    /// `z·(g·A + ρ·I)` for a dense row vector `z` over the H×W pixels.
    func propagate(_ z: [Float], attention g: Float, identity rho: Float) -> [Float] {
        let hh = height, ww = width
        var out = z.map { $0 * rho }
        var columns = [Float](repeating: 0, count: ww * hh)  // [j][h]
        out.withUnsafeMutableBufferPointer { ob in
            columns.withUnsafeMutableBufferPointer { cb in
                rowParts.withUnsafeBufferPointer { rp in
                    columnParts.withUnsafeBufferPointer { cp in
                        let o = ob.baseAddress!, col = cb.baseAddress!
                        for i in 0..<hh {
                            for j in 0..<ww {
                                let s = z[i * ww + j]
                                if s == 0 { continue }
                                let gs = g * s
                                let r = rp.baseAddress! + (i * ww + j) * ww, orow = o + i * ww
                                for w in 0..<ww { orow[w] += gs * r[w] }
                                let c = cp.baseAddress! + (j * hh + i) * hh, ocol = col + j * hh
                                for h in 0..<hh { ocol[h] += gs * c[h] }
                            }
                        }
                        for j in 0..<ww {
                            for h in 0..<hh { o[h * ww + j] += col[j * hh + h] }
                        }
                    }
                }
            }
        }
        return out
    }
}

/// Adds `s · A(m → ·)` (cross weights `a` of pixel m = (mr, mc), CCNet layout) onto a planar map.
@inline(__always)
func scatterCross(_ a: UnsafeBufferPointer<Float>, row mr: Int, col mc: Int, times s: Float,
                  height: Int, width: Int, into z: UnsafeMutableBufferPointer<Float>) {
    for h in 0..<height { z[h * width + mc] += s * a[h] }  // a[mr] = 0 (masked self)
    let base = mr * width
    for w in 0..<width { z[base + w] += s * a[height + w] }
}
