import FeatureMaps

/// Global self-attention (ViT, Non-local): the query reads every position, itself included.
///
/// `M[p] = softmax_p(q_u · k_p · scale / T)` over all H·W positions; default scale 1/√d.
/// One fused dot-product-and-softmax pass over the planar keys and one rescaling pass per query
/// (`DotProductSoftmax`). With prefix tokens (`--prefix`: class, registers) the softmax runs over
/// the grid and the prefix keys; their masses go to `prefix`, and a prefix token can be the query.
final class GlobalAttention: Mechanism, PrefixQuerying {
    /// Always `.global`.
    public let mode = Mode.global
    /// Global attention has a single view.
    public let steps: [String] = []

    /// The projected queries and keys, when a projection file is loaded, and the prefix tokens'.
    public var cacheBytes: Int { features.cacheBytes + (prefix?.cacheBytes ?? 0) }

    /// P, the prefix tokens that are keys of the softmax.
    public var prefixCount: Int { prefix?.count ?? 0 }

    private let map: FeatureMap
    private let features: QueryKeyFeatures
    private let prefix: PrefixTokens?
    private let scaling: LogitScaling
    private var scaledQuery: [Float]
    /// The cores a query may use (`RuntimeConfiguration.threads`).
    private let cores: Int

    /// Prepares q and k (projected once when a projection file is loaded) and the prefix tokens';
    /// a large map's queries use `cores` cores (1 or 2).
    public init(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs, cores: Int = 1) throws {
        self.map = map
        self.cores = cores
        features = try QueryKeyFeatures(map: map, inputs: inputs, settings: settings)
        prefix = try PrefixTokens(inputs: inputs, channels: map.channels, projection: features.projection)
        scaling = try LogitScaling(settings: settings,
                                   defaultScale: LogitScaling.inverseSquareRoot(of: features.dimension), mode: .global)
        scaledQuery = [Float](repeating: 0, count: features.dimension)
    }

    /// The softmax of the query's scaled logits over every pixel (and the prefix tokens).
    public func field(at query: Position) throws -> AttentionField {
        try map.checkQuery(query)
        let n = map.pixelCount, u = query.row * map.width + query.col
        // Fold scale/T into the query so one pass yields the final logits.
        for c in 0..<features.dimension {
            scaledQuery[c] = features.queries[c * n + u] * scaling.contentFactor
        }
        if prefix != nil { return prefixedField(query: query, prefixQuery: nil) }
        // The softmax's own sums give the statistics (no further pass over the map).
        let (weights, summary) = DotProductSoftmax.weights(query: scaledQuery, keys: features.keys,
                                                           channels: features.dimension, pixels: n, cores: cores)
        let cost = self.cost(keys: n)
        return AttentionField(mode: .global, height: map.height, width: map.width, query: query, weights: weights,
                              cost: cost, keysAttended: n, notes: notes,
                              statistics: FieldStatistics(weights: weights, softmax: summary, keysAttended: n, cost: cost))
    }

    /// Prefix token `token`'s row of the softmax over the grid and prefix keys.
    public func field(atPrefixToken token: Int) throws -> AttentionField {
        guard let prefix else { throw AttentionError.limit(mode: .global, problem: PrefixQuery.noPrefixTokens) }
        guard token >= 0, token < prefix.count else {
            throw AttentionError.limit(mode: .global, problem: PrefixQuery.outOfRange(token, count: prefix.count))
        }
        let q = prefix.query(token)
        for c in 0..<features.dimension { scaledQuery[c] = q[c] * scaling.contentFactor }
        return prefixedField(query: Position(row: 0, col: 0), prefixQuery: token)
    }

    /// The field of `scaledQuery` over the grid and prefix keys (one softmax over N + P logits).
    private func prefixedField(query: Position, prefixQuery: Int?) -> AttentionField {
        let n = map.pixelCount, p = prefix!.count
        var logits = [Float](repeating: 0, count: n)
        features.dotAll(scaledQuery, into: &logits)
        logits += prefix!.logits(scaledQuery)
        let (weights, masses) = PrefixTokens.softmax(&logits, pixels: n)
        var field = AttentionField(mode: .global, height: map.height, width: map.width, query: query, weights: weights,
                                   cost: cost(keys: n + p), keysAttended: n + p, notes: notes)
        field.prefix = masses
        field.prefixQuery = prefixQuery
        return field
    }

    private func cost(keys: Int) -> Cost {
        Cost(macsPerQuery: 2 * Double(keys) * Double(features.dimension), queriesPerLayer: keys, keysPerQuery: keys)
    }

    private var notes: [String] {
        var notes: [String] = []
        if let p = features.projection {
            notes.append("projected q, k: head dimension d=\(p.dimension)" + (p.keyNorm != nil || p.queryNorm != nil ? ", qk-norm" : ""))
        }
        if let prefix { notes.append("\(prefix.count) prefix token\(prefix.count == 1 ? "" : "s") among the keys") }
        return notes
    }
}
