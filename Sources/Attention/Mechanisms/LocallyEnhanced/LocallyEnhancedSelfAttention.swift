import FeatureMaps

/// LESA, Locally Enhanced Self-Attention (Chenglin-Yang/LESA, LESA_classification lib/models/LESA.py).
///
/// The map is LESA's binary term: a softmax over all H·W positions, self included, scale 1 by
/// default. With position tables (`--rel`: `rq`, `rk` of shape (d, 2·H·W − 1), the official
/// `relative` parameter's layout, indexed by the flattened offset) the logits are the official
/// classification ones, `q_i·k_j + q_i·rq[i − j] + k_j·rk[j − i]` (BatchNorm left out); without
/// tables they are plain `q·k`. The unary term is a static 3×3 grouped convolution (its support
/// is drawn as an overlay) and `extras["unary"]` is `M[u]`, the share the query gives itself.
/// Prefix tokens (`--prefix`) are further keys of the binary softmax, with plain `q·k` logits (they
/// have no position), and can be the query.
final class LocallyEnhancedSelfAttention: Mechanism, PrefixQuerying {
    /// Always `.lesa`.
    public let mode = Mode.lesa
    /// LESA has a single view.
    public let steps: [String] = []

    /// The projected queries and keys, when a projection file is loaded.
    public var cacheBytes: Int { features.cacheBytes + (prefix?.cacheBytes ?? 0) }

    /// P, the prefix tokens that are keys of the binary softmax.
    public var prefixCount: Int { prefix?.count ?? 0 }

    private let map: FeatureMap
    private let features: QueryKeyFeatures
    private let prefix: PrefixTokens?
    private let scaling: LogitScaling
    /// `rq` reversed per channel, planar `[d][2N−1]`: `rq[c][i−j+N−1] = reversedQueryTable[c][N−1−i+j]`.
    private let reversedQueryTable: [Float]?
    /// `rk·scale/T`, planar `[d][2N−1]`: `rk[c][j−i+N−1]` sits at `[c][N−1−i+j]`.
    private let scaledKeyTable: [Float]?
    private let notes: [String]
    private var scaledQuery: [Float]

    /// Prepares q, k and the optional position tables.
    public init(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs) throws {
        self.map = map
        features = try QueryKeyFeatures(map: map, inputs: inputs, settings: settings)
        prefix = try PrefixTokens(inputs: inputs, channels: map.channels, projection: features.projection)
        scaling = try LogitScaling(settings: settings, defaultScale: 1, mode: .lesa)
        scaledQuery = [Float](repeating: 0, count: features.dimension)
        var notes: [String] = []
        if let archive = inputs.axialTables {
            let d = features.dimension, n = map.pixelCount, span = 2 * n - 1
            let rq = try LocallyEnhancedSelfAttention.table("rq", in: archive, dimension: d, pixels: n)
            let rk = try LocallyEnhancedSelfAttention.table("rk", in: archive, dimension: d, pixels: n)
            var reversed = [Float](repeating: 0, count: d * span)
            var scaledKey = [Float](repeating: 0, count: d * span)
            for c in 0..<d {
                for t in 0..<span {
                    reversed[c * span + t] = rq[c * span + (span - 1 - t)]
                    scaledKey[c * span + t] = rk[c * span + t] * scaling.contentFactor
                }
            }
            reversedQueryTable = reversed
            scaledKeyTable = scaledKey
            notes.append("binary term: position-sensitive logits q·k + q·rq + k·rk from \(archive.path) (BatchNorm left out)")
        } else {
            reversedQueryTable = nil
            scaledKeyTable = nil
            notes.append("binary term: plain q·k logits (no position tables file; the official code adds q·rq + k·rk)")
        }
        notes.append("unary term: static 3×3 grouped convolution (support outlined); gate ω not loaded, so out = unary + ω ⊙ binary is not drawn")
        self.notes = notes
    }

    /// Reads table `name` as planar (d, 2N−1), accepting the transposed (2N−1, d) too.
    static func table(_ name: String, in archive: TensorArchive, dimension d: Int, pixels n: Int) throws -> [Float] {
        let span = 2 * n - 1
        let expected = "expected (\(d), \(span)) = (d, 2·H·W − 1): LESA's relative embedding runs over flattened positions"
        guard let raw = archive.tensors[name] else {
            throw AttentionError.tensorShape(source: archive.path, problem: "no array '\(name)' (lesa needs rq and rk; \(expected))")
        }
        let t = raw.droppingLeadingUnitDimensions()
        let shape = d == 1 && t.shape == [span] ? [1, span] : t.shape
        if shape == [d, span] { return t.values }
        if shape == [span, d] {
            var out = [Float](repeating: 0, count: d * span)
            for o in 0..<span { for c in 0..<d { out[c * span + o] = t.values[o * d + c] } }
            return out
        }
        throw AttentionError.tensorShape(source: archive.path, problem: "'\(name)' has shape \(raw.shapeDescription); \(expected)")
    }

    /// The binary softmax over every position, with `extras["unary"] = M[u]`.
    public func field(at query: Position) throws -> AttentionField {
        try map.checkQuery(query)
        let n = map.pixelCount, d = features.dimension
        let u = query.row * map.width + query.col
        for c in 0..<d { scaledQuery[c] = features.queries[c * n + u] * scaling.contentFactor }
        var weights = [Float](repeating: 0, count: n)
        if let reversedQueryTable, let scaledKeyTable {
            let span = 2 * n - 1, base = n - 1 - u
            weights.withUnsafeMutableBufferPointer { o in
                features.keys.withUnsafeBufferPointer { ks in
                    reversedQueryTable.withUnsafeBufferPointer { rq in
                        scaledKeyTable.withUnsafeBufferPointer { rk in
                            for c in 0..<d {
                                let qc = scaledQuery[c]
                                let k = ks.baseAddress! + c * n
                                let q = rq.baseAddress! + c * span + base
                                let r = rk.baseAddress! + c * span + base
                                for j in 0..<n { o[j] += qc * (k[j] + q[j]) + k[j] * r[j] }
                            }
                        }
                    }
                }
            }
        } else {
            features.dotAll(scaledQuery, into: &weights)
        }
        var masses: [Double] = []
        let summary: Softmax.Summary?
        if let prefix {
            weights += prefix.logits(scaledQuery)
            (weights, masses) = PrefixTokens.softmax(&weights, pixels: n)
            summary = nil
        } else {
            // The softmax's own sums give the statistics (no second pass over the map).
            summary = Softmax.normalizeSummarized(&weights)
        }
        var overlays: [Overlay] = []
        let top = max(query.row - 1, 0), left = max(query.col - 1, 0)
        overlays.append(.window(PixelRect(top: top, left: left,
                                          height: min(query.row + 2, map.height) - top,
                                          width: min(query.col + 2, map.width) - left)))
        let keys = n + prefixCount
        let cost = Cost(macsPerQuery: 2 * Double(keys) * Double(d) + 9 * Double(map.channels), queriesPerLayer: keys, keysPerQuery: keys)
        let unary = Double(weights[u])
        var field = AttentionField(mode: .lesa, height: map.height, width: map.width, query: query, weights: weights,
                                   illustrative: reversedQueryTable == nil, overlays: overlays, cost: cost, keysAttended: keys,
                                   notes: notes,
                                   extras: ["unary": unary],
                                   statistics: summary.map { FieldStatistics(weights: weights, softmax: $0, keysAttended: keys, cost: cost) })
        field.prefix = masses
        return field
    }

    /// Prefix token `token`'s row of the binary softmax: plain `q·k` logits over the grid and
    /// prefix keys (a prefix token has no position, so no table term applies).
    public func field(atPrefixToken token: Int) throws -> AttentionField {
        guard let prefix else { throw AttentionError.limit(mode: .lesa, problem: PrefixQuery.noPrefixTokens) }
        guard token >= 0, token < prefix.count else {
            throw AttentionError.limit(mode: .lesa, problem: PrefixQuery.outOfRange(token, count: prefix.count))
        }
        let n = map.pixelCount, d = features.dimension, keys = n + prefix.count
        let q = prefix.query(token)
        for c in 0..<d { scaledQuery[c] = q[c] * scaling.contentFactor }
        var logits = [Float](repeating: 0, count: n)
        features.dotAll(scaledQuery, into: &logits)
        logits += prefix.logits(scaledQuery)
        let (weights, masses) = PrefixTokens.softmax(&logits, pixels: n)
        let cost = Cost(macsPerQuery: 2 * Double(keys) * Double(d), queriesPerLayer: keys, keysPerQuery: keys)
        var field = AttentionField(mode: .lesa, height: map.height, width: map.width, query: Position(row: 0, col: 0),
                                   weights: weights, illustrative: reversedQueryTable == nil, cost: cost,
                                   keysAttended: keys, notes: notes)
        field.prefix = masses
        field.prefixQuery = token
        return field
    }
}
