import FeatureMaps

/// CCNet's recurrent criss-cross attention, plainly (MECHANISMS.md "criss-cross"), with every
/// pass's attention as a dense H·W × H·W matrix.
///
/// - Pass r for pixel p = (i, j): one softmax over the H + W − 1 keys of p's row and column (p
///   itself once), logits `q_p·k_m·scale / T` (scale 1 by default) with q, k from `x^(r−1)`.
/// - `x^(r) = γ·Σ_m A_r(p → m)·v_m + x^(r−1)_p`, `x^(0)` the features, v = `x^(r−1)` or, with
///   `wv` in the projection file, `Wv·x^(r−1) + bv` (CCNet's `value_conv`).
/// - Steps r < R: `A_(r+1)(u → ·)`; step R (the full map): `e_u·A_R ⋯ A_1`, the attention routes.
/// - The residual view: `e_u·(γA_R + I) ⋯ (γA_1 + I)`, divided by `(1 + γ)^R` when normalised
///   (and that is a nonzero finite number).
enum CrissCrossReference: ReferenceMechanism {
    static func field(map: FeatureMap, query: Position, settings: AttentionSettings,
                      inputs: AttentionInputs) throws -> ReferenceField {
        let passes = settings.passes ?? 2
        let step = settings.step ?? passes
        let attention = try passMatrices(map: map, settings: settings, inputs: inputs)
        let u = query.row * map.width + query.col
        if step < passes { return ReferenceField(weights: attention[step][u]) }
        var z = ReferenceMath.unit(u, count: map.pixelCount)
        for a in attention.reversed() { z = ReferenceMath.times(z, a) }
        return ReferenceField(weights: z)
    }

    /// The map with the residual paths put back (see the type's documentation).
    static func residualField(map: FeatureMap, query: Position, settings: AttentionSettings,
                              inputs: AttentionInputs, normalized: Bool = true) throws -> ReferenceField {
        let gamma = Double(settings.gamma)
        let attention = try passMatrices(map: map, settings: settings, inputs: inputs)
        var z = ReferenceMath.unit(query.row * map.width + query.col, count: map.pixelCount)
        for a in attention.reversed() {
            let through = ReferenceMath.times(z, a)
            z = z.indices.map { gamma * through[$0] + z[$0] }
        }
        var total = 1.0
        for _ in attention { total *= 1 + gamma }
        if normalized, total != 0, total.isFinite { z = z.map { $0 / total } }
        return ReferenceField(weights: z)
    }

    /// `A_1 … A_R`, each as rows `A[p][m] = A(p → m)`.
    static func passMatrices(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs) throws -> [[[Double]]] {
        let projection = try ReferenceMath.projection(inputs, settings: settings, channels: map.channels)
        let scale = ReferenceMath.scale(settings, default: 1), t = Double(settings.temperature)
        let values = try inputs.projections.flatMap { try ValueProjection(archive: $0, channels: map.channels, outputs: map.channels) }
        var x = ReferenceMath.tokens(map)
        var matrices: [[[Double]]] = []
        for _ in 0..<(settings.passes ?? 2) {
            let a = attention(x, height: map.height, width: map.width, projection: projection, scale: scale, temperature: t)
            matrices.append(a)
            x = nextInput(x, values: values.map { v in x.map { v.apply($0) } } ?? x, attention: a, gamma: Double(settings.gamma))
        }
        return matrices
    }

    /// One pass's attention on input tokens `x`: rows `A[p][m]`, nonzero on p's cross only.
    static func attention(_ x: [[Double]], height h: Int, width w: Int, projection: Projection?,
                          scale: Double, temperature t: Double) -> [[Double]] {
        let n = h * w
        let (q, k) = ReferenceMath.queriesAndKeys(x, projection: projection)
        var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<h {
            for j in 0..<w {
                let p = i * w + j
                // The cross: the column without p, then the row with p.
                let keys = (0..<h).filter { $0 != i }.map { $0 * w + j } + (0..<w).map { i * w + $0 }
                let weights = ReferenceMath.softmax(keys.map { ReferenceMath.dot(q[p], k[$0]) * scale / t })
                for (m, weight) in zip(keys, weights) { a[p][m] = weight }
            }
        }
        return a
    }

    /// The next pass's input `x_p + γ·Σ_m A(p → m)·v_m`.
    static func nextInput(_ x: [[Double]], values v: [[Double]], attention a: [[Double]], gamma: Double) -> [[Double]] {
        x.indices.map { p in
            var out = x[p]
            for m in x.indices where a[p][m] != 0 {
                for c in out.indices { out[c] += gamma * a[p][m] * v[m][c] }
            }
            return out
        }
    }
}
