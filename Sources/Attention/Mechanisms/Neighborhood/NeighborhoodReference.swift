import FeatureMaps

/// Neighborhood attention (NATTEN), plainly: the K×K window starts at `clamp(i − K//2, 0, L − K)`
/// per axis of length L (the whole axis when K > L), softmax over its keys with 1/√d by default.
enum NeighborhoodReference: ReferenceMechanism {
    static func field(map: FeatureMap, query: Position, settings: AttentionSettings,
                      inputs: AttentionInputs) throws -> ReferenceField {
        let projection = try ReferenceMath.projection(inputs, settings: settings, channels: map.channels)
        let (q, k) = ReferenceMath.queriesAndKeys(ReferenceMath.tokens(map), projection: projection)
        let kernel = settings.kernel ?? NeighborhoodAttention.defaultKernel
        let w = map.width, u = query.row * w + query.col
        let scale = ReferenceMath.scale(settings, default: 1 / Double(q[u].count).squareRoot())
        let t = Double(settings.temperature)
        let rows = start(query.row, length: map.height, kernel: kernel)
        let cols = start(query.col, length: w, kernel: kernel)
        var keys: [Int] = []
        for r in rows { for c in cols { keys.append(r * w + c) } }
        let a = ReferenceMath.softmax(keys.map { ReferenceMath.dot(q[u], k[$0]) * scale / t })
        var weights = [Double](repeating: 0, count: map.pixelCount)
        for (key, weight) in zip(keys, a) { weights[key] = weight }
        return ReferenceField(weights: weights)
    }

    /// The window's positions along an axis of `length` for index `i`.
    static func start(_ i: Int, length: Int, kernel: Int) -> Range<Int> {
        let size = min(kernel, length)
        let first = min(max(i - kernel / 2, 0), length - size)
        return first..<(first + size)
    }
}
