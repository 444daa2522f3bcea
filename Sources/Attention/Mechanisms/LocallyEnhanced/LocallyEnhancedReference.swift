import FeatureMaps

/// LESA's binary term, plainly (MECHANISMS.md "lesa"): a softmax over all H·W pixels, self
/// included, of `q_u·k_j·scale / T` (scale 1 by default), with position tables (d, 2N − 1) indexed
/// by the flattened offset: `(q_u·k_j + q_u·rq[u − j] + k_j·rk[j − u])·scale / T`.
/// The unary share is `M[u]`.
enum LocallyEnhancedReference: ReferenceMechanism {
    static func field(map: FeatureMap, query: Position, settings: AttentionSettings,
                      inputs: AttentionInputs) throws -> ReferenceField {
        let projection = try ReferenceMath.projection(inputs, settings: settings, channels: map.channels)
        let (q, k) = ReferenceMath.queriesAndKeys(ReferenceMath.tokens(map), projection: projection)
        let n = map.pixelCount, u = query.row * map.width + query.col, d = q[u].count
        let scale = ReferenceMath.scale(settings, default: 1), t = Double(settings.temperature)
        let tables = try inputs.axialTables.map { archive in
            (rq: try LocallyEnhancedSelfAttention.table("rq", in: archive, dimension: d, pixels: n),
             rk: try LocallyEnhancedSelfAttention.table("rk", in: archive, dimension: d, pixels: n))
        }
        let span = 2 * n - 1
        let logits = (0..<n).map { j in
            var logit = ReferenceMath.dot(q[u], k[j])
            if let tables {
                for c in 0..<d {
                    logit += q[u][c] * Double(tables.rq[c * span + (u - j + n - 1)])
                    logit += k[j][c] * Double(tables.rk[c * span + (j - u + n - 1)])
                }
            }
            return logit * scale / t
        }
        return ReferenceField(weights: ReferenceMath.softmax(logits))
    }
}
