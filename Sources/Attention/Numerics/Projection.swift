import AttentionKernels
import FeatureMaps

/// Linear query and key projections `q = Wq·x + bq`, `k = Wk·x + bk` for one head.
public struct Projection: Sendable {
    /// The head dimension d.
    public let dimension: Int
    /// The input channels C.
    public let channels: Int
    /// `Wq`, row-major d×C.
    public let wq: [Float]
    /// `Wk`, row-major d×C.
    public let wk: [Float]
    /// `bq` (d values; zeros when absent).
    public let bq: [Float]
    /// `bk` (d values; zeros when absent).
    public let bk: [Float]

    /// Reads head `head` from a projection archive (`wq`, `wk` of shape (d, C) or (heads, d, C),
    /// optional `bq`, `bk` of shape (d) or (heads, d)), checking it against `channels`.
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
        func bias(_ name: String, d: Int, heads: Int) throws -> [Float] {
            guard let raw = archive.tensors[name] else { return [Float](repeating: 0, count: d) }
            let t = raw.droppingLeadingUnitDimensions()
            if t.shape == [d] { return t.values }
            if t.shape == [heads, d] { return Array(t.values[(head * d)..<((head + 1) * d)]) }
            throw AttentionError.tensorShape(source: archive.path,
                problem: "'\(name)' has shape \(raw.shapeDescription); expected (\(d)) or (\(heads), \(d))")
        }
        let q = try matrix("wq"), k = try matrix("wk")
        guard q.d == k.d else {
            throw AttentionError.tensorShape(source: archive.path, problem: "wq and wk disagree on the head dimension (\(q.d) vs \(k.d))")
        }
        dimension = q.d
        self.channels = channels
        wq = q.values
        wk = k.values
        bq = try bias("bq", d: q.d, heads: q.heads)
        bk = try bias("bk", d: k.d, heads: k.heads)
    }

    /// Projects a planar C×N block with `W` and `b` into a planar d×N block.
    func project(planar x: [Float], pixels n: Int, weights w: [Float], bias b: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: dimension * n)
        out.withUnsafeMutableBufferPointer { o in
            x.withUnsafeBufferPointer { xs in
                for r in 0..<dimension {
                    let row = o.baseAddress! + r * n
                    for i in 0..<n { row[i] = b[r] }
                    for c in 0..<channels {
                        let wrc = w[r * channels + c]
                        if wrc == 0 { continue }
                        let col = xs.baseAddress! + c * n
                        for i in 0..<n { row[i] += wrc * col[i] }
                    }
                }
            }
        }
        return out
    }

    /// Projects one C-vector into a key (used where keys are sampled before projecting, as DAT does).
    public func key(of x: [Float]) -> [Float] { project(planar: x, pixels: 1, weights: wk, bias: bk) }

    /// Projects one C-vector into a query.
    public func query(of x: [Float]) -> [Float] { project(planar: x, pixels: 1, weights: wq, bias: bq) }
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
            queries = p.project(planar: map.data, pixels: map.pixelCount, weights: p.wq, bias: p.bq)
            keys = p.project(planar: map.data, pixels: map.pixelCount, weights: p.wk, bias: p.bk)
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
