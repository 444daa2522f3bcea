import FeatureMaps
import Foundation

/// Axial-DeepLab's axial attention (csrhddlam/axial-deeplab `axialnet.py`; deeplab2): a global
/// softmax along the height axis, then along the width axis on the height pass's outputs.
///
/// - Pass 1: `A_H(u → (h, j)) = softmax_h(q_u · k_(h,j)·scale / T)` over u's column.
/// - Pass 2 runs on `y(p) = Σ_h A_H(p → (h, p.col))·v_(h, p.col)` (v = x, no residual):
///   `A_W(u → (i, w)) = softmax_w(q(y_u) · k(y_(i,w))·scale / T)`, where q, k are the identity
///   or the loaded projection applied to each pass's input.
/// - Composed (`passes` 2, the default): `M[h][w] = A_W(u → (i, w))·A_H((i, w) → (h, w))`.
///
/// Scale is 1 unless `settings.scale` says otherwise (the official code has BatchNorm instead,
/// which is left out). With `--rel` tables the logits gain `q·rq[i−h] + k·rk[h−i]` and y gains
/// `Σ a·rv[i−h]` (unscaled, divided by T); without them there is no positional term.
/// Everything a query needs depends only on its row, so the height pass of a whole row (its
/// weights and outputs) is computed once and kept (`AxialRowCache`): moving along a row, or
/// back to a row seen recently, costs only the width pass and the composed map. The rows kept
/// hold at most `rowBudget` bytes (within `AttentionEngine.defaultCacheBudget`).
final class AxialAttention: Mechanism, StepSelectable {
    /// Always `.axial`.
    public let mode = Mode.axial
    /// `["height pass"]` for one pass; `["height pass", "width pass", "composed"]` for two.
    public let steps: [String]
    /// 1 (height pass alone) or 2 (composed).
    public let passes: Int

    let map: FeatureMap
    let projection: Projection?
    let tables: AxialPositionTables?
    let scale: Float
    let temperature: Float
    /// `--head`: the head of both passes' views (the width head of the composed map).
    let settingsHead: Int
    /// The height pass's q, k of the head shown.
    let qk: QueryKeyFeatures
    /// axialnet's `AxialBlock` tensors (`wv`, `wq2`, …), when the projection file holds them.
    let block: AxialBlockInputs?
    let notes: [String]

    /// The height pass of one row i: `A_H((i, w) → (h, w))` at `[h·W + w]`, and the width
    /// pass's keys and queries from `y` of that row, planar `[d][W]` (one array when unprojected;
    /// empty with one pass, which has no width pass).
    struct RowWork {
        /// The height weights the composed map reads: the head's, or with a block's G heads
        /// their mean (each group makes 1/G of y's channels).
        var heightWeights: [Float]
        /// The height weights of the head shown (the height-pass view); the same storage for one head.
        var headWeights: [Float]
        var widthQueries: [Float]
        var widthKeys: [Float]
        /// Per column w of the height weights A: Σ_h A, Σ_h A·ln A (normal positive A) and max_h A,
        /// so the composed map's statistics need O(W) per query; nil when A has a NaN.
        var columns: ColumnSummary?

        /// The bytes this row holds (shared storage counted once).
        var bytes: Int {
            let floats = heightWeights.count + widthQueries.count
                + (PlanarLines.sameStorage(heightWeights, headWeights) ? 0 : headWeights.count)
                + (PlanarLines.sameStorage(widthQueries, widthKeys) ? 0 : widthKeys.count)
            let summary = columns.map { ($0.sums.count + $0.terms.count) * 8 + $0.maxima.count * 4 } ?? 0
            return floats * MemoryLayout<Float>.size + summary
        }
    }

    /// Per-column sums of the height weights (see `RowWork.columns`).
    struct ColumnSummary {
        var sums: [Double]
        var terms: [Double]
        var maxima: [Float]
    }
    /// The rows whose height pass is kept.
    private(set) var rowCache: AxialRowCache

    /// The projected queries and keys (with `--proj`) and the cached height passes of the rows kept.
    public var cacheBytes: Int {
        (block?.cacheBytes ?? qk.cacheBytes) + rowCache.bytes
    }

    /// The bytes of row work a mechanism on a map of `mapBytes` keeps when its projected q, k
    /// hold `fixedBytes`: a quarter of the map, at least 8 MB, less those (at least one row is
    /// kept anyway). That is never more than the engine's default budget (half the map, at least
    /// 8 MB): up to a 32 MB map the rows may take all of it (25 rows at 64×256×256), beyond it
    /// half, so a mechanism the user switches to fits beside them and peak memory keeps a margin
    /// under 1.5 × map + 40 MB.
    static func rowBudget(mapBytes: Int, fixedBytes: Int) -> Int {
        Swift.max(Swift.max(mapBytes / 4, 8 << 20) - fixedBytes, 0)
    }

    /// Prepares the mechanism; throws for `passes` other than 1 or 2, a bad projection or tables.
    public convenience init(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs) throws {
        try self.init(map: map, settings: settings, inputs: inputs, rowBudget: nil)
    }

    /// As the public initializer, with the row cache's budget in bytes given (nil: `rowBudget`'s rule).
    init(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs, rowBudget: Int?) throws {
        let p = settings.passCount
        try Self.descriptor.check(settings)
        let scaling = try LogitScaling(settings: settings, defaultScale: 1, mode: .axial)
        passes = p
        settingsHead = settings.head
        steps = p == 1 ? ["height pass"] : ["height pass", "width pass", "composed"]
        self.map = map
        scale = scaling.scale
        temperature = scaling.temperature
        let block = try inputs.projections.flatMap { try AxialBlockInputs(map: map, archive: $0, head: settings.head) }
        let features = try block.map { $0.heads[settings.head < $0.heads.count ? settings.head : 0] }
            ?? QueryKeyFeatures(map: map, inputs: inputs, settings: settings)
        self.block = block
        qk = features
        projection = features.projection
        tables = try inputs.axialTables.map {
            try AxialPositionTables(archive: $0, dimension: features.dimension, channels: block?.groupChannels ?? map.channels,
                                    mapHeight: map.height, mapWidth: map.width,
                                    widthDimension: block.map { $0.widthProjection?.dimension ?? $0.outputs })
        }
        if let t = tables, t.heads > 1 {
            let heads = block?.heads.count
            guard heads == nil || heads == t.heads, settings.head < t.heads else {
                throw AttentionError.tensorShape(source: inputs.axialTables?.path ?? "--rel",
                    problem: "holds tables for \(t.heads) heads, " + (heads.map { "but 'wq' has \($0)" } ?? "too few for head \(settings.head)"))
            }
        }
        var notes = [p == 1 ? "height pass alone: the query's column only; scale \(scale), no BatchNorm"
                            : "height pass, then width pass on its outputs (no residual); scale \(scale), no BatchNorm"]
        if let t = inputs.axialTables {
            notes.append("position-sensitive: \(["rq", "rk", "rv"].filter { t.tensors[$0] != nil }.joined(separator: ", ")) from \(t.path)")
        } else {
            notes.append("content only: no position tables loaded (a tables file adds them)")
        }
        if let block, let path = inputs.projections?.path {
            let g = block.heads.count
            notes.append("AxialBlock from \(path): height values \(block.valuesProjected ? "Wv·x + bv" : "x"), width q, k "
                         + (block.widthProjection == nil ? "y itself" : "projected from y") + (g > 1 ? "; \(g) height heads, the composed map averages them (each makes 1/\(g) of y's channels)" : ""))
        } else if let path = inputs.projections?.path {
            notes.append("q, k projected with \(path) in both passes; values are each pass's input")
        }
        self.notes = notes
        rowCache = AxialRowCache(height: map.height, budget: rowBudget ?? AxialAttention.rowBudget(
            mapBytes: map.data.count * MemoryLayout<Float>.size, fixedBytes: block?.cacheBytes ?? features.cacheBytes))
    }

    var height: Int { map.height }
    var width: Int { map.width }

    /// Cost per docs/mechanisms.md: `2·(H+W)·d` for both passes, `2·H·d` for the height pass alone.
    public var cost: Cost {
        let keys = passes == 2 ? height + width : height
        return Cost(macsPerQuery: 2 * Double(keys) * Double(qk.dimension), queriesPerLayer: height * width, keysPerQuery: keys)
    }

    /// The full map: the height pass (`passes` 1) or the composed map (2).
    public func field(at query: Position) throws -> AttentionField {
        try field(at: query, step: steps.count - 1)
    }

    /// Step 0: the height pass on u's column; 1: the width pass on u's row; 2: composed.
    public func field(at u: Position, step: Int) throws -> AttentionField {
        guard u.row >= 0, u.row < height, u.col >= 0, u.col < width else {
            throw AttentionError.queryOutsideMap(query: u, height: height, width: width)
        }
        guard step >= 0, step < steps.count else {
            throw AttentionError.stepOutOfRange(mode: mode, step: step, count: steps.count)
        }
        let rw = rowWork(u.row)
        let n = height * width
        var m: [Float]
        var keys = height
        var statistics: FieldStatistics?
        switch step {
        case 0:
            m = [Float](repeating: 0, count: n)
            for h in 0..<height { m[h * width + u.col] = rw.headWeights[h * width + u.col] }
        default:
            let aw = widthWeights(u, rw)
            if step == 1 {
                m = [Float](repeating: 0, count: n)
                for w in 0..<width { m[u.row * width + w] = aw[w] }
                keys = width
            } else {
                // Every entry is written: no zero fill first. Row pointers, not `out[o + w]`:
                // unchecked, so the product vectorises.
                m = [Float](unsafeUninitializedCapacity: n) { mb, count in
                    rw.heightWeights.withUnsafeBufferPointer { ab in
                        aw.withUnsafeBufferPointer { wb in
                            let x = wb.baseAddress!
                            for h in 0..<height {
                                let out = mb.baseAddress! + h * width, a = ab.baseAddress! + h * width
                                for w in 0..<width { out[w] = x[w] * a[w] }
                            }
                        }
                    }
                    count = n
                }
                keys = height + width
                statistics = composedStatistics(m, widthWeights: aw, columns: rw.columns, keysAttended: keys)
            }
        }
        return AttentionField(mode: .axial, height: height, width: width, query: u, weights: m,
                              overlays: [.cross(row: u.row, col: u.col)], cost: cost, keysAttended: keys,
                              stepLabel: steps[step], notes: notes, statistics: statistics)
    }

    /// The height pass of row i, from the cache or computed and cached.
    private func rowWork(_ i: Int) -> RowWork {
        if let r = rowCache.work(for: i) { return r }
        let r = computeRow(i)
        rowCache.insert(r, for: i)
        return r
    }

    /// Computes the height pass of row i: its weights, outputs y and the width pass's q, k.
    private func computeRow(_ i: Int) -> RowWork {
        let ww = width, c = block?.outputs ?? map.channels
        var y = [Float](repeating: 0, count: passes == 2 ? c * ww : 0)
        var head: [Float]
        var mean: [Float]
        if let block, block.heads.count > 1 {
            // Every head's pass: group g's outputs are y's channels g·C_out/G ..< (g+1)·C_out/G.
            let g = block.heads.count, share = block.groupChannels
            mean = [Float](repeating: 0, count: height * ww)
            head = []
            for (index, features) in block.heads.enumerated() {
                let a = heightAttention(i, features, head: index)
                if passes == 2 {
                    addOutputs(i, attention: a, values: block.values, channels: (index * share)..<((index + 1) * share), head: index, into: &y)
                }
                for x in a.indices { mean[x] += a[x] / Float(g) }
                if index == Swift.min(settingsHead, g - 1) { head = a }
            }
        } else {
            head = heightAttention(i, qk, head: settingsHead)
            mean = head
            if passes == 2 { addOutputs(i, attention: head, values: block?.values ?? map.data, channels: 0..<c, head: settingsHead, into: &y) }
        }
        let (wq, wk): ([Float], [Float])
        let width = block.map { $0.widthProjection } ?? projection
        if passes == 1 {
            (wq, wk) = ([], [])
        } else if let p = width {
            wq = p.queries(planar: y, pixels: ww)
            wk = p.keys(planar: y, pixels: ww)
        } else {
            (wq, wk) = (y, y)
        }
        return RowWork(heightWeights: mean, headWeights: head, widthQueries: wq, widthKeys: wk,
                       columns: AxialAttention.columnSummary(mean, height: height, width: ww))
    }

    /// `A_H((i, w) → (h, w))` at `[h·W + w]` for every w of row i, with the queries and keys of
    /// `features` and the position tables of `head`.
    private func heightAttention(_ i: Int, _ features: QueryKeyFeatures, head: Int) -> [Float] {
        let hh = height, ww = width, n = height * width, d = features.dimension
        let axis = tables?.height(head)
        let inv = 1 / temperature
        // a[h·W + w]: logits, then A_H((i, w) → (h, w)); every inner loop runs along w and vectorises.
        var a = [Float](repeating: 0, count: n)
        var column = [Float](repeating: 0, count: ww)  // per-column maxima
        var sums = [Float](repeating: 0, count: ww)
        a.withUnsafeMutableBufferPointer { ab in
            let lg = ab.baseAddress!
            features.queries.withUnsafeBufferPointer { qb in
                features.keys.withUnsafeBufferPointer { kb in
                    let q = qb.baseAddress!, k = kb.baseAddress!
                    // Row i's queries, scaled, as [d][W]; then every plane swept four channels at a time.
                    var line = [Float](repeating: 0, count: d * ww)
                    for ch in 0..<d {
                        for w in 0..<ww { line[ch * ww + w] = scale * q[ch * n + i * ww + w] }
                    }
                    line.withUnsafeBufferPointer { lb in
                        PlanarLines.acrossLogits(queries: lb.baseAddress!, keys: k, dimension: d,
                                               across: hh, along: ww, into: lg)
                    }
                    if let axis, let rq = axis.rq {
                        for ch in 0..<d {
                            let qRow = q + ch * n + i * ww
                            for h in 0..<hh {
                                let r = rq[ch * axis.length + axis.centre + i - h], o = lg + h * ww
                                for w in 0..<ww { o[w] += qRow[w] * r }
                            }
                        }
                    }
                    if let axis, let rk = axis.rk {
                        for ch in 0..<d {
                            for h in 0..<hh {
                                let r = rk[ch * axis.length + axis.centre + h - i], kRow = k + ch * n + h * ww, o = lg + h * ww
                                for w in 0..<ww { o[w] += kRow[w] * r }
                            }
                        }
                    }
                    for x in 0..<n { lg[x] *= inv }
                }
            }
            // Softmax over h for every w at once: maxima, exponentials and sums run along w.
            // A NaN or no finite maximum in a column leaves that column NaN, as `Softmax` does.
            // (NaN logits need no test: e^NaN makes the column's sum, hence every weight, NaN.)
            column.withUnsafeMutableBufferPointer { mb in
                let m = mb.baseAddress!
                for w in 0..<ww { m[w] = -.infinity }
                for h in 0..<hh {
                    let row = lg + h * ww
                    for w in 0..<ww { m[w] = row[w] > m[w] ? row[w] : m[w] }
                }
                for w in 0..<ww where !m[w].isFinite { m[w] = .nan }
                for h in 0..<hh {
                    PlanarLines.exponentiate(lg + h * ww, count: ww, shifts: m, addingTo: &sums)
                }
            }
            for w in 0..<ww { sums[w] = 1 / sums[w] }
            sums.withUnsafeBufferPointer { sb in
                for h in 0..<hh {
                    let row = lg + h * ww
                    for w in 0..<ww { row[w] *= sb[w] }
                }
            }
        }
        return a
    }

    /// Adds row i's outputs `Σ_h a·(v + rv[i − h])` of the value planes `channels` (planar
    /// `[c][H·W]`) into `y` (planar `[c][W]`). Four channels per sweep, so each weight row is
    /// loaded once for four value rows (each y sums over h in order); rv's row is the channel's
    /// place within its group (axialnet shares one table across the groups).
    private func addOutputs(_ i: Int, attention a: [Float], values: [Float], channels: Range<Int>, head: Int,
                            into y: inout [Float]) {
        let hh = height, ww = width, n = height * width
        let axis = tables?.height(head)
        a.withUnsafeBufferPointer { ab in
            values.withUnsafeBufferPointer { vb in
                y.withUnsafeMutableBufferPointer { yb in
                    let lg = ab.baseAddress!, v = vb.baseAddress!, out = yb.baseAddress!
                    var ch = channels.lowerBound
                    while ch + 4 <= channels.upperBound {
                        let y0 = out + ch * ww, y1 = y0 + ww, y2 = y1 + ww, y3 = y2 + ww
                        let p0 = v + ch * n, p1 = p0 + n, p2 = p1 + n, p3 = p2 + n
                        for h in 0..<hh {
                            let off = h * ww, aRow = lg + off
                            let v0 = p0 + off, v1 = p1 + off, v2 = p2 + off, v3 = p3 + off
                            for w in 0..<ww {
                                let x = aRow[w]
                                y0[w] += x * v0[w]
                                y1[w] += x * v1[w]
                                y2[w] += x * v2[w]
                                y3[w] += x * v3[w]
                            }
                        }
                        ch += 4
                    }
                    while ch < channels.upperBound {
                        let yRow = out + ch * ww
                        for h in 0..<hh {
                            let vRow = v + ch * n + h * ww, aRow = lg + h * ww
                            for w in 0..<ww { yRow[w] += aRow[w] * vRow[w] }
                        }
                        ch += 1
                    }
                    if let axis, let rv = axis.rv {
                        for ch in channels {
                            let yRow = out + ch * ww, row = ch - channels.lowerBound
                            for h in 0..<hh {
                                let r = rv[row * axis.length + axis.centre + i - h], aRow = lg + h * ww
                                for w in 0..<ww { yRow[w] += aRow[w] * r }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Σ_h A, Σ_h A·ln A and max_h A of every column of the height weights `a` (`[h][w]`), 16
    /// columns at a time down blocks of 16 rows (sums in Float lanes per block, then Double, as
    /// `FieldStatistics` does); nil when a weight is NaN or negative (the composed statistics
    /// then take the full path).
    private static func columnSummary(_ a: [Float], height hh: Int, width ww: Int) -> ColumnSummary? {
        var sums = [Double](repeating: 0, count: ww), terms = [Double](repeating: 0, count: ww)
        var maxima = [Float](repeating: 0, count: ww)
        var clean = true
        a.withUnsafeBufferPointer { ab in
            let base = ab.baseAddress!
            var w = 0
            while w < ww, clean {
                let count = Swift.min(16, ww - w)
                var top = SIMD16<Float>(repeating: 0)
                var bad = SIMDMask<SIMD16<Int32>>(repeating: false)
                var h = 0
                while h < hh {
                    let blockEnd = Swift.min(h + 16, hh)
                    var s = SIMD16<Float>(), te = SIMD16<Float>(), tm = SIMD16<Float>()
                    while h < blockEnd {
                        let row = base + h * ww + w
                        var x = SIMD16<Float>(repeating: 0)
                        if count == 16 {
                            x = UnsafeRawPointer(row).loadUnaligned(as: SIMD16<Float>.self)
                        } else {
                            for t in 0..<count { x[t] = row[t] }
                        }
                        bad = bad .| (x .!= x) .| (x .< 0)
                        top.replace(with: x, where: x .> top)
                        s += x
                        let used = (x .>= Float.leastNormalMagnitude) .& (x .< Float.infinity)
                        let (e, lm) = FastLog.split(x)
                        x.replace(with: 0, where: .!used)
                        te += x * e
                        tm += x * lm
                        h += 1
                    }
                    for t in 0..<count {
                        sums[w + t] += Double(s[t])
                        terms[w + t] += Double(te[t]) * 0.6931471805599453 + Double(tm[t])
                    }
                }
                if any(bad) { clean = false }
                for t in 0..<count { maxima[w + t] = top[t] }
                w += 16
            }
        }
        return clean ? ColumnSummary(sums: sums, terms: terms, maxima: maxima) : nil
    }

    /// The statistics of the composed map `m[h·W + w] = aw[w]·A[h·W + w]` from the row's column
    /// sums: Σ = Σ_w aw·s_w, Σ m·ln m = Σ_w aw·(s_w·ln aw + t_w), max = max_w aw·max_h A
    /// (a Float product is monotone in each factor); nil when the full computation is needed.
    private func composedStatistics(_ m: [Float], widthWeights aw: [Float], columns: ColumnSummary?,
                                    keysAttended: Int) -> FieldStatistics? {
        guard let columns else { return nil }
        var sum = 0.0, weighted = 0.0, maxValue: Float = 0
        for w in 0..<width {
            let x = aw[w]
            if x.isNaN || x < 0 { return nil }
            guard x > 0 else { continue }
            let s = columns.sums[w]
            sum += Double(x) * s
            weighted += Double(x) * (s * Foundation.log(Double(x)) + columns.terms[w])
            let top = x * columns.maxima[w]
            if top > maxValue { maxValue = top }
        }
        guard sum > 0, sum.isFinite, maxValue > 0 else { return nil }
        var entropy = (sum * Foundation.log(sum) - weighted) / sum
        if entropy < 0, entropy > -1e-9 { entropy = 0 }
        return FieldStatistics(sum: sum, max: Double(maxValue), argmax: FieldStatistics.firstIndex(of: maxValue, in: m),
                               entropy: entropy, keysAttended: keysAttended, cost: cost, nanCount: 0)
    }

    /// `A_W(u → (i, w))` for w in 0..<W: the width logits over row i's y (q, k when projected),
    /// one contiguous sweep per channel, then the softmax.
    private func widthWeights(_ u: Position, _ rw: RowWork) -> [Float] {
        let ww = width, d = rw.widthQueries.count / ww, j = u.col
        var lg = [Float](repeating: 0, count: ww)
        let axis = tables?.width(settingsHead)
        lg.withUnsafeMutableBufferPointer { lb in
            rw.widthQueries.withUnsafeBufferPointer { qb in
                rw.widthKeys.withUnsafeBufferPointer { kb in
                    let out = lb.baseAddress!, q = qb.baseAddress!, k = kb.baseAddress!
                    for ch in 0..<d {
                        let qc = q[ch * ww + j], row = k + ch * ww
                        for w in 0..<ww { out[w] += qc * row[w] }
                    }
                    for w in 0..<ww { out[w] *= scale }
                    if let axis, let rq = axis.rq {
                        rq.withUnsafeBufferPointer { rb in
                            for ch in 0..<d {
                                // rq[centre + j − w] for w = 0, 1, …: a reversed run of the table.
                                let qc = q[ch * ww + j], r = rb.baseAddress! + ch * axis.length + axis.centre + j
                                for w in 0..<ww { out[w] += qc * r[-w] }
                            }
                        }
                    }
                    if let axis, let rk = axis.rk {
                        rk.withUnsafeBufferPointer { rb in
                            for ch in 0..<d {
                                let row = k + ch * ww, r = rb.baseAddress! + ch * axis.length + axis.centre - j
                                for w in 0..<ww { out[w] += row[w] * r[w] }
                            }
                        }
                    }
                }
            }
        }
        for w in 0..<ww { lg[w] /= temperature }
        Softmax.normalize(&lg)
        return lg
    }
}
