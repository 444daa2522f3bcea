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
    /// The offset groups G (each key mixes one point of every group).
    public let groups: Int
    /// The sampling positions in pixels, row-major over the Hk×Wk grid, group after group.
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
    /// Every group's points, normalised (the rpe_table bias reads them).
    private let normalisedPoints: [(y: Double, x: Double)]
    /// `--bias`, for the head shown.
    private let bias: DeformableAttentionBias?
    /// 1 / T: the bias is divided by the temperature like the content term.
    private let biasFactor: Float
    /// Scratch for one query: the query vector (C values), its projection (d), the logits
    /// (`keyStride`) and the samples' masses (G·Hk·Wk). Owned by the instance, which runs one query at a time.
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
        let points = try DeformableSamplingPoints(map: map, settings: settings, inputs: inputs, projection: projection)
        let hk = points.gridHeight, wk = points.gridWidth, g = points.groups
        gridHeight = hk
        gridWidth = wk
        groups = g
        illustrative = points.synthetic
        normalisedPoints = points.normalised
        let toPixel = { (p: (y: Double, x: Double)) in
            Point(y: (p.y + 1) / 2 * Double(map.height - 1), x: (p.x + 1) / 2 * Double(map.width - 1))
        }
        positions = points.normalised.map(toPixel)
        referencePoints = points.references.map(toPixel)
        bias = try inputs.relativeBias.map {
            try DeformableAttentionBias($0, head: settings.head, mapHeight: map.height, mapWidth: map.width,
                                        samples: points.count, groups: g)
        }
        biasFactor = 1 / settings.temperature
        var notes = points.notes
        notes.append("\(hk)×\(wk) sampling points shared by every query" + (g > 1 ? ", in each of \(g) groups" : ""))
        if let bias { notes.append(bias.note) }
        self.notes = notes

        // Corners of every group's points and the sampled features, once: channel c is sampled
        // at the points of its group c / (C/G).
        let count = points.count, n = map.pixelCount, h = map.height, w = map.width
        let all = positions.count, groupChannels = map.channels / g
        var index = [Int](repeating: -1, count: 4 * all)
        var weight = [Double](repeating: 0, count: 4 * all)
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
                let first = (c / groupChannels) * count
                for s in 0..<count {
                    var v = 0.0
                    let t = first + s
                    for corner in 0..<4 where index[4 * t + corner] >= 0 {
                        v += weight[4 * t + corner] * Double(x[c * n + index[4 * t + corner]])
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
        let pixels = positions, references = referencePoints
        if !references.isEmpty {
            overlays.append(.referencePoints(references))
            overlays.append(.offsets(pixels.indices.map { OffsetArrow(from: references[$0 % count], to: pixels[$0]) }))
        }
        self.overlays = overlays
        cost = Cost(macsPerQuery: 2 * Double(count) * Double(dimension),
                    macsPerMap: 4 * Double(all) * Double(groupChannels),
                    queriesPerLayer: n, keysPerQuery: count)
        let scratchCount = map.channels + dimension + stride + all
        scratch = .allocate(capacity: scratchCount)
        scratch.initialize(repeating: 0, count: scratchCount)
        cacheBytes = padded.count * MemoryLayout<Float>.size + spread.bytes + scratchCount * MemoryLayout<Float>.size
    }

    deinit {
        scratch.deallocate()
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
        let n = height * width, p = query.row * width + query.col, count = gridHeight * gridWidth
        let features = scratch, projected = scratch + channels, logits = scratch + channels + dimension
        let masses = logits + keyStride
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
        bias?.add(to: logits, query: query, points: normalisedPoints, factor: biasFactor)
        Softmax.normalize(UnsafeMutableBufferPointer(start: logits, count: count))
        // Key n's mass a_n lies 1/G on each group's point n (group-major, as the positions).
        let share = 1 / Float(groups), all = positions.count
        for s in 0..<all { masses[s] = groups == 1 ? logits[s] : logits[s % count] * share }

        var values = recycledValues
        recycledValues = []
        let weights = spread.weights(attention: masses, pixelCount: n, reusing: &values)
        recycledValues = values
        let offImage = spread.offImage(attention: masses)
        var samples = recycledSamples
        recycledSamples = []
        if samples.count != all { samples = positions.map { Sample(y: $0.y, x: $0.x, weight: 0) } }
        samples.withUnsafeMutableBufferPointer { out in
            for s in 0..<all { out[s].weight = Double(masses[s]) }
        }
        recycledSamples = samples
        return AttentionField(
            mode: mode, height: height, width: width, query: query, storedWeights: .sparse(weights),
            offImage: offImage, samples: samples, illustrative: illustrative, overlays: overlays,
            cost: cost, keysAttended: count, notes: notes,
            statistics: FieldStatistics(sparse: weights, keysAttended: count, cost: cost))
    }
}
