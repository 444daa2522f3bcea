import FeatureMaps

/// Global self-attention (ViT, Non-local): the query reads every position, itself included.
///
/// `M[p] = softmax_p(q_u · k_p · scale / T)` over all H·W positions; default scale 1/√d.
/// One fused dot-product-and-softmax pass over the planar keys and one rescaling pass per query
/// (`DotProductSoftmax`).
final class GlobalAttention: Mechanism {
    /// Always `.global`.
    public let mode = Mode.global
    /// Global attention has a single view.
    public let steps: [String] = []

    /// The projected queries and keys, when a projection file is loaded.
    public var cacheBytes: Int { features.cacheBytes }

    private let map: FeatureMap
    private let features: QueryKeyFeatures
    private let scaling: LogitScaling
    private var scaledQuery: [Float]
    /// The cores a query may use (`RuntimeConfiguration.threads`).
    private let cores: Int

    /// Prepares q and k (projected once when a projection file is loaded); a large map's queries
    /// use `cores` cores (1 or 2).
    public init(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs, cores: Int = 1) throws {
        self.map = map
        self.cores = cores
        features = try QueryKeyFeatures(map: map, inputs: inputs, settings: settings)
        scaling = try LogitScaling(settings: settings,
                                   defaultScale: LogitScaling.inverseSquareRoot(of: features.dimension), mode: .global)
        scaledQuery = [Float](repeating: 0, count: features.dimension)
    }

    /// The softmax of the query's scaled logits over every pixel.
    public func field(at query: Position) throws -> AttentionField {
        try map.checkQuery(query)
        let n = map.pixelCount, u = query.row * map.width + query.col
        // Fold scale/T into the query so one pass yields the final logits.
        for c in 0..<features.dimension {
            scaledQuery[c] = features.queries[c * n + u] * scaling.contentFactor
        }
        // The softmax's own sums give the statistics (no further pass over the map).
        let (weights, summary) = DotProductSoftmax.weights(query: scaledQuery, keys: features.keys,
                                                           channels: features.dimension, pixels: n, cores: cores)
        let d = Double(features.dimension)
        let cost = Cost(macsPerQuery: 2 * Double(n) * d, queriesPerLayer: n, keysPerQuery: n)
        var notes: [String] = []
        if let p = features.projection { notes.append("projected q, k: head dimension d=\(p.dimension)") }
        return AttentionField(mode: .global, height: map.height, width: map.width, query: query, weights: weights,
                              cost: cost, keysAttended: n, notes: notes,
                              statistics: FieldStatistics(weights: weights, softmax: summary, keysAttended: n, cost: cost))
    }
}
