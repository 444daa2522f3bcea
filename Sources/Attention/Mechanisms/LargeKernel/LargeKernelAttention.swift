import FeatureMaps

/// VAN's Large Kernel Attention (Visual-Attention-Network/VAN-Classification, models/van.py).
///
/// LKA decomposes a K×K convolution into a depthwise (2d−1)×(2d−1) convolution followed by a
/// depthwise ⌈K/d⌉×⌈K/d⌉ convolution with dilation d (VAN: K = 21, d = 3 → `conv0` 5×5 pad 2,
/// `conv_spatial` 7×7 dilation 3 pad 9), then a 1×1 convolution and the gate `x ⊙ attn`.
/// The map of query u is the sensitivity `Σ_c |∂s_c(u)/∂x_c(p)|` of s = conv_spatial(conv0(x))
/// through the two depthwise convolutions, normalised to sum 1: with all-ones kernels (no kernels
/// file) the number of tap paths from u to p, with VAN's real kernels (`AttentionInputs.kernels`)
/// each path weighted by the product of its two taps, summed per channel before the absolute
/// value. It does not depend on the features. Both convolutions zero-pad ("same" size), the
/// second one its intermediate input, so near borders whole paths vanish.
///
/// Settings: `kernel` K ≥ 1 (21), `dilation` d ≥ 1 (3), and ⌈K/d⌉ must be odd so that the
/// dilated convolution has a centre tap and "same" padding d·(⌈K/d⌉−1)/2, as in VAN.
/// The 2-D path count factorises into a row count times a column count (both kernels are
/// square all-ones and zero padding clips each axis separately), so a query costs O(H·W).
final class LargeKernelAttention: Mechanism {
    /// The mode this mechanism draws.
    public let mode = Mode.lka
    /// No intermediate views: the map is computed in one step.
    public let steps: [String] = []

    /// The nominal kernel size K.
    public let kernel: Int
    /// The dilation d of the second convolution.
    public let dilation: Int
    /// The first (depthwise, undilated) kernel size 2d−1.
    public let firstKernel: Int
    /// The second (depthwise, dilated) kernel size ⌈K/d⌉.
    public let dilatedKernel: Int
    private let height: Int
    private let width: Int
    private let channels: Int
    /// The loaded kernels; nil for all-ones kernels.
    private let kernels: LargeKernelWeights?
    /// Where the loaded kernels' file came from, for the notes.
    private let kernelsPath: String?
    /// One channel's ∂s_c(u)/∂x_c over the receptive field, then the map's Σ_c |·| (reused per query).
    private var channelResponse: [Double] = []
    private var totalResponse: [Double] = []

    /// The largest K or d accepted: beyond it nothing changes on any map but arithmetic could overflow.
    static let limit = 1 << 20

    /// Validates the settings for `map` and the loaded kernels (their sides must be the settings' 2d − 1 and ⌈K/d⌉).
    public init(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs = AttentionInputs()) throws {
        let k = settings.kernel ?? Self.defaultKernel, d = settings.dilation ?? Self.defaultDilation
        try Self.descriptor.check(settings)
        let b = Self.dilatedKernel(k, d)
        kernel = k
        dilation = d
        firstKernel = 2 * d - 1
        dilatedKernel = b
        height = map.height
        width = map.width
        channels = map.channels
        kernels = try inputs.kernels.map { try LargeKernelWeights($0, channels: map.channels, kernel: k, dilation: d) }
        kernelsPath = inputs.kernels?.path
        if kernels != nil {
            let side = firstKernel + d * (b - 1)
            channelResponse = [Double](repeating: 0, count: side * side)
            totalResponse = channelResponse
        }
    }

    /// The receptive field's side: (2d−1) + d·(⌈K/d⌉−1) (23 for VAN's 21/3).
    public var receptiveField: Int { firstKernel + dilation * (dilatedKernel - 1) }

    /// The positions of the dilated kernel's taps on one axis that fall inside [0, length).
    func tapRange(center: Int, length: Int) -> StrideThrough<Int> {
        let cb = (dilatedKernel - 1) / 2
        let jLow = max(0, cb - center / dilation)
        let jHigh = min(dilatedKernel - 1, cb + (length - 1 - center) / dilation)
        let first = center + dilation * (jLow - cb), last = center + dilation * (jHigh - cb)
        return stride(from: first, through: jLow <= jHigh ? last : first - 1, by: dilation)
    }

    /// Path counts along one axis of length `length` for a query at `center`:
    /// `counts[y]` = #{(j, i) : v = center + d·(j − cb) ∈ [0, L), v + (i − ca) = y}.
    func axisCounts(center: Int, length: Int) -> [Double] {
        let ca = (firstKernel - 1) / 2
        // Difference array: each in-range dilated tap v adds 1 on [v − ca, v + ca] ∩ [0, L).
        var diff = [Double](repeating: 0, count: length + 1)
        // Only taps with v in [0, L) survive the second convolution's zero padding.
        for v in tapRange(center: center, length: length) {
            let lo = max(0, v - ca), hi = min(length - 1, v + ca)
            diff[lo] += 1
            diff[hi + 1] -= 1
        }
        var counts = [Double](repeating: 0, count: length)
        var running = 0.0
        for y in 0..<length {
            running += diff[y]
            counts[y] = running
        }
        return counts
    }

    /// Computes the field of `query` (see the type's documentation for the definition).
    public func field(at query: Position) throws -> AttentionField {
        guard query.row >= 0, query.row < height, query.col >= 0, query.col < width else {
            throw AttentionError.queryOutsideMap(query: query, height: height, width: width)
        }
        let rows = axisCounts(center: query.row, length: height)
        let cols = axisCounts(center: query.col, length: width)
        // The centre tap of both kernels always lands on u itself, so both totals are ≥ 1.
        let total = rows.reduce(0, +) * cols.reduce(0, +)
        var weights = [Float](repeating: 0, count: height * width)
        var notes = ["\(firstKernel)×\(firstKernel) depthwise, then \(dilatedKernel)×\(dilatedKernel) dilation \(dilation): receptive field \(receptiveField)×\(receptiveField) (nominal \(kernel)×\(kernel))"]
        var reached = 0
        var support: [Range<Int>] = []
        let liveCols = cols.filter { $0 > 0 }.count
        for r in 0..<height where rows[r] > 0 {
            reached += liveCols
            let scale = rows[r] / total
            // Live columns form one run around u's column (the kernels' reach clipped to the map).
            if let first = cols.firstIndex(where: { $0 > 0 }), let last = cols.lastIndex(where: { $0 > 0 }) {
                support.append((r * width + first)..<(r * width + last + 1))
            }
            for c in 0..<width where cols[c] > 0 {
                weights[r * width + c] = Float(scale * cols[c])
            }
        }
        if let kernels {
            notes.append("Σ over channels of |∂s_c(u)/∂x_c(p)| with the real kernels (conv0, conv_spatial) of \(kernelsPath ?? "the kernels file"); independent of the features")
            if !sensitivity(kernels, query: query, into: &weights) {
                notes.append("the kernels give u no sensitivity to any input: every path's taps multiply to 0 or cancel")
            }
        } else {
            notes.append("sensitivity of the attention map through the two depthwise convolutions, all-ones kernels; independent of the features")
        }

        let half = receptiveField / 2
        let top = max(0, query.row - half), left = max(0, query.col - half)
        let bottom = min(height, query.row + half + 1), right = min(width, query.col + half + 1)
        // The dilated convolution's taps that land on the map (the ones that carry paths).
        let rowTaps = tapRange(center: query.row, length: height)
        let colTaps = tapRange(center: query.col, length: width)
        var taps: [Point] = []
        for y in rowTaps {
            for x in colTaps { taps.append(Point(y: Double(y), x: Double(x))) }
        }
        let macs = Double(firstKernel * firstKernel + dilatedKernel * dilatedKernel) * Double(channels)
        let cost = Cost(macsPerQuery: macs, queriesPerLayer: height * width, keysPerQuery: reached)
        return AttentionField(
            mode: mode, height: height, width: width, query: query, weights: weights,
            overlays: [.window(PixelRect(top: top, left: left, height: bottom - top, width: right - left)),
                       .kernelGrid(taps)],
            cost: cost, keysAttended: reached, notes: notes,
            statistics: FieldStatistics(weights: weights, support: support, keysAttended: reached, cost: cost))
    }

    /// Writes `Σ_c |∂s_c(u)/∂x_c(p)|` of the loaded kernels, normalised to sum 1, into `weights`
    /// (zero elsewhere); false when the sum is 0 (then `weights` stays 0).
    ///
    /// s_c(u) = Σ_a K1_c[a]·m_c(u + d·(a − c1)) over the dilated taps a whose point lies on the map
    /// (the intermediate m is zero-padded), m_c(v) = Σ_i K0_c[i]·x_c(v + i − c0) over the taps on
    /// the map: torch's Conv2d cross-correlates, so the path u ← v ← p carries K1_c[a]·K0_c[i].
    private func sensitivity(_ k: LargeKernelWeights, query: Position, into weights: inout [Float]) -> Bool {
        let side = receptiveField, half = side / 2, k0 = k.firstSide, k1 = k.dilatedSide
        let c0 = (k0 - 1) / 2, c1 = (k1 - 1) / 2
        for i in totalResponse.indices { totalResponse[i] = 0 }
        for channel in 0..<k.channels {
            for i in channelResponse.indices { channelResponse[i] = 0 }
            for a in 0..<k1 {
                let vy = query.row + dilation * (a - c1)
                guard vy >= 0, vy < height else { continue }
                for b in 0..<k1 {
                    let vx = query.col + dilation * (b - c1)
                    guard vx >= 0, vx < width else { continue }
                    let outer = Double(k.dilated[(channel * k1 + a) * k1 + b])
                    for i in 0..<k0 {
                        let py = vy + i - c0
                        guard py >= 0, py < height else { continue }
                        let row = (py - query.row + half) * side - query.col + half
                        for j in 0..<k0 {
                            let px = vx + j - c0
                            guard px >= 0, px < width else { continue }
                            channelResponse[row + px] += outer * Double(k.first[(channel * k0 + i) * k0 + j])
                        }
                    }
                }
            }
            for i in totalResponse.indices { totalResponse[i] += abs(channelResponse[i]) }
        }
        let total = totalResponse.reduce(0, +)
        for i in weights.indices { weights[i] = 0 }
        guard total != 0 else { return false }
        for y in max(0, query.row - half)..<min(height, query.row + half + 1) {
            for x in max(0, query.col - half)..<min(width, query.col + half + 1) {
                weights[y * width + x] = Float(totalResponse[(y - query.row + half) * side + x - query.col + half] / total)
            }
        }
        return true
    }
}
