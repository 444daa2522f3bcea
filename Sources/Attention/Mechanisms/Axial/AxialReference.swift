import FeatureMaps

/// Axial-DeepLab's axial attention, plainly (MECHANISMS.md "axial"): height pass, then width pass
/// on the height pass's outputs, scale 1 by default.
///
/// - Pass 1 for pixel (i, j): `A_H((i, j) → (h, j)) = softmax_h((q·k·scale + q·rq[i−h] + k·rk[h−i]) / T)`.
/// - Its output `y(i, j) = Σ_h A_H·(x_(h, j) + rv[i−h])` (values are the features; no residual).
/// - Pass 2 for u = (i, j) over its row, on y (projected by the same q, k weights when loaded):
///   `A_W(u → (i, w)) = softmax_w((q'·k'·scale + q'·rq[j−w] + k'·rk[w−j]) / T)`.
/// - Composed: `M[h][w] = A_W(u → (i, w))·A_H((i, w) → (h, w))`.
/// Steps: 0 the height pass of u, 1 its width pass, 2 composed (`passes` 1 has step 0 only).
///
/// With an `AxialBlock`'s tensors (`wv`, `wq2`, …; see `AxialBlockInputs`) every height head g
/// has its own pass, group g's outputs are `y_c = Σ_h A_H^g·(Wv·x + bv + rv[i−h])_c` over its
/// C_out/G channels, the width pass projects y with `wq2`, `wk2`, and the composed map uses the
/// heads' mean height weights.
enum AxialReference: ReferenceMechanism {
    static func field(map: FeatureMap, query: Position, settings: AttentionSettings,
                      inputs: AttentionInputs) throws -> ReferenceField {
        let h = map.height, w = map.width
        let passes = settings.passes ?? 2
        let step = settings.step ?? (passes == 1 ? 0 : 2)
        let x = ReferenceMath.tokens(map)
        let block = try inputs.projections.flatMap { try AxialBlockInputs(map: map, archive: $0, head: settings.head) }
        let heads: [Projection?] = try block.map { $0.heads.map(\.projection) }
            ?? [ReferenceMath.projection(inputs, settings: settings, channels: map.channels)]
        let shown = block == nil ? 0 : settings.head
        /// The tables of head g's pass (legacy: the one projection is head `settings.head`).
        func tableHead(_ g: Int) -> Int { block == nil ? settings.head : g }
        let values = try inputs.projections.flatMap { try ValueProjection(archive: $0, channels: map.channels) }
        let v = values.map { p in x.map { p.apply($0) } } ?? x
        let c = v[0].count, share = c / heads.count
        let headKeys = heads.map { ReferenceMath.queriesAndKeys(x, projection: $0) }
        let d = headKeys[shown].queries[0].count
        let widthProjection = block.map { $0.widthProjection } ?? heads[0]
        let tables = try inputs.axialTables.map {
            try AxialPositionTables(archive: $0, dimension: d, channels: share, mapHeight: h, mapWidth: w,
                                    widthDimension: block.map { $0.widthProjection?.dimension ?? $0.outputs })
        }
        let scale = ReferenceMath.scale(settings, default: 1), t = Double(settings.temperature)
        let i = query.row, j = query.col

        /// A_H^g((row, col) → (·, col)) over the column.
        func heightPass(_ g: Int, row: Int, col: Int) -> [Double] {
            let (q, k) = headKeys[g]
            let qp = q[row * w + col]
            let logits = (0..<h).map { r in
                let kp = k[r * w + col]
                var logit = ReferenceMath.dot(qp, kp) * scale
                if let axis = tables?.height(tableHead(g)) {
                    logit += relative(qp, axis.rq, offset: row - r, axis: axis) + relative(kp, axis.rk, offset: r - row, axis: axis)
                }
                return logit / t
            }
            return ReferenceMath.softmax(logits)
        }
        var weights = [Double](repeating: 0, count: h * w)
        if step == 0 {
            for (r, a) in heightPass(shown, row: i, col: j).enumerated() { weights[r * w + j] = a }
            return ReferenceField(weights: weights)
        }
        // Every head's height pass at every pixel of row i, and the outputs y (group g's channels from head g).
        let columns = (0..<heads.count).map { g in (0..<w).map { heightPass(g, row: i, col: $0) } }
        let y: [[Double]] = (0..<w).map { col in
            (0..<c).map { ch in
                let g = ch / share
                var sum = 0.0
                for r in 0..<h {
                    var value = v[r * w + col][ch]
                    if let axis = tables?.height(tableHead(g)), let rv = axis.rv { value += Double(rv[(ch - g * share) * axis.length + axis.centre + i - r]) }
                    sum += columns[g][col][r] * value
                }
                return sum
            }
        }
        let (qy, ky) = ReferenceMath.queriesAndKeys(y, projection: widthProjection)
        let widthLogits = (0..<w).map { col in
            var logit = ReferenceMath.dot(qy[j], ky[col]) * scale
            if let axis = tables?.width(settings.head) {
                logit += relative(qy[j], axis.rq, offset: j - col, axis: axis) + relative(ky[col], axis.rk, offset: col - j, axis: axis)
            }
            return logit / t
        }
        let widthWeights = ReferenceMath.softmax(widthLogits)
        if step == 1 {
            for (col, a) in widthWeights.enumerated() { weights[i * w + col] = a }
            return ReferenceField(weights: weights)
        }
        for r in 0..<h {
            for col in 0..<w {
                let mean = columns.reduce(0) { $0 + $1[col][r] } / Double(heads.count)
                weights[r * w + col] = widthWeights[col] * mean
            }
        }
        return ReferenceField(weights: weights)
    }

    /// `v · table[offset]` for a `[channel][2S − 1]` table (0 without one).
    static func relative(_ v: [Double], _ table: [Float]?, offset: Int, axis: AxialPositionTables.Axis) -> Double {
        guard let table else { return 0 }
        var sum = 0.0
        for ch in v.indices { sum += v[ch] * Double(table[ch * axis.length + axis.centre + offset]) }
        return sum
    }
}
