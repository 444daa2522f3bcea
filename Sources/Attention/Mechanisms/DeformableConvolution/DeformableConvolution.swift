import FeatureMaps

/// Deformable convolution v1/v2 (pytorch/vision `torchvision.ops.deform_conv2d`, CPU kernel
/// `deformable_im2col` and `bilinear_interpolate`).
///
/// Kernel K×K (odd), dilation d, stride 1, "same" padding d·(K−1)/2. Tap (r, c), k = r·K + c,
/// of query u samples at `(u.row + (r − (K−1)/2)·d + Δy_k, u.col + (c − (K−1)/2)·d + Δx_k)`.
/// There is no softmax: each tap carries mass m_k/K² (m_k = 1 without modulation), spread to its
/// bilinear corners; corners off the map (torchvision reads zeros there, and returns 0 for a
/// sample with y ≤ −1, y ≥ H, x ≤ −1 or x ≥ W, whose corners are all off the map) are reported as
/// `offImage`. So `Σ M + offImage = Σ_k m_k / K²` (= 1 without modulation).
///
/// Offsets come from `--offsets` (2·K², H, W) — channel 2k = Δy, 2k+1 = Δx, as torchvision lays
/// them out; a channel count G·2K² holds G offset groups and leading batch/group dimensions are
/// allowed, `--group` picks one — or, without a file, from `SyntheticOffsetField` (illustrative).
/// The modulation `--mask` (K², H, W) (DCNv2) is used as given: torchvision applies no sigmoid.
/// A NaN offset puts its tap's whole mass off-image; a NaN modulation value makes its tap's
/// in-image corners NaN.
final class DeformableConvolution: Mechanism {
    /// The mode this mechanism draws.
    public let mode = Mode.dcn
    /// No intermediate views: the map is computed in one step.
    public let steps: [String] = []

    /// The kernel size K.
    public let kernel: Int
    /// The dilation d.
    public let dilation: Int
    /// Whether the offsets are the synthetic stand-in.
    public var illustrative: Bool { loadedOffsets == nil }

    private let height: Int
    private let width: Int
    private let channels: Int
    /// Loaded offsets of the picked group, planar (2K², H·W).
    private let loadedOffsets: [Float]?
    /// Loaded modulation of the picked group, planar (K², H·W).
    private let modulation: [Float]?
    private let synthetic: SyntheticOffsetField?
    private let notes: [String]

    /// The largest kernel accepted (K² samples per query).
    static let kernelLimit = 255
    /// The largest dilation accepted (beyond it every tap but the centre is far off any map).
    static let dilationLimit = 1 << 20

    /// Validates settings and loaded tensors for `map`.
    public init(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs) throws {
        let k = settings.kernel ?? Self.defaultKernel, d = settings.dilation ?? Self.defaultDilation
        try Self.descriptor.check(settings)
        kernel = k
        dilation = d
        height = map.height
        width = map.width
        channels = map.channels
        let taps = k * k
        var notes: [String] = []
        if let t = inputs.offsets {
            let picked = try Self.pick(t, perGroup: 2 * taps, what: "offsets", input: .offsets,
                                       channelsText: "2·K² = \(2 * taps)", kernel: k, map: map, group: settings.group)
            loadedOffsets = picked
            synthetic = nil
            if t.count > picked.count { notes.append("offset group \(settings.group) of \(t.count / picked.count) (the group setting): the taps of input-channel group \(settings.group)") }
        } else {
            loadedOffsets = nil
            synthetic = SyntheticOffsetField(map: map, kernel: k, dilation: d)
            notes.append("illustrative offsets: seeded synthetic field that stretches the kernel along feature edges (no offsets file)")
        }
        if let t = inputs.modulation {
            let picked = try Self.pick(t, perGroup: taps, what: "modulation", input: .modulation,
                                       channelsText: "K² = \(taps)", kernel: k, map: map, group: settings.group)
            modulation = picked
            notes.append("DCNv2 modulation used as given (no sigmoid, as torchvision)")
        } else {
            modulation = nil
        }
        self.notes = notes
    }

    /// Picks one group of a (…, G·perGroup, H, W) tensor, planar (perGroup, H·W).
    private static func pick(_ t: Tensor, perGroup: Int, what: String, input: AttentionInput, channelsText: String,
                             kernel: Int, map: FeatureMap, group: Int) throws -> [Float] {
        let h = map.height, w = map.width
        let expected = "(\(channelsText), H, W) = (\(perGroup), \(h), \(w)) for kernel \(kernel), optionally with leading batch/group dimensions"
        let s = t.shape
        guard s.count >= 3, s[s.count - 2] == h, s[s.count - 1] == w,
              s[s.count - 3] > 0, s[s.count - 3] % perGroup == 0 else {
            var hint = ""
            if s.count >= 3, s[s.count - 2] == h, s[s.count - 1] == w {
                let c = s[s.count - 3], per = perGroup / (kernel * kernel)
                // Suggest the odd kernel the channel count would fit.
                var q = 1
                while q <= Self.kernelLimit, per * q * q <= c {
                    if c % (per * q * q) == 0, q != kernel { hint = " (it would fit kernel \(q))" }
                    q += 2
                }
            }
            throw AttentionError.input(input,
                problem: "\(what) of shape \(t.shapeDescription) do not fit; expected \(expected)\(hint)")
        }
        let size = perGroup * h * w
        let groups = t.count / size
        guard group >= 0, group < groups else {
            throw AttentionError.setting(SettingError(setting: .group,
                rule: .mapLimit("is out of range: the \(what) hold \(groups) group(s)"), value: .integer(group)))
        }
        return Array(t.values[(group * size)..<((group + 1) * size)])
    }

    /// The offsets (Δy, Δx) of every tap for query u.
    func offsets(at u: Position) -> [(dy: Double, dx: Double)] {
        if let synthetic { return synthetic.offsets(at: u) }
        guard let loaded = loadedOffsets else { return [] }
        let n = height * width, p = u.row * width + u.col
        return (0..<(kernel * kernel)).map { k in
            (Double(loaded[2 * k * n + p]), Double(loaded[(2 * k + 1) * n + p]))
        }
    }

    /// Computes the field of `query` (see the type's documentation for the definition).
    ///
    /// The map is sparse: only the taps' in-image corners (4K² at most) are stored, merged per
    /// pixel in the order a dense scatter would add them.
    public func field(at query: Position) throws -> AttentionField {
        guard query.row >= 0, query.row < height, query.col >= 0, query.col < width else {
            throw AttentionError.queryOutsideMap(query: query, height: height, width: width)
        }
        let taps = kernel * kernel, n = height * width, p = query.row * width + query.col
        let half = (kernel - 1) / 2
        let deltas = offsets(at: query)
        var offImage = 0.0
        var samples: [Sample] = []
        var grid: [Point] = []
        var arrows: [OffsetArrow] = []
        var cornerIndices: [Int] = [], cornerValues: [Float] = []
        cornerIndices.reserveCapacity(4 * taps)
        cornerValues.reserveCapacity(4 * taps)
        samples.reserveCapacity(taps)
        grid.reserveCapacity(taps)
        arrows.reserveCapacity(taps)
        let h = height, w = width
        for r in 0..<kernel {
            for c in 0..<kernel {
                let k = r * kernel + c
                let base = Point(y: Double(query.row + (r - half) * dilation),
                                 x: Double(query.col + (c - half) * dilation))
                let y = base.y + deltas[k].dy, x = base.x + deltas[k].dx
                let m = modulation.map { Double($0[k * n + p]) } ?? 1
                let mass = m / Double(taps)
                BilinearCorners(y: y, x: x).forEach(height: h, width: w) { row, col, weight, inside in
                    if inside {
                        cornerIndices.append(row * w + col)
                        cornerValues.append(Float(weight * mass))
                    } else {
                        offImage += weight * mass
                    }
                }
                samples.append(Sample(y: y, x: x, weight: mass))
                grid.append(base)
                arrows.append(OffsetArrow(from: base, to: Point(y: y, x: x)))
            }
        }
        let weights = SparseWeights(count: n, accumulating: cornerIndices, cornerValues)
        let extent = dilation * (kernel - 1) + 1
        let top = max(0, query.row - half * dilation), left = max(0, query.col - half * dilation)
        let bottom = min(height, query.row - half * dilation + extent)
        let right = min(width, query.col - half * dilation + extent)
        let cost = Cost(macsPerQuery: Double(taps) * Double(channels), queriesPerLayer: n, keysPerQuery: taps)
        return AttentionField(
            mode: mode, height: height, width: width, query: query, storedWeights: .sparse(weights),
            offImage: offImage, samples: samples, illustrative: illustrative,
            overlays: [.window(PixelRect(top: top, left: left, height: max(0, bottom - top), width: max(0, right - left))),
                       .kernelGrid(grid), .offsets(arrows)],
            cost: cost, keysAttended: taps, notes: notes,
            statistics: FieldStatistics(sparse: weights, keysAttended: taps, cost: cost))
    }
}
