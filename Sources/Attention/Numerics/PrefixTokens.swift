import FeatureMaps

/// The prefix tokens (class, distillation, registers: timm `VisionTransformer`, DINOv2) as keys
/// and queries of a softmax over the whole sequence: projected with the same `Wq`, `Wk` (and
/// qk-norm) as the grid tokens, with no position.
public struct PrefixTokens: Sendable {
    /// P, the number of prefix tokens.
    public let count: Int
    /// The query/key dimension d (C for identity projections).
    public let dimension: Int
    /// The queries, planar `[d][P]`.
    public let queries: [Float]
    /// The keys, planar `[d][P]`.
    public let keys: [Float]

    /// The prefix tokens of `inputs` (P×C) projected as `projection` does, nil when none are
    /// loaded; a tensor that is not P×C with the map's C is refused.
    public init?(inputs: AttentionInputs, channels: Int, projection: Projection?) throws {
        guard let raw = inputs.prefix else { return nil }
        let t = raw.droppingLeadingUnitDimensions()
        let shape = t.shape.count == 1 ? [1] + t.shape : t.shape
        guard shape.count == 2, shape[1] == channels, shape[0] >= 1 else {
            throw AttentionError.input(.prefix, problem: "has shape \(raw.shapeDescription); expected P×\(channels) (P prefix tokens of the map's \(channels) channels)")
        }
        let p = shape[0]
        // P×C rows → planar C×P, the layout the projections read.
        var planar = [Float](repeating: 0, count: channels * p)
        for i in 0..<p { for c in 0..<channels { planar[c * p + i] = t.values[i * channels + c] } }
        count = p
        if let projection {
            dimension = projection.dimension
            queries = projection.queries(planar: planar, pixels: p)
            keys = projection.keys(planar: planar, pixels: p)
        } else {
            dimension = channels
            queries = planar
            keys = planar
        }
    }

    /// P of the loaded prefix tensor (P×C), nil when none is loaded or it is not two-dimensional.
    public static func count(in inputs: AttentionInputs) -> Int? {
        guard let t = inputs.prefix?.droppingLeadingUnitDimensions() else { return nil }
        switch t.shape.count {
        case 1: return 1
        case 2: return t.shape[0]
        default: return nil
        }
    }

    /// The query vector of prefix token `i` (d values).
    public func query(_ i: Int) -> [Float] { (0..<dimension).map { queries[$0 * count + i] } }

    /// `q · k_i` for every prefix token i.
    public func logits(_ q: [Float]) -> [Float] {
        (0..<count).map { i in
            var s: Float = 0
            for c in 0..<dimension { s += q[c] * keys[c * count + i] }
            return s
        }
    }

    /// Bytes held: the projected queries and keys.
    public var cacheBytes: Int { (queries.count + keys.count) * MemoryLayout<Float>.size }

    /// The softmax over `pixels` grid logits followed by the prefix logits, split back into the
    /// grid weights and each prefix token's mass.
    static func softmax(_ logits: inout [Float], pixels n: Int) -> (weights: [Float], prefix: [Double]) {
        Softmax.normalize(&logits)
        let prefix = logits[n...].map(Double.init)
        logits.removeLast(logits.count - n)
        return (logits, prefix)
    }
}
