/// One criss-cross pass run for every position of one row or column at once, as blocked
/// multiply-adds over the planar `[c][H·W]` arrays instead of one cross at a time.
///
/// A position's cross splits into the keys *across* the line (the other axis) and the keys
/// *along* it (the line itself, a B×B Gram matrix of the line, in cache).
/// - Row line i (positions `(i, w)`): the across logits `q_(i,w)·k_(h,w)` come from one sweep
///   over each key plane whose inner loop runs along w, stored `[h][w]`; the softmax runs with
///   per-position shifts held in vectors.
/// - Column line j (positions `(h, j)`): the across keys of `(h, j)` are row h, so the logits
///   `q_(h,j)·k_(h,w)` are a scalar times a contiguous row, stored `[h][w]`, and each position's
///   softmax and outputs run over contiguous rows.
/// Both stream the same planar map (no transposed copy: half the memory, and the map stays in
/// the last-level cache), and every inner loop is long and contiguous, so it vectorises.
struct CrossLine {
    /// Positions on the line (B).
    private(set) var along = 0
    /// Positions across it (A).
    private(set) var across = 0
    /// The across part, logits then weights: `[a·B + b]` for a row line, `[b·A + a]` for a column line.
    private var acrossWeights: [Float] = []
    /// `along[b·B + b']`: logits, then weights of the along part.
    private var alongWeights: [Float] = []
    /// The along weights transposed, `[b'·B + b]`, for the output sweep.
    private var alongTransposed: [Float] = []
    /// The scaled queries of the line, `[c][b]`.
    private var queries: [Float] = []
    /// Per-position softmax shift (max logit), then inverse sum.
    private var shift: [Float] = []
    /// A column line's keys and values gathered, `[c][b]`.
    private var lineKeys: [Float] = []
    private var lineValues: [Float] = []

    /// Computes pass weights and outputs for line `index` of `layer`.
    ///
    /// - `isRow`: a row line (positions `(index, b)`) or a column line (positions `(b, index)`).
    /// - `weights`: B × (H + W) cross weights in CCNet's layout (column part first), per position.
    /// - `values`: `x + γ·CCA(x)` at the line's positions, planar `[c][b]`.
    mutating func compute(_ layer: CrossLayer, index i: Int, isRow: Bool, gamma: Float,
                          weights: inout [Float], values: inout [Float]) {
        let h = layer.height, w = layer.width, n = h * w
        let b = isRow ? w : h, a = isRow ? h : w
        let d = layer.dimension, k = h + w
        prepare(along: b, across: a, dimension: d)
        let factor = layer.scale / layer.temperature
        if isRow {
            // The line's queries, scaled: row i of the planar queries.
            layer.queries.withUnsafeBufferPointer { qs in
                queries.withUnsafeMutableBufferPointer { q in
                    for c in 0..<d {
                        let src = qs.baseAddress! + c * n + i * w, dst = q.baseAddress! + c * b
                        for t in 0..<b { dst[t] = factor * src[t] }
                    }
                }
            }
        } else {
            gatherColumn(layer, index: i, factor: factor)
        }
        if isRow {
            rowLine(layer, index: i, gamma: gamma, values: &values)
        } else {
            columnLine(layer, index: i, gamma: gamma, values: &values)
        }
        // CCNet layout per position: column part (H entries), then row part (W entries).
        if weights.count != b * k { weights = [Float](repeating: 0, count: b * k) }
        weights.withUnsafeMutableBufferPointer { wb in
            acrossWeights.withUnsafeBufferPointer { ab in
                alongWeights.withUnsafeBufferPointer { gb in
                    let out = wb.baseAddress!, x = ab.baseAddress!, g = gb.baseAddress!
                    for t in 0..<b {
                        let o = out + t * k
                        if isRow {
                            for r in 0..<h { o[r] = x[r * b + t] }
                            (o + h).update(from: g + t * b, count: w)
                        } else {
                            o.update(from: g + t * b, count: h)
                            (o + h).update(from: x + t * a, count: w)
                        }
                    }
                }
            }
        }
    }

    /// Row line i: across logits `[h][w]` from one sweep per key plane, the joint softmax with
    /// per-position shifts in vectors, then the outputs.
    private mutating func rowLine(_ layer: CrossLayer, index i: Int, gamma: Float, values: inout [Float]) {
        let a = across, b = along, n = a * b, d = layer.dimension, channels = layer.channels
        layer.keys.withUnsafeBufferPointer { kp in
            queries.withUnsafeBufferPointer { qb in
                acrossWeights.withUnsafeMutableBufferPointer { ab in
                    alongWeights.withUnsafeMutableBufferPointer { gb in
                        let keys = kp.baseAddress!, q = qb.baseAddress!, out = ab.baseAddress!, gram = gb.baseAddress!
                        CrossLine.acrossLogits(queries: q, keys: keys, dimension: d, across: a, along: b, into: out)
                        CrossLine.alongLogits(queries: q, lineKeys: keys + i * b, planeStride: n, dimension: d,
                                              along: b, symmetric: CrossLine.sameStorage(layer.queries, layer.keys),
                                              into: gram)
                        // CCNet's −∞ on the vertical branch's self entry: key (i, w) of position (i, w).
                        for t in 0..<b { out[i * b + t] = -.infinity }
                    }
                }
            }
        }
        normalizeRowLine()
        if values.count != channels * b { values = [Float](repeating: 0, count: channels * b) }
        for s in 0..<b {
            for t in 0..<b { alongTransposed[t * b + s] = alongWeights[s * b + t] }
        }
        layer.values.withUnsafeBufferPointer { vp in
            acrossWeights.withUnsafeBufferPointer { ab in
                alongTransposed.withUnsafeBufferPointer { gt in
                    values.withUnsafeMutableBufferPointer { ob in
                        CrossLine.outputs(values: vp.baseAddress!, across: ab.baseAddress!, alongTransposed: gt.baseAddress!,
                                          line: i, channels: channels, acrossCount: a, along: b, gamma: gamma,
                                          into: ob.baseAddress!)
                    }
                }
            }
        }
    }

    /// Gathers column j of the values, keys and (scaled) queries, `[c][h]`. A column is C·H
    /// scattered cache lines, so arrays that share storage (identity projections: q = k = v)
    /// are gathered once and copied.
    private mutating func gatherColumn(_ layer: CrossLayer, index j: Int, factor: Float) {
        let b = along, a = across, n = a * b, d = layer.dimension, channels = layer.channels
        if lineKeys.count != d * b { lineKeys = [Float](repeating: 0, count: d * b) }
        if lineValues.count != channels * b { lineValues = [Float](repeating: 0, count: channels * b) }
        func gather(_ source: [Float], planes: Int, into out: inout [Float]) {
            source.withUnsafeBufferPointer { sp in
                out.withUnsafeMutableBufferPointer { op in
                    let src = sp.baseAddress! + j, dst = op.baseAddress!
                    for c in 0..<planes {
                        for t in 0..<b { dst[c * b + t] = src[c * n + t * a] }
                    }
                }
            }
        }
        gather(layer.values, planes: channels, into: &lineValues)
        if CrossLine.sameStorage(layer.keys, layer.values) {
            lineKeys = lineValues
        } else {
            gather(layer.keys, planes: d, into: &lineKeys)
        }
        if CrossLine.sameStorage(layer.queries, layer.keys) {
            for x in 0..<(d * b) { queries[x] = factor * lineKeys[x] }
        } else {
            gather(layer.queries, planes: d, into: &queries)
            for x in 0..<(d * b) { queries[x] *= factor }
        }
    }

    /// Column line j, one position `(h, j)` at a time: its across keys are row h of every key
    /// plane (C·W values, in L2), so the logits `q_(h,j)·k_(h,w)`, the softmax over them and the
    /// along row, and the outputs' dot products with row h of every value plane all run while
    /// that row is in cache: the map is streamed once per line.
    private mutating func columnLine(_ layer: CrossLayer, index j: Int, gamma: Float, values: inout [Float]) {
        let b = along, a = across, n = a * b, d = layer.dimension, channels = layer.channels
        if values.count != channels * b { values = [Float](repeating: 0, count: channels * b) }
        layer.keys.withUnsafeBufferPointer { kp in
        layer.values.withUnsafeBufferPointer { vp in
        queries.withUnsafeBufferPointer { qb in
        lineKeys.withUnsafeBufferPointer { lk in
        lineValues.withUnsafeBufferPointer { lv in
        acrossWeights.withUnsafeMutableBufferPointer { ab in
        alongWeights.withUnsafeMutableBufferPointer { gb in
        values.withUnsafeMutableBufferPointer { ob in
            let q = qb.baseAddress!, keys = kp.baseAddress!, planes = vp.baseAddress!
            let across = ab.baseAddress!, gram = gb.baseAddress!, line = lv.baseAddress!, out = ob.baseAddress!
            CrossLine.alongLogits(queries: q, lineKeys: lk.baseAddress!, planeStride: b, dimension: d, along: b,
                                  symmetric: CrossLine.sameStorage(layer.queries, layer.keys), into: gram)
            for t in 0..<b {
                // Across logits of (t, j): Σ_c q[c][t]·k[c][t][·], four planes per sweep.
                let x = across + t * a, g = gram + t * b
                for r in 0..<a { x[r] = 0 }
                var c = 0
                while c + 4 <= d {
                    let s0 = q[c * b + t], s1 = q[(c + 1) * b + t], s2 = q[(c + 2) * b + t], s3 = q[(c + 3) * b + t]
                    let k0 = keys + c * n + t * a, k1 = k0 + n, k2 = k1 + n, k3 = k2 + n
                    for r in 0..<a { x[r] += s0 * k0[r] + s1 * k1[r] + s2 * k2[r] + s3 * k3[r] }
                    c += 4
                }
                while c < d {
                    let s0 = q[c * b + t], k0 = keys + c * n + t * a
                    for r in 0..<a { x[r] += s0 * k0[r] }
                    c += 1
                }
                // CCNet's −∞ on the vertical branch's self entry: key (t, j) of position (t, j).
                g[t] = -.infinity
                // One softmax over the two contiguous rows.
                let mx = CrossLine.maximum(x, count: a), mg = CrossLine.maximum(g, count: b)
                let m = mx > mg ? mx : mg
                // A NaN logit, or nothing finite: no distribution (all NaN, as `Softmax` does).
                let shift: Float = mx.isNaN || mg.isNaN || !m.isFinite ? .nan : m
                let total = CrossLine.exponentiate(x, count: a, shift: shift) + CrossLine.exponentiate(g, count: b, shift: shift)
                let inv = 1 / total
                for r in 0..<a { x[r] *= inv }
                for s in 0..<b { g[s] *= inv }
                // Outputs at (t, j): v + γ·(Σ_w across·v[c][t][w] + Σ_h' along·v[c][h'][j]).
                // Four channels per sweep: x and g are loaded once for four value rows.
                var ch = 0
                while ch + 4 <= channels {
                    let lc = line + ch * b
                    let across4 = CrossLayer.dot4(x, planes + ch * n + t * a, stride: n, a)
                    let along4 = CrossLayer.dot4(g, lc, stride: b, b)
                    for k in 0..<4 { out[(ch + k) * b + t] = lc[k * b + t] + gamma * (across4[k] + along4[k]) }
                    ch += 4
                }
                while ch < channels {
                    let lc = line + ch * b
                    let sum = CrossLayer.dot(x, planes + ch * n + t * a, a) + CrossLayer.dot(g, lc, b)
                    out[ch * b + t] = lc[t] + gamma * sum
                    ch += 1
                }
            }
        }
        }
        }
        }
        }
        }
        }
        }
    }

    /// Sizes the scratch buffers (kept between lines; reallocated only when the shape changes).
    private mutating func prepare(along b: Int, across a: Int, dimension d: Int) {
        if along != b || across != a || queries.count != d * b {
            along = b
            across = a
            acrossWeights = [Float](repeating: 0, count: a * b)
            alongWeights = [Float](repeating: 0, count: b * b)
            alongTransposed = [Float](repeating: 0, count: b * b)
            queries = [Float](repeating: 0, count: d * b)
            shift = [Float](repeating: 0, count: b)
        }
    }

    /// `out[c][b] = v[c][i][b] + γ·(Σ_a across[a][b]·v[c][a][b] + Σ_b' alongᵀ[b'][b]·v[c][i][b'])`,
    /// four channels per sweep so each weight row is loaded once for four output rows.
    static func outputs(values v: UnsafePointer<Float>, across aw: UnsafePointer<Float>,
                        alongTransposed g: UnsafePointer<Float>, line i: Int, channels: Int, acrossCount a: Int,
                        along b: Int, gamma: Float, into out: UnsafeMutablePointer<Float>) {
        let n = a * b
        var c = 0
        while c < channels {
            let group = min(4, channels - c)
            if group == 4 {
                let p0 = v + c * n, p1 = p0 + n, p2 = p1 + n, p3 = p2 + n
                let o0 = out + c * b, o1 = o0 + b, o2 = o1 + b, o3 = o2 + b
                for t in 0..<b { o0[t] = 0; o1[t] = 0; o2[t] = 0; o3[t] = 0 }
                for r in 0..<a {
                    let wr = aw + r * b, off = r * b
                    let v0 = p0 + off, v1 = p1 + off, v2 = p2 + off, v3 = p3 + off
                    for t in 0..<b {
                        let x = wr[t]
                        o0[t] += x * v0[t]
                        o1[t] += x * v1[t]
                        o2[t] += x * v2[t]
                        o3[t] += x * v3[t]
                    }
                }
                let l0 = p0 + i * b, l1 = p1 + i * b, l2 = p2 + i * b, l3 = p3 + i * b
                for s in 0..<b {
                    let gr = g + s * b
                    let s0 = l0[s], s1 = l1[s], s2 = l2[s], s3 = l3[s]
                    for t in 0..<b {
                        let x = gr[t]
                        o0[t] += s0 * x
                        o1[t] += s1 * x
                        o2[t] += s2 * x
                        o3[t] += s3 * x
                    }
                }
                for t in 0..<b {
                    o0[t] = l0[t] + gamma * o0[t]
                    o1[t] = l1[t] + gamma * o1[t]
                    o2[t] = l2[t] + gamma * o2[t]
                    o3[t] = l3[t] + gamma * o3[t]
                }
            } else {
                for k in 0..<group {
                    let plane = v + (c + k) * n, o = out + (c + k) * b, line = plane + i * b
                    for t in 0..<b { o[t] = 0 }
                    for r in 0..<a {
                        let wr = aw + r * b, vr = plane + r * b
                        for t in 0..<b { o[t] += wr[t] * vr[t] }
                    }
                    for s in 0..<b {
                        let vs = line[s], gr = g + s * b
                        for t in 0..<b { o[t] += vs * gr[t] }
                    }
                    for t in 0..<b { o[t] = line[t] + gamma * o[t] }
                }
            }
            c += group
        }
    }

    /// `out[a·B + b] = Σ_c q[c][b]·keys[c][a][b]`, four channels per sweep.
    static func acrossLogits(queries q: UnsafePointer<Float>, keys: UnsafePointer<Float>, dimension d: Int,
                             across a: Int, along b: Int, into out: UnsafeMutablePointer<Float>) {
        let n = a * b
        for x in 0..<n { out[x] = 0 }
        var c = 0
        while c + 4 <= d {
            let q0 = q + c * b, q1 = q0 + b, q2 = q1 + b, q3 = q2 + b
            let k0 = keys + c * n, k1 = k0 + n, k2 = k1 + n, k3 = k2 + n
            for r in 0..<a {
                // Row pointers, not `k[off + t]`: an overflow-checked index add stops vectorisation.
                let o = out + r * b, off = r * b
                let r0 = k0 + off, r1 = k1 + off, r2 = k2 + off, r3 = k3 + off
                for t in 0..<b { o[t] += q0[t] * r0[t] + q1[t] * r1[t] + q2[t] * r2[t] + q3[t] * r3[t] }
            }
            c += 4
        }
        while c < d {
            let qc = q + c * b, kc = keys + c * n
            for r in 0..<a {
                let o = out + r * b, kr = kc + r * b
                for t in 0..<b { o[t] += qc[t] * kr[t] }
            }
            c += 1
        }
    }

    /// `out[b·B + b'] = Σ_c q[c][b]·lineKeys[c·planeStride + b']`. When `symmetric` (the queries
    /// are the keys times a factor: identity projections), only `b' ≥ b` is computed and the
    /// rest mirrored, which halves the work.
    static func alongLogits(queries q: UnsafePointer<Float>, lineKeys: UnsafePointer<Float>, planeStride: Int,
                            dimension d: Int, along b: Int, symmetric: Bool = false,
                            into out: UnsafeMutablePointer<Float>) {
        for x in 0..<(b * b) { out[x] = 0 }
        var c = 0
        while c + 4 <= d {
            let k0 = lineKeys + c * planeStride, k1 = k0 + planeStride, k2 = k1 + planeStride, k3 = k2 + planeStride
            for s in 0..<b {
                let a0 = q[c * b + s], a1 = q[(c + 1) * b + s], a2 = q[(c + 2) * b + s], a3 = q[(c + 3) * b + s]
                let first = symmetric ? s : 0
                let o = out + s * b + first, r0 = k0 + first, r1 = k1 + first, r2 = k2 + first, r3 = k3 + first
                for t in 0..<(b - first) { o[t] += a0 * r0[t] + a1 * r1[t] + a2 * r2[t] + a3 * r3[t] }
            }
            c += 4
        }
        while c < d {
            let kc = lineKeys + c * planeStride
            for s in 0..<b {
                let first = symmetric ? s : 0
                let qc = q[c * b + s], o = out + s * b + first, r = kc + first
                for t in 0..<(b - first) { o[t] += qc * r[t] }
            }
            c += 1
        }
        if symmetric {
            for s in 1..<Swift.max(b, 1) {
                for t in 0..<s { out[s * b + t] = out[t * b + s] }
            }
        }
    }

    /// The joint softmax of every position over its across column and along row. A NaN logit
    /// makes that position's weights NaN, as `Softmax` does.
    private mutating func normalizeRowLine() {
        let a = across, b = along
        acrossWeights.withUnsafeMutableBufferPointer { ab in
            alongWeights.withUnsafeMutableBufferPointer { gb in
                shift.withUnsafeMutableBufferPointer { mb in
                    let x = ab.baseAddress!, g = gb.baseAddress!, m = mb.baseAddress!
                    // Maxima: along rows, then the across columns (vectorised along b).
                    for s in 0..<b { m[s] = CrossLine.maximum(g + s * b, count: b) }
                    for r in 0..<a {
                        let row = x + r * b
                        for t in 0..<b where row[t] > m[t] { m[t] = row[t] }
                    }
                    for t in 0..<b where !m[t].isFinite { m[t] = .nan }  // all −∞ or +∞: no distribution
                    // Exponentials and sums.
                    var sums = [Float](repeating: 0, count: b)
                    for s in 0..<b { sums[s] = CrossLine.exponentiate(g + s * b, count: b, shift: m[s]) }
                    for r in 0..<a { CrossLine.exponentiate(x + r * b, count: b, shifts: m, addingTo: &sums) }
                    for t in 0..<b { m[t] = 1 / sums[t] }
                    for s in 0..<b {
                        let inv = m[s], row = g + s * b
                        for t in 0..<b { row[t] *= inv }
                    }
                    for r in 0..<a {
                        let row = x + r * b
                        for t in 0..<b { row[t] *= m[t] }
                    }
                }
            }
        }
    }

    /// Whether two arrays are one storage (identity projections share the map's values).
    static func sameStorage(_ x: [Float], _ y: [Float]) -> Bool {
        x.count == y.count && x.withUnsafeBufferPointer { xp in y.withUnsafeBufferPointer { $0.baseAddress == xp.baseAddress } }
    }

    /// The largest of `count` values; NaN if any is NaN.
    static func maximum(_ p: UnsafePointer<Float>, count: Int) -> Float {
        var m = -Float.infinity, nan = false
        for t in 0..<count {
            let v = p[t]
            if v != v { nan = true }
            if v > m { m = v }
        }
        return nan ? .nan : m
    }

    /// `p[t] = e^(p[t] − shift)` in place; returns the sum.
    @discardableResult
    static func exponentiate(_ p: UnsafeMutablePointer<Float>, count: Int, shift: Float) -> Float {
        let raw = UnsafeMutableRawPointer(p)
        let s = SIMD16<Float>(repeating: shift)
        var sums = SIMD16<Float>()
        var t = 0
        while t + 16 <= count {
            let e = FastExp.exp(raw.loadUnaligned(fromByteOffset: t * 4, as: SIMD16<Float>.self) - s)
            raw.storeBytes(of: e, toByteOffset: t * 4, as: SIMD16<Float>.self)
            sums += e
            t += 16
        }
        var total = sums.laneSum
        while t < count {
            let e = FastExp.exp(p[t] - shift)
            p[t] = e
            total += e
            t += 1
        }
        return total
    }

    /// `p[t] = e^(p[t] − shifts[t])` in place, adding each to `sums[t]`.
    static func exponentiate(_ p: UnsafeMutablePointer<Float>, count: Int, shifts: UnsafePointer<Float>,
                             addingTo sums: inout [Float]) {
        let raw = UnsafeMutableRawPointer(p), shiftRaw = UnsafeRawPointer(shifts)
        sums.withUnsafeMutableBufferPointer { sb in
            let sumRaw = UnsafeMutableRawPointer(sb.baseAddress!)
            var t = 0
            while t + 16 <= count {
                let x = raw.loadUnaligned(fromByteOffset: t * 4, as: SIMD16<Float>.self)
                let e = FastExp.exp(x - shiftRaw.loadUnaligned(fromByteOffset: t * 4, as: SIMD16<Float>.self))
                raw.storeBytes(of: e, toByteOffset: t * 4, as: SIMD16<Float>.self)
                let s = sumRaw.loadUnaligned(fromByteOffset: t * 4, as: SIMD16<Float>.self)
                sumRaw.storeBytes(of: s + e, toByteOffset: t * 4, as: SIMD16<Float>.self)
                t += 16
            }
            while t < count {
                let e = FastExp.exp(p[t] - shifts[t])
                p[t] = e
                sb[t] += e
                t += 1
            }
        }
    }
}
