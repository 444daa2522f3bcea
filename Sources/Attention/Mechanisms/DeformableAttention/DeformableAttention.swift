import Foundation
import FeatureMaps

/// DAT's deformable attention (LeapLabTHU/DAT models/dat_blocks.py, `DAttentionBaseline`, the
/// DAT++ code).
///
/// One set of Hk×Wk sampling points is shared by every query. Reference points
/// `ref(k) = (k + 0.5)/(Hk − 1)·2 − 1` (normalised, y and x alike; the last lies beyond +1, as in
/// the code). Raw offsets Δ (2, Hk, Wk), channel 0 = y, become positions
/// `pos = ref + tanh(Δ)·[1/(Hk−1), 1/(Wk−1)]·f` for an offset range factor f ≥ 0, or
/// `pos = clamp(ref + Δ, −1, 1)` for f < 0 (the DAT++ default). A positions file (Hk, Wk, 2)
/// skips that step. Keys are the features sampled at pos (bilinear, align_corners=True, zeros
/// outside; pixel = (n + 1)/2·(L − 1)), projected after sampling when a projection is loaded
/// (k = Wk·x_sampled + bk, as DAT does); the query is the unsampled q_u. Then
/// `a_n = softmax_n(q_u·k_n·scale / T)` (scale 1/√d by default) and each a_n is spread to its
/// sample's bilinear corners; corners off the map are `offImage`.
///
/// Everything but the query's dot products is query-independent and done once per instance.
/// A NaN offset or position samples nothing (a zero key; its mass goes off-image); NaN features
/// make the softmax NaN, so the map is NaN on the samples' corners and `offImage` is NaN.
final class DeformableAttention: Mechanism {
    /// The mode this mechanism draws.
    public let mode = Mode.dat
    /// No intermediate views: the map is computed in one step.
    public let steps: [String] = []

    /// The sampling grid's rows Hk.
    public let gridHeight: Int
    /// The sampling grid's columns Wk.
    public let gridWidth: Int
    /// Whether the offsets come from the synthetic offset network.
    public let illustrative: Bool
    /// The sampling positions in pixels (row-major over the Hk×Wk grid).
    public let positions: [Point]
    /// The reference points in pixels (empty when a positions file has Hk or Wk = 1).
    public let referencePoints: [Point]

    /// The sampled keys, the spread of the samples to their corners and the scratch buffers
    /// (fixed when the instance is made: queries add nothing).
    public let cacheBytes: Int

    private let height: Int
    private let width: Int
    private let channels: Int
    private let map: FeatureMap
    private let projection: Projection?
    private let dimension: Int
    /// scale / T.
    private let logitScale: Float
    /// Sampled keys, planar [d][keyStride]: each row padded with zeros to a multiple of 16
    /// samples, so the dot products run over whole vectors.
    private let paddedKeys: [Float]
    /// The row length of `paddedKeys`.
    private let keyStride: Int
    /// How the samples' masses reach pixels: the same for every query.
    private let spread: SampleSpread
    /// The reference points and offset arrows (the same for every query).
    private let overlays: [Overlay]
    /// The cost of one query (the same for every query).
    private let cost: Cost
    private let notes: [String]
    /// Scratch for one query: the query vector (C values), its projection (d) and the logits
    /// (`keyStride`). Owned by the instance, which runs one query at a time.
    private let scratch: UnsafeMutablePointer<Float>
    /// The sample list and the weight values handed out with the last field: written in place
    /// by the next query when that field is gone (copy-on-write copies them otherwise).
    private var recycledSamples: [Sample] = []
    private var recycledValues: [Float] = []

    /// The most sampling points accepted (DAT uses about 49; stride 1 on a 512×512 map gives this many).
    static let sampleLimit = 1 << 18
    /// The largest stride accepted for the synthetic offset network.
    static let strideLimit = 1 << 20

    /// Prepares the sampling points and keys for `map`.
    public init(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs) throws {
        try Self.descriptor.check(settings)
        self.map = map
        height = map.height
        width = map.width
        channels = map.channels
        projection = try inputs.projections.map {
            try Projection(archive: $0, head: settings.head, channels: map.channels)
        }
        dimension = projection?.dimension ?? map.channels
        logitScale = try LogitScaling(settings: settings, defaultScale: LogitScaling.inverseSquareRoot(of: dimension),
                                      mode: .dat).contentFactor
        let f = Double(settings.offsetRange)
        var notes: [String] = []

        // Normalised positions (y, x) of the Hk×Wk samples and their reference points.
        var normalised: [(y: Double, x: Double)] = []
        var references: [(y: Double, x: Double)] = []
        var hk = 0, wk = 0
        var synthetic = false
        if let t = inputs.positions {
            let picked = try DumpedTensor(t, coreRank: 3, group: settings.group, source: .positions,
                                          expected: "(Hk, Wk, 2), normalised (y, x)")
            guard picked.shape[2] == 2 else {
                throw AttentionError.input(.positions,
                    problem: "has shape \(t.shapeDescription); expected (Hk, Wk, 2) normalised (y, x), optionally with leading batch/group dimensions")
            }
            hk = picked.shape[0]
            wk = picked.shape[1]
            normalised = (0..<(hk * wk)).map { (Double(picked.values[2 * $0]), Double(picked.values[2 * $0 + 1])) }
            if hk >= 2, wk >= 2 { references = Self.referencePoints(hk, wk) }
            if picked.groupCount > 1 { notes.append(Self.groupNote(settings.group, of: picked.groupCount, "position")) }
            if inputs.offsets != nil { notes.append("sampling positions given: the offsets file is not used") }
        } else {
            let delta: [Double]
            if let t = inputs.offsets {
                let picked = try DumpedTensor(t, coreRank: 3, group: settings.group, source: .offsets,
                                              expected: "(2, Hk, Wk), channel 0 = y")
                guard picked.shape[0] == 2 else {
                    throw AttentionError.input(.offsets,
                        problem: "has shape \(t.shapeDescription); expected (2, Hk, Wk) with channel 0 = y, optionally with leading batch/group dimensions")
                }
                hk = picked.shape[1]
                wk = picked.shape[2]
                guard hk >= 2, wk >= 2 else {
                    throw AttentionError.input(.offsets,
                        problem: "a \(hk)×\(wk) offset grid is too small: DAT's reference points divide by Hk − 1 and Wk − 1, so raw offsets need Hk, Wk ≥ 2 (load sampling positions instead)")
                }
                delta = picked.values.map(Double.init)
                if picked.groupCount > 1 { notes.append(Self.groupNote(settings.group, of: picked.groupCount, "offset")) }
            } else {
                let r = try Self.stride(settings.stride, height: map.height, width: map.width)
                let network = SyntheticOffsetNetwork(channels: dimension, stride: r)
                hk = network.outputLength(map.height)
                wk = network.outputLength(map.width)
                guard hk >= 2, wk >= 2 else {
                    throw AttentionError.setting(SettingError(mode: .dat, setting: .stride, rule: .mapLimit(
                        "leaves a \(hk)×\(wk) sampling grid on this \(map.height)×\(map.width) map; DAT's reference points need at least 2×2: use a smaller one"),
                        value: .integer(r)))
                }
                guard hk * wk <= Self.sampleLimit else {
                    throw AttentionError.setting(SettingError(mode: .dat, setting: .stride, rule: .mapLimit(
                        "gives \(hk)×\(wk) sampling points, more than the \(Self.sampleLimit) this tool samples: use a larger one"),
                        value: .integer(r)))
                }
                let queries = projection.map { $0.queries(planar: map.data, pixels: map.pixelCount) } ?? map.data
                delta = network.offsets(queries: queries, height: map.height, width: map.width).values
                synthetic = true
                notes.append("illustrative offsets: seeded offset network (depthwise \(network.kernel)×\(network.kernel) stride \(r) → LayerNorm → GELU → 1×1), no offsets file")
            }
            references = Self.referencePoints(hk, wk)
            let m = hk * wk
            normalised = (0..<m).map { i in
                let dy = delta[i], dx = delta[m + i]
                let ref = references[i]
                if f >= 0 {
                    return (ref.y + tanh(dy) * (1 / Double(hk - 1)) * f, ref.x + tanh(dx) * (1 / Double(wk - 1)) * f)
                }
                return (Self.clampKeepingNaN(ref.y + dy), Self.clampKeepingNaN(ref.x + dx))
            }
            notes.append(f >= 0 ? "offset range f = \(settings.offsetRange): pos = ref + tanh(Δ)·f/(Hk−1, Wk−1)"
                                : "offset range f < 0 (DAT++ default): pos = clamp(ref + Δ, −1, 1)")
        }
        guard hk * wk <= Self.sampleLimit else {
            throw AttentionError.limit(mode: .dat,
                problem: "\(hk)×\(wk) sampling points exceed the \(Self.sampleLimit) this tool samples (keys take C values each)")
        }
        gridHeight = hk
        gridWidth = wk
        illustrative = synthetic
        let toPixel = { (p: (y: Double, x: Double)) in
            Point(y: (p.y + 1) / 2 * Double(map.height - 1), x: (p.x + 1) / 2 * Double(map.width - 1))
        }
        positions = normalised.map(toPixel)
        referencePoints = references.map(toPixel)
        notes.append("\(hk)×\(wk) sampling points shared by every query")
        self.notes = notes

        // Corners and sampled features, once.
        let count = positions.count, n = map.pixelCount, h = map.height, w = map.width
        var index = [Int](repeating: -1, count: 4 * count)
        var weight = [Double](repeating: 0, count: 4 * count)
        for (s, p) in positions.enumerated() {
            var corner = 0
            BilinearCorners(y: p.y, x: p.x).forEach(height: h, width: w) { row, col, cw, inside in
                index[4 * s + corner] = inside ? row * w + col : -1
                weight[4 * s + corner] = cw
                corner += 1
            }
        }
        var sampled = [Float](repeating: 0, count: map.channels * count)
        map.data.withUnsafeBufferPointer { x in
            for c in 0..<map.channels {
                for s in 0..<count {
                    var v = 0.0
                    for corner in 0..<4 where index[4 * s + corner] >= 0 {
                        v += weight[4 * s + corner] * Double(x[c * n + index[4 * s + corner]])
                    }
                    sampled[c * count + s] = Float(v)
                }
            }
        }
        // DAT projects the sampled features (proj_k after grid_sample).
        let keys = projection.map { $0.keys(planar: sampled, pixels: count) } ?? sampled
        let stride = (count + 15) / 16 * 16
        var padded = [Float](repeating: 0, count: dimension * stride)
        for c in 0..<dimension {
            for s in 0..<count { padded[c * stride + s] = keys[c * count + s] }
        }
        paddedKeys = padded
        keyStride = stride
        let spread = SampleSpread(cornerIndex: index, cornerWeight: weight)
        self.spread = spread
        var overlays: [Overlay] = []
        if !referencePoints.isEmpty {
            overlays.append(.referencePoints(referencePoints))
            overlays.append(.offsets(zip(referencePoints, positions).map { OffsetArrow(from: $0, to: $1) }))
        }
        self.overlays = overlays
        cost = Cost(macsPerQuery: 2 * Double(count) * Double(dimension),
                    macsPerMap: 4 * Double(count) * Double(map.channels),
                    queriesPerLayer: n, keysPerQuery: count)
        scratch = .allocate(capacity: map.channels + dimension + stride)
        scratch.initialize(repeating: 0, count: map.channels + dimension + stride)
        cacheBytes = padded.count * MemoryLayout<Float>.size + spread.bytes
            + (map.channels + dimension + stride) * MemoryLayout<Float>.size
    }

    deinit {
        scratch.deallocate()
    }

    /// Says which group is shown and how that simplifies DAT, where channel group g alone is
    /// sampled at group g's points before proj_k mixes the groups.
    static func groupNote(_ group: Int, of count: Int, _ what: String) -> String {
        "\(what) group \(group) of \(count) (the group setting): every channel is sampled at this group's points (DAT samples only channel group \(group) there)"
    }

    /// `ref(k) = (k + 0.5)/(L − 1)·2 − 1` on each axis, row-major (y, x).
    static func referencePoints(_ hk: Int, _ wk: Int) -> [(y: Double, x: Double)] {
        var out: [(y: Double, x: Double)] = []
        out.reserveCapacity(hk * wk)
        for i in 0..<hk {
            for j in 0..<wk {
                out.append(((Double(i) + 0.5) / Double(hk - 1) * 2 - 1, (Double(j) + 0.5) / Double(wk - 1) * 2 - 1))
            }
        }
        return out
    }

    /// `clamp(v, −1, 1)` that leaves NaN as NaN (as torch.clamp does).
    static func clampKeepingNaN(_ v: Double) -> Double {
        v.isNaN ? v : Swift.min(Swift.max(v, -1), 1)
    }

    /// The synthetic network's stride: the setting, or about 7 points per axis (as DAT++'s
    /// 224-pixel stages have), kept small enough that both axes get at least 2 points.
    static func stride(_ setting: Int?, height: Int, width: Int) throws -> Int {
        if let r = setting {
            guard strideRange.contains(r) else {
                throw AttentionError.setting(SettingError(mode: .dat, setting: .stride, rule: .within(strideRange), value: .integer(r)))
            }
            return r
        }
        guard min(height, width) >= 2 else {
            throw AttentionError.limit(mode: .dat,
                problem: "a \(height)×\(width) map is too thin for DAT's reference points (they need at least 2 per axis); load sampling positions instead")
        }
        let r = max(1, (max(height, width) + 6) / 7)
        return min(r, min(height, width) - 1)
    }

    /// Computes the field of `query` (see the type's documentation for the definition).
    ///
    /// The map is sparse: only the samples' in-image corners can be nonzero, and they are known
    /// before the query, so a query costs the N dot products, the softmax and one pass over the
    /// corners, with nothing proportional to H·W.
    public func field(at query: Position) throws -> AttentionField {
        guard query.row >= 0, query.row < height, query.col >= 0, query.col < width else {
            throw AttentionError.queryOutsideMap(query: query, height: height, width: width)
        }
        let n = height * width, p = query.row * width + query.col, count = positions.count
        let features = scratch, projected = scratch + channels, logits = scratch + channels + dimension
        // The query: x_u, or Wq·x_u + bq.
        map.data.withUnsafeBufferPointer { x in
            for c in 0..<channels { features[c] = x[c &* n &+ p] }  // c·n + p < C·H·W
        }
        var q = UnsafePointer(features)
        if let projection {
            let made = projection.query(of: Array(UnsafeBufferPointer(start: features, count: channels)))
            for c in 0..<dimension { projected[c] = made[c] }
            q = UnsafePointer(projected)
        }
        // logits[s] = (Σ_c q_c·k_c[s])·scale, summed over c in order, 16 samples at a time.
        let d = dimension, stride = keyStride, scale = SIMD16<Float>(repeating: logitScale)
        paddedKeys.withUnsafeBufferPointer { keys in
            let raw = UnsafeRawPointer(keys.baseAddress!)
            var s0 = 0
            while s0 < stride {
                var sums = SIMD16<Float>()
                for c in 0..<d {
                    sums += SIMD16<Float>(repeating: q[c])
                        * raw.loadUnaligned(fromByteOffset: (c * stride + s0) * 4, as: SIMD16<Float>.self)
                }
                UnsafeMutableRawPointer(logits).storeBytes(of: sums * scale, toByteOffset: s0 * 4, as: SIMD16<Float>.self)
                s0 += 16
            }
        }
        Softmax.normalize(UnsafeMutableBufferPointer(start: logits, count: count))

        var values = recycledValues
        recycledValues = []
        let weights = spread.weights(attention: logits, pixelCount: n, reusing: &values)
        recycledValues = values
        let offImage = spread.offImage(attention: logits)
        var samples = recycledSamples
        recycledSamples = []
        if samples.count != count { samples = positions.map { Sample(y: $0.y, x: $0.x, weight: 0) } }
        samples.withUnsafeMutableBufferPointer { out in
            for s in 0..<count { out[s].weight = Double(logits[s]) }
        }
        recycledSamples = samples
        return AttentionField(
            mode: mode, height: height, width: width, query: query, storedWeights: .sparse(weights),
            offImage: offImage, samples: samples, illustrative: illustrative, overlays: overlays,
            cost: cost, keysAttended: count, notes: notes,
            statistics: FieldStatistics(sparse: weights, keysAttended: count, cost: cost))
    }
}
