import FeatureMaps

/// Neighborhood attention (NATTEN, with DiNAT's dilation), plainly.
///
/// Per axis of length L the query at i lists its own sub-grid, the indices j ≡ i (mod d) in
/// order, and takes min(K, its length) consecutive ones, centred on i where it can and pushed
/// inward at the sub-grid's ends. The logit of a key is `(q·k·scale + rpb[Δy + K − 1, Δx + K − 1]) / T`
/// with Δ the key's place in the sub-grid minus the query's; softmax over the keys.
enum NeighborhoodReference: ReferenceMechanism {
    static func field(map: FeatureMap, query: Position, settings: AttentionSettings,
                      inputs: AttentionInputs) throws -> ReferenceField {
        let projection = try ReferenceMath.projection(inputs, settings: settings, channels: map.channels)
        let (q, k) = ReferenceMath.queriesAndKeys(ReferenceMath.tokens(map), projection: projection)
        let kernel = settings.kernel ?? NeighborhoodAttention.defaultKernel
        let dilation = settings.dilation ?? NeighborhoodAttention.defaultDilation
        let w = map.width, u = query.row * w + query.col
        let scale = ReferenceMath.scale(settings, default: 1 / Double(q[u].count).squareRoot())
        let t = Double(settings.temperature)
        let bias = try inputs.relativeBias.map { try NeighborhoodBias.table($0, kernel: kernel, head: settings.head) }
        let rows = window(query.row, length: map.height, kernel: kernel, dilation: dilation)
        let cols = window(query.col, length: w, kernel: kernel, dilation: dilation)
        var keys: [Int] = [], logits: [Double] = []
        for (r, dy) in rows {
            for (c, dx) in cols {
                var logit = ReferenceMath.dot(q[u], k[r * w + c]) * scale
                if let bias { logit += Double(bias[(dy + kernel - 1) * (2 * kernel - 1) + dx + kernel - 1]) }
                keys.append(r * w + c)
                logits.append(logit / t)
            }
        }
        var weights = [Double](repeating: 0, count: map.pixelCount)
        for (key, weight) in zip(keys, ReferenceMath.softmax(logits)) { weights[key] = weight }
        return ReferenceField(weights: weights)
    }

    /// The window's positions along an axis of `length` for index `i`, each with its sub-grid
    /// offset from i.
    static func window(_ i: Int, length: Int, kernel: Int, dilation: Int) -> [(Int, Int)] {
        let subGrid = Array(stride(from: i % dilation, to: length, by: dilation))
        let own = subGrid.firstIndex(of: i)!
        let size = min(kernel, subGrid.count)
        let first = min(max(own - kernel / 2, 0), subGrid.count - size)
        return (first..<(first + size)).map { (subGrid[$0], $0 - own) }
    }
}
