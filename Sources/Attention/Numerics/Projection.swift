import AttentionKernels
import FeatureMaps

/// Linear query and key projections `q = Wq·x + bq`, `k = Wk·x + bk` for one head, each
/// optionally LayerNorm'ed over the head dimension afterwards (timm `Attention(qk_norm=True)`).
public struct Projection: Sendable {
    /// The head dimension d.
    public let dimension: Int
    /// The input channels C.
    public let channels: Int
    /// How many heads the file holds (1 for (d, C) matrices).
    public let heads: Int
    /// `Wq`, row-major d×C.
    public let wq: [Float]
    /// `Wk`, row-major d×C.
    public let wk: [Float]
    /// `bq` (d values; zeros when absent).
    public let bq: [Float]
    /// `bk` (d values; zeros when absent).
    public let bk: [Float]
    /// qk-norm of the queries (`q_norm_w`, `q_norm_b`), nil when the file has none.
    public let queryNorm: HeadNorm?
    /// qk-norm of the keys (`k_norm_w`, `k_norm_b`), nil when the file has none.
    public let keyNorm: HeadNorm?

    /// Reads head `head` from a projection archive (`wq`, `wk` of shape (d, C) or (heads, d, C),
    /// optional `bq`, `bk` of shape (d) or (heads, d), optional qk-norm `q_norm_w`, `q_norm_b`,
    /// `k_norm_w`, `k_norm_b` of shape (d) or (heads, d) and scalar `norm_eps`), checking it
    /// against `channels`.
    public init(archive: TensorArchive, head: Int, channels: Int) throws {
        func matrix(_ name: String) throws -> (d: Int, values: [Float], heads: Int) {
            guard let raw = archive.tensors[name] else {
                throw AttentionError.tensorShape(source: archive.path, problem: "no array '\(name)' (a projection file needs wq and wk)")
            }
            let t = raw.droppingLeadingUnitDimensions()
            let shape = t.shape.count == 2 ? [1] + t.shape : t.shape
            guard shape.count == 3, shape[2] == channels, shape[1] > 0 else {
                throw AttentionError.tensorShape(source: archive.path,
                    problem: "'\(name)' has shape \(raw.shapeDescription); expected (d, \(channels)) or (heads, d, \(channels))")
            }
            guard head >= 0, head < shape[0] else {
                throw AttentionError.setting(SettingError(setting: .head,
                    rule: .mapLimit("is out of range: '\(name)' in \(archive.path) has \(shape[0]) head(s)"), value: .integer(head)))
            }
            let size = shape[1] * shape[2]
            return (shape[1], Array(t.values[(head * size)..<((head + 1) * size)]), shape[0])
        }
        let q = try matrix("wq"), k = try matrix("wk")
        guard q.d == k.d else {
            throw AttentionError.tensorShape(source: archive.path, problem: "wq and wk disagree on the head dimension (\(q.d) vs \(k.d))")
        }
        let perHead = PerHeadVectors(archive: archive, head: head, dimension: q.d, heads: q.heads)
        dimension = q.d
        self.channels = channels
        heads = q.heads
        wq = q.values
        wk = k.values
        bq = try perHead.vector("bq") ?? [Float](repeating: 0, count: q.d)
        bk = try perHead.vector("bk") ?? [Float](repeating: 0, count: k.d)
        let epsilon = try HeadNorm.epsilon(in: archive)
        queryNorm = try HeadNorm(perHead, weight: "q_norm_w", bias: "q_norm_b", epsilon: epsilon)
        keyNorm = try HeadNorm(perHead, weight: "k_norm_w", bias: "k_norm_b", epsilon: epsilon)
    }

    /// The number of heads in a projection archive (`wq`'s leading dimension; 1 for (d, C)), nil
    /// when it has no usable `wq`.
    public static func headCount(in archive: TensorArchive) -> Int? {
        guard let t = archive.tensors["wq"]?.droppingLeadingUnitDimensions() else { return nil }
        switch t.shape.count {
        case 2: return 1
        case 3: return t.shape[0]
        default: return nil
        }
    }

    /// Queries of a planar C×N block, planar d×N: `Wq·x + bq`, then the query norm.
    public func queries(planar x: [Float], pixels n: Int) -> [Float] {
        var out = project(planar: x, pixels: n, weights: wq, bias: bq)
        queryNorm?.normalize(planar: &out, rows: dimension, pixels: n)
        return out
    }

    /// Keys of a planar C×N block, planar d×N: `Wk·x + bk`, then the key norm.
    public func keys(planar x: [Float], pixels n: Int) -> [Float] {
        var out = project(planar: x, pixels: n, weights: wk, bias: bk)
        keyNorm?.normalize(planar: &out, rows: dimension, pixels: n)
        return out
    }

    /// The key of an all-zero input (a padding token): `bk`, normalised like every key.
    public var paddingKey: [Float] { keys(planar: [Float](repeating: 0, count: channels), pixels: 1) }

    /// Projects a planar C×N block with `W` and `b` into a planar d×N block (no qk-norm: use
    /// `queries(planar:pixels:)` and `keys(planar:pixels:)` for q and k).
    func project(planar x: [Float], pixels n: Int, weights w: [Float], bias b: [Float]) -> [Float] {
        PlanarLinear.apply(w, b, rows: dimension, channels: channels, planar: x, pixels: n)
    }

    /// Projects one C-vector into a key (used where keys are sampled before projecting, as DAT does).
    public func key(of x: [Float]) -> [Float] { keys(planar: x, pixels: 1) }

    /// Projects one C-vector into a query.
    public func query(of x: [Float]) -> [Float] { queries(planar: x, pixels: 1) }
}

/// Queries and keys of every pixel, planar `[d][H·W]`: the features themselves (identity
/// projections, shared without copying) or their projections.
public struct QueryKeyFeatures: Sendable {
    /// The query/key dimension d.
    public let dimension: Int
    /// H·W.
    public let pixelCount: Int
    /// Queries, planar `[d][H·W]`.
    public let queries: [Float]
    /// Keys, planar `[d][H·W]`.
    public let keys: [Float]
    /// The projection used, nil for identity.
    public let projection: Projection?

    /// Builds q and k for `map`, projecting with `projection` when given.
    public init(map: FeatureMap, projection: Projection?) {
        pixelCount = map.pixelCount
        self.projection = projection
        if let p = projection {
            dimension = p.dimension
            queries = p.queries(planar: map.data, pixels: map.pixelCount)
            keys = p.keys(planar: map.data, pixels: map.pixelCount)
        } else {
            dimension = map.channels
            queries = map.data
            keys = map.data
        }
    }

    /// Builds q and k for `map` from the loaded inputs and the head in `settings`.
    public init(map: FeatureMap, inputs: AttentionInputs, settings: AttentionSettings) throws {
        let projection = try inputs.projections.map {
            try Projection(archive: $0, head: settings.head, channels: map.channels)
        }
        self.init(map: map, projection: projection)
    }

    /// Bytes held beyond the map: the projected queries and keys (0 for identity, which shares the map).
    public var cacheBytes: Int {
        projection == nil ? 0 : (queries.count + keys.count) * MemoryLayout<Float>.size
    }

    /// The query vector of pixel `n` (d values).
    public func query(at n: Int) -> [Float] {
        (0..<dimension).map { queries[$0 * pixelCount + n] }
    }

    /// `q · k_n` for one key pixel `n`.
    @inlinable
    public func dot(_ q: [Float], key n: Int) -> Float {
        var s: Float = 0
        for c in 0..<dimension { s += q[c] * keys[c * pixelCount + n] }
        return s
    }

    /// `out[n] = q · k_n` for every pixel; a per-channel multiply-add loop that vectorises.
    public func dotAll(_ q: [Float], into out: inout [Float]) {
        precondition(out.count == pixelCount && q.count >= dimension)
        out.withUnsafeMutableBufferPointer { o in
            keys.withUnsafeBufferPointer { ks in
                q.withUnsafeBufferPointer { qs in
                    QueryKeyFeatures.dotAll(query: qs.baseAddress!, keys: ks.baseAddress!, channels: dimension,
                                            pixels: pixelCount, into: o.baseAddress!)
                }
            }
        }
    }

    /// `out[i] = Σ_c q[c]·keys[c·pixels + i]` over planar keys (`ak_kernels().dot_planar`: blocks
    /// of pixels stay in L1 while the key rows stream through, four rows per sweep).
    public static func dotAll(query q: UnsafePointer<Float>, keys: UnsafePointer<Float>, channels: Int,
                              pixels n: Int, into out: UnsafeMutablePointer<Float>) {
        Kernels.current.dot_planar(q, keys, channels, n, 0, n, out)
    }
}
