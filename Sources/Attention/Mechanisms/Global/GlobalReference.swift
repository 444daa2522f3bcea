import FeatureMaps

/// Global attention, plainly: `M[p] = softmax_p(q_u · k_p · scale / T)` over all H·W pixels,
/// self included; scale 1/√d by default.
enum GlobalReference: ReferenceMechanism {
    static func field(map: FeatureMap, query: Position, settings: AttentionSettings,
                      inputs: AttentionInputs) throws -> ReferenceField {
        let projection = try ReferenceMath.projection(inputs, settings: settings, channels: map.channels)
        let (q, k) = ReferenceMath.queriesAndKeys(ReferenceMath.tokens(map), projection: projection)
        let u = query.row * map.width + query.col
        let d = q[u].count
        let scale = ReferenceMath.scale(settings, default: 1 / Double(d).squareRoot())
        let t = Double(settings.temperature)
        let logits = k.map { ReferenceMath.dot(q[u], $0) * scale / t }
        return ReferenceField(weights: ReferenceMath.softmax(logits))
    }
}
