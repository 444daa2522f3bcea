import FeatureMaps

/// CCNet's recurrent criss-cross attention (speedinghzl/CCNet, `cc_attention/functions.py`).
///
/// Pass r attends from every pixel over its row and column with one joint softmax over the
/// H + W − 1 distinct keys (the column branch masks the query itself, the row branch keeps it),
/// scale 1 by default. Passes share weights: `x^(r) = γ·CCA(x^(r−1)) + x^(r−1)`, where the
/// queries and keys are `x^(r−1)` (or `Wq·x^(r−1) + bq`, `Wk·x^(r−1) + bk` with `--proj`) and
/// the values are `x^(r−1)` itself, or CCNet's `value_conv` `Wv·x^(r−1) + bv` when the projection
/// file holds `wv` (shared across passes, as the recurrence reuses one module).
///
/// The full map is the composed attention `M = A_R ⋯ A_1` restricted to the query's row: the
/// attention routes only, residual paths left out (see `residualField(at:normalized:)`).
/// Steps are `"pass 1"`, …, `"pass R"` (the query's own cross weights in that pass) and
/// `"composed"` (`"pass 1 only"` when R = 1: one pass composes nothing).
final class CrissCrossAttention: Mechanism, StepSelectable {
    /// Always `.crissCross`.
    public let mode = Mode.crissCross
    /// `"pass 1"` … `"pass R"`, `"composed"` (`"pass 1 only"` when R = 1).
    public let steps: [String]
    /// The number of recurrent passes R (≥ 1).
    public let passes: Int
    /// The residual weight γ.
    public let gamma: Float

    let height: Int
    let width: Int
    let channels: Int
    let projection: Projection?
    /// `wv`, `bv` from the projection file (nil: the values are the pass input).
    let valueProjection: ValueProjection?
    let scale: Float
    let temperature: Float
    /// The notes of each step, made once.
    let stepNotes: [[String]]

    /// `layers[r]` prepares `x^(r)`, the input of pass r + 1; filled lazily (query-independent).
    private var layers: [CrossLayer]
    /// `fullWeights[r]` holds `A_(r+1)` for every pixel; kept for r + 1 ≤ R − 2, the passes a
    /// composed row vector is pushed through densely.
    private var fullWeights: [CrossWeightsTable] = []
    /// The last query's per-query work (reused when only the step or the view changes).
    private var lastQuery: QueryWork?
    /// Pass R − 1's weights at the positions of one row (all queries on that row share them).
    private var rowLine: CrossLineWeights?
    /// Pass R − 1's weights at the positions of one column (all queries on that column share them).
    private var columnLine: CrossLineWeights?
    /// Scratch for running a pass over a whole row or column.
    private let lineWork = CrossLine()
    /// The last query's products `D·x_p` over every pixel (see `KeyDirection`); once pass R is
    /// known their buffer becomes the composed map (`freshMap()`), so a keystroke allocates one
    /// map-sized array, the field's.
    private var products: [Float] = []

    /// What one query needs: its last-pass cross weights, and (R ≥ 2) the pass-(R−1) cross
    /// weights of every position on its cross.
    struct QueryWork {
        var query: Position
        /// `A_R(u → ·)`, H + W entries.
        var last: [Float]
        /// `A_(R−1)` at the H positions of u's column and the W positions of u's row; nil for R = 1.
        var column: CrossLineWeights?
        var row: CrossLineWeights?

        /// `A_(R−1)(m → f)` for the position m of u's cross entry e and m's cross entry f.
        func previous(_ e: Int, entry f: Int) -> Float {
            guard let column, let row else { preconditionFailure("R = 1 has no previous pass") }
            return e < column.height ? column.weight(at: e, entry: f) : row.weight(at: e - column.height, entry: f)
        }

        /// `A_(R−1)(m → ·)` of the position m of u's cross entry e, in CCNet's layout.
        func previous(_ e: Int) -> [Float] {
            guard let column, let row else { preconditionFailure("R = 1 has no previous pass") }
            return e < column.height ? column.cross(at: e) : row.cross(at: e - column.height)
        }
    }

    /// Cached attention weights above this many floats (128 MiB) are refused: R ≥ 3 keeps
    /// `(R − 2)·H·W·(H + W)` of them, which allows R = 3 up to 256×256.
    static let cacheLimit = 1 << 25

    /// Prepares the mechanism; throws for R < 1, a bad projection file, or R ≥ 3 on a map too
    /// large to cache the intermediate attention.
    public init(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs) throws {
        let r = settings.passCount
        try Self.descriptor.check(settings)
        let scaling = try LogitScaling(settings: settings, defaultScale: 1, mode: .crissCross)
        height = map.height
        width = map.width
        channels = map.channels
        passes = r
        gamma = settings.gamma
        scale = scaling.scale
        temperature = scaling.temperature
        projection = try inputs.projections.map { try Projection(archive: $0, head: settings.head, channels: map.channels) }
        // The last pass reads keys as one linear direction in x (`KeyDirection`); a k-norm is not linear.
        if r >= 2, projection?.keyNorm != nil {
            throw AttentionError.limit(mode: .crissCross, problem: "a k-norm (k_norm_w, k_norm_b) is supported with --passes 1 only")
        }
        valueProjection = try inputs.projections.flatMap { try ValueProjection(archive: $0, channels: map.channels, outputs: map.channels) }
        if r >= 3 {
            let (cells, o1) = map.pixelCount.multipliedReportingOverflow(by: map.height + map.width)
            let (total, o2) = cells.multipliedReportingOverflow(by: r - 2)
            guard !o1, !o2, total <= Self.cacheLimit else {
                throw AttentionError.setting(SettingError(mode: .crissCross, setting: .passes, rule: .mapLimit(
                    "on a \(map.height)×\(map.width) map would cache \(o1 || o2 ? "too many" : "\(total / (1 << 18))") MiB of attention weights (limit 128); use fewer passes or a smaller map"), value: .integer(r)))
            }
        }
        // One pass composes nothing: the full map is pass 1 itself, and says so.
        steps = (1...r).map { "pass \($0)" } + [r == 1 ? "pass 1 only" : "composed"]
        let keys = map.height + map.width - 1
        var notes = (1...r).map { ["pass \($0) of \(r): one softmax over the \(keys) keys of the query's row and column"] }
            + [[r == 1 ? "R = 1: the map is pass 1 alone, the query's cross; nothing is composed"
                       : "composed A_\(r)⋯A_1 restricted to the query: attention routes only, residual paths left out"]]
        if let path = inputs.projections?.path {
            let values = valueProjection == nil ? "values are the pass input itself" : "values Wv·x + bv (value_conv)"
            notes = notes.map { $0 + ["q, k projected with \(path) in every pass; \(values)"] }
        }
        stepNotes = notes
        layers = [CrossLayer(input: map.data, channels: map.channels, height: map.height, width: map.width,
                             projection: projection, valueProjection: valueProjection, scale: scale, temperature: temperature)]
    }

    /// The prepared layers (projections, pass outputs for R ≥ 3), the cached
    /// attention of passes 1…R−2, and the row and column pass work.
    public var cacheBytes: Int {
        var floats = 0
        for (r, l) in layers.enumerated() {
            if r > 0 { floats += l.input.count }
            if !l.valuesAreInput { floats += l.values.count }
            if projection != nil { floats += l.queries.count + l.keys.count }
        }
        floats += fullWeights.reduce(0) { $0 + $1.floatCount }
        // No array of the two lines: the engine asks every cached mechanism on every query.
        floats += (rowLine?.storage.count ?? 0) + (columnLine?.storage.count ?? 0) + products.count
        return floats * MemoryLayout<Float>.size
    }

    /// The query/key dimension d (C, or the projection's head dimension).
    public var dimension: Int { projection?.dimension ?? channels }

    /// Cost per docs/mechanisms.md: `2·(H+W−1)·d` per pass, R passes.
    public var cost: Cost {
        let keys = height + width - 1
        return Cost(macsPerQuery: 2 * Double(keys) * Double(dimension) * Double(passes),
                    queriesPerLayer: height * width, keysPerQuery: keys)
    }

    // MARK: - Mechanism

    /// The composed map (the last step).
    public func field(at query: Position) throws -> AttentionField {
        try field(at: query, step: passes)
    }

    /// Step r < R is pass r + 1's cross weights of the query; step R is the composed map.
    public func field(at query: Position, step: Int) throws -> AttentionField {
        try check(query)
        guard step >= 0, step <= passes else {
            throw AttentionError.stepOutOfRange(mode: mode, step: step, count: steps.count)
        }
        if step < passes {
            let a = try passWeights(at: query, pass: step + 1)
            return makeField(query, weights: scatter(a, at: query, times: 1), step: step, notes: stepNotes[step])
        }
        return makeField(query, weights: composed(at: query), step: step, notes: stepNotes[step])
    }

    // MARK: - Building blocks

    func check(_ q: Position) throws {
        guard q.row >= 0, q.row < height, q.col >= 0, q.col < width else {
            throw AttentionError.queryOutsideMap(query: q, height: height, width: width)
        }
    }

    /// The prepared input of pass r + 1 (`x^(r)`), computing earlier passes on first use.
    func layer(_ r: Int) -> CrossLayer {
        while layers.count <= r {
            let index = layers.count  // computing x^(index) from x^(index−1), i.e. pass `index`
            let keep = index <= passes - 2
            let (next, weights) = layers[index - 1].nextInput(gamma: gamma, keepWeights: keep)
            if let weights { fullWeights.append(weights) }
            layers.append(CrossLayer(input: next, channels: channels, height: height, width: width,
                                     projection: projection, valueProjection: valueProjection,
                                     scale: scale, temperature: temperature))
        }
        return layers[r]
    }

    /// `A_pass(u → ·)` in CCNet's H + W layout.
    func passWeights(at u: Position, pass: Int) throws -> [Float] {
        if pass == passes { return work(at: u).last }
        let l = layer(pass - 1)
        var a = [Float](repeating: 0, count: height + width)
        a.withUnsafeMutableBufferPointer { l.weights(row: u.row, col: u.col, into: $0) }
        return a
    }

    /// The query's per-query work, reusing the last query's, and the row or column it shares
    /// with earlier queries (moving along a row recomputes only the column, and vice versa).
    func work(at u: Position) -> QueryWork {
        if let w = lastQuery, w.query == u { return w }
        let k = height + width
        var result: QueryWork
        if passes == 1 {
            var a = [Float](repeating: 0, count: k)
            a.withUnsafeMutableBufferPointer { layer(0).weights(row: u.row, col: u.col, into: $0) }
            result = QueryWork(query: u, last: a, column: nil, row: nil)
        } else {
            lastQuery = nil  // drop its references so the line buffers can be reused in place
            let key = updateLines(for: u)
            guard let column = columnLine, let row = rowLine else { preconditionFailure("lines are filled above") }
            let last = lastPass(at: u, key: key, row: row, column: column)
            result = QueryWork(query: u, last: last, column: column, row: row)
        }
        lastQuery = result
        return result
    }

    /// Pass R's logit of key m for a query u is `D·x_m + γ·Σ_v A_(R−1)(m → v)·(D·v_v) + o`,
    /// x = `x^(R−2)` and v its values (x itself, or `Wv·x + bv`): `D = (scale/T)·Wkᵀq_u` and
    /// `o = (scale/T)·bk·q_u` (`D = (scale/T)·x^(R−1)_u`, o = 0, without projections), since
    /// `k_m = Wk·x^(R−1)_m + bk` and `x^(R−1)_m = x_m + γ·Σ_v A_(R−1)(m → v)·v_v`.
    struct KeyDirection {
        var vector: [Float]
        var offset: Float
    }

    /// Brings both lines to u's row and column and returns u's key direction, its products
    /// `D·x_p` over every pixel left in `products`: made in the sweep of the line just computed
    /// when there is one (at most one line is new after a step; a jump computes the column first,
    /// plainly).
    private func updateLines(for u: Position) -> KeyDirection {
        let l = layer(passes - 2)
        if columnLine?.index != u.col && rowLine?.index != u.row {
            columnLine = lineWork.weights(l, index: u.col, isRow: false, reusing: takeStorage(&columnLine))
        }
        var key = KeyDirection(vector: [], offset: 0)
        if columnLine?.index != u.col, let row = rowLine {
            // u's pass-(R−1) cross is on its row line; its column's values come from the gather.
            columnLine = lineWork.weights(l, index: u.col, isRow: false, reusing: takeStorage(&columnLine), direction: { column in
                key = self.keyDirection(at: u, own: row.cross(at: u.col), column: column)
                return key.vector
            }, products: &products)
            return key
        }
        guard let column = columnLine else { preconditionFailure("the column line is filled above") }
        key = column.values.withUnsafeBufferPointer { keyDirection(at: u, own: column.cross(at: u.row), column: $0) }
        if rowLine?.index != u.row {
            rowLine = lineWork.weights(l, index: u.row, isRow: true, reusing: takeStorage(&rowLine),
                                       direction: { _ in key.vector }, products: &products)
        } else {
            PlanarDot.all(key.vector, planes: l.values, channels: channels, pixels: l.pixelCount, into: &products)
        }
        return key
    }

    /// The line's storage, uniquely referenced (the line is dropped) so it can be refilled in place.
    private func takeStorage(_ line: inout CrossLineWeights?) -> [Float] {
        let storage = line?.storage ?? []
        line = nil
        return storage
    }

    /// u's key direction, from u's pass-(R−1) cross `own` (CCNet layout), the values of u's
    /// column `[c][h]` and of u's row (read from the layer).
    private func keyDirection(at u: Position, own: [Float], column: UnsafeBufferPointer<Float>) -> KeyDirection {
        let l = layer(passes - 2)
        let n = height * width, p = u.row * width + u.col
        // x^(R−1)_u = x_u + γ·(Σ_h A(u → (h, j))·v_(h, j) + Σ_w A(u → (i, w))·v_(i, w)); the masked self is 0.
        let x = own.withUnsafeBufferPointer { a in
            l.values.withUnsafeBufferPointer { v in
                (0..<channels).map { c in
                    l.input[c * n + p] + gamma * (CrossLayer.dot(a.baseAddress!, column.baseAddress! + c * height, height)
                                            + CrossLayer.dot(a.baseAddress! + height, v.baseAddress! + c * n + u.row * width, width))
                }
            }
        }
        let factor = scale / temperature
        guard let projection else { return KeyDirection(vector: x.map { factor * $0 }, offset: 0) }
        let q = projection.query(of: x), d = projection.dimension
        let vector = (0..<channels).map { c in factor * (0..<d).reduce(0) { $0 + projection.wk[$1 * channels + c] * q[$1] } }
        return KeyDirection(vector: vector, offset: factor * zip(projection.bk, q).reduce(0) { $0 + $1.0 * $1.1 })
    }

    /// `A_R(u → ·)` (R ≥ 2) from u's key direction and its products g (in `products`): no pass
    /// outputs on u's cross are computed (see `KeyDirection`).
    private func lastPass(at u: Position, key: KeyDirection, row: CrossLineWeights, column: CrossLineWeights) -> [Float] {
        var logits = [Float](repeating: 0, count: height + width)
        let own = ownProducts(at: u, direction: key.vector)
        products.withUnsafeBufferPointer { gb in
            logits.withUnsafeMutableBufferPointer { lb in
                let gp = gb.baseAddress!, out = lb.baseAddress!, o = key.offset
                column.relay(gp, into: out)
                row.relay(gp, into: out + height)
                if let own {
                    for e in 0..<(height + width) { out[e] = own[e] + gamma * out[e] + o }
                } else {
                    for e in 0..<height { out[e] = gp[e * width + u.col] + gamma * out[e] + o }
                    for w in 0..<width { out[height + w] = gp[u.row * width + w] + gamma * out[height + w] + o }
                }
            }
        }
        logits[u.row] = -.infinity  // CCNet's −∞: the column branch never sees the query itself
        Softmax.normalize(&logits)
        return logits
    }

    /// `D·x_m` for the positions m of u's cross (CCNet layout) when the values are not x (the
    /// products in `products` are `D·v`); nil when they are, and the products serve both.
    private func ownProducts(at u: Position, direction d: [Float]) -> [Float]? {
        let l = layer(passes - 2)
        guard !l.valuesAreInput else { return nil }
        let n = height * width
        var out = [Float](repeating: 0, count: height + width)
        l.input.withUnsafeBufferPointer { x in
            for c in 0..<channels {
                let plane = x.baseAddress! + c * n, dc = d[c]
                for h in 0..<height { out[h] += dc * plane[h * width + u.col] }
                for w in 0..<width { out[height + w] += dc * plane[u.row * width + w] }
            }
        }
        return out
    }

    /// The pixel of cross entry `e` of `u`: column entries first, then row entries.
    func crossPosition(_ e: Int, of u: Position) -> Position {
        e < height ? Position(row: e, col: u.col) : Position(row: u.row, col: e - height)
    }

    /// The cross entry of `m` on `u`'s cross, nil if `m` is not on it (u itself is its row entry).
    func crossEntry(_ m: Position, of u: Position) -> Int? {
        if m.row == u.row { return height + m.col }
        if m.col == u.col { return m.row }
        return nil
    }

    /// Cross weights `a` of `u` spread onto an H×W map, times `s`.
    func scatter(_ a: [Float], at u: Position, times s: Float) -> [Float] {
        var z = [Float](repeating: 0, count: height * width)
        a.withUnsafeBufferPointer { ab in
            z.withUnsafeMutableBufferPointer { scatterCross(ab, row: u.row, col: u.col, times: s, height: height, width: width, into: $0) }
        }
        return z
    }

    /// `e_u·(γA_R + ρI)⋯(γA_1 + ρI)` with (γ, ρ) = (1, 0) for the composed map; the residual view
    /// uses (γ, 1). Pushes one row vector through the passes.
    func propagate(at u: Position, attention g: Float, identity rho: Float) -> [Float] {
        let w = work(at: u)
        // After pass R, z = e_u·(g·A_R + ρI) lies on u's cross: its entries in CCNet's layout
        // (u itself is its row entry; the column self entry is masked to 0).
        var cross = w.last.map { g * $0 }
        cross[height + u.col] += rho
        var z = freshMap()
        guard passes >= 2 else {
            cross.withUnsafeBufferPointer { a in
                z.withUnsafeMutableBufferPointer { scatterCross(a, row: u.row, col: u.col, times: 1, height: height, width: width, into: $0) }
            }
            return z
        }
        // pass R−1: z·(g·A_(R−1) + ρI), whose A_(R−1) rows at u's cross the two lines hold.
        guard let column = w.column, let row = w.row else { preconditionFailure("R ≥ 2 has lines") }
        let columnScales = (0..<height).map { g * cross[$0] }, rowScales = (0..<width).map { g * cross[height + $0] }
        z.withUnsafeMutableBufferPointer { out in
            if rho != 0 {
                cross.withUnsafeBufferPointer { scatterCross($0, row: u.row, col: u.col, times: rho, height: height, width: width, into: out) }
            }
            columnScales.withUnsafeBufferPointer { column.spread($0.baseAddress!, into: out.baseAddress!) }
            rowScales.withUnsafeBufferPointer { row.spread($0.baseAddress!, into: out.baseAddress!) }
        }
        // passes R−2 … 1: dense row vector times the cached full attention.
        if passes >= 3 {
            _ = layer(passes - 2)  // fills fullWeights[0 ..< R−2]
            for r in stride(from: passes - 3, through: 0, by: -1) {
                z = fullWeights[r].propagate(z, attention: g, identity: rho)
            }
        }
        return z
    }

    /// An all-zero H×W map: the products' buffer when pass R has used it, else a new one.
    private func freshMap() -> [Float] {
        let n = height * width
        var z = products
        products = []
        guard z.count == n else { return [Float](repeating: 0, count: n) }
        z.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        return z
    }

    /// The composed map `M = e_u·A_R⋯A_1` (sums to 1).
    func composed(at u: Position) -> [Float] { propagate(at: u, attention: 1, identity: 0) }

    func makeField(_ u: Position, weights: [Float], step: Int, notes: [String]) -> AttentionField {
        AttentionField(mode: .crissCross, height: height, width: width, query: u, weights: weights,
                              overlays: [.cross(row: u.row, col: u.col)], cost: cost,
                              keysAttended: height + width - 1, stepLabel: steps[step], notes: notes)
    }
}
