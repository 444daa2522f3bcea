import Foundation
import FeatureMaps

/// DAT's sampling points: an Hk×Wk grid per offset group, normalised (y, x), from a positions
/// file, raw offsets, or the synthetic offset network (one group).
///
/// A dumped tensor with G > 1 groups ((G, 2, Hk, Wk) offsets as `conv_offset` returns them for
/// batch 1, (1, G, Hk, Wk, 2) positions as the forward returns `pos`) gives every group's points:
/// dat_blocks.py samples channel group g at group g's points, and every key mixes the groups.
struct DeformableSamplingPoints {
    /// The grid Hk×Wk (the same for every group).
    let gridHeight: Int
    let gridWidth: Int
    /// The offset groups G (1 for the synthetic network or an ungrouped file).
    let groups: Int
    /// Normalised (y, x), group-major: point n of group g at `g·Hk·Wk + n`.
    let normalised: [(y: Double, x: Double)]
    /// The reference points (normalised), Hk·Wk; empty when a positions grid has Hk or Wk = 1.
    let references: [(y: Double, x: Double)]
    /// Whether the synthetic offset network made the offsets.
    let synthetic: Bool
    /// What the points came from, for the field's notes.
    let notes: [String]

    /// Points per group.
    var count: Int { gridHeight * gridWidth }

    /// Reads the points `inputs` give (positions before offsets), or runs the synthetic network on
    /// the queries. `projection` projects the queries the network reads.
    init(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs, projection: Projection?) throws {
        let f = Double(settings.offsetRange)
        var notes: [String] = []
        var hk = 0, wk = 0, groups = 1
        var synthetic = false
        var points: [(y: Double, x: Double)] = []
        var references: [(y: Double, x: Double)] = []
        if let t = inputs.positions {
            let expected = "(Hk, Wk, 2), normalised (y, x)"
            let all = try Self.groups(of: t, source: .positions, expected: expected, settings: settings, channels: map.channels)
            guard all[0].shape[2] == 2 else {
                throw AttentionError.input(.positions,
                    problem: "has shape \(t.shapeDescription); expected (Hk, Wk, 2) normalised (y, x), optionally with leading batch/group dimensions")
            }
            (hk, wk, groups) = (all[0].shape[0], all[0].shape[1], all.count)
            for group in all {
                points += (0..<(hk * wk)).map { (Double(group.values[2 * $0]), Double(group.values[2 * $0 + 1])) }
            }
            if hk >= 2, wk >= 2 { references = DeformableAttention.referencePoints(hk, wk) }
            if inputs.offsets != nil { notes.append("sampling positions given: the offsets file is not used") }
        } else {
            var deltas: [[Double]]
            if let t = inputs.offsets {
                let all = try Self.groups(of: t, source: .offsets, expected: "(2, Hk, Wk), channel 0 = y", settings: settings, channels: map.channels)
                guard all[0].shape[0] == 2 else {
                    throw AttentionError.input(.offsets,
                        problem: "has shape \(t.shapeDescription); expected (2, Hk, Wk) with channel 0 = y, optionally with leading batch/group dimensions")
                }
                (hk, wk, groups) = (all[0].shape[1], all[0].shape[2], all.count)
                guard hk >= 2, wk >= 2 else {
                    throw AttentionError.input(.offsets,
                        problem: "a \(hk)×\(wk) offset grid is too small: DAT's reference points divide by Hk − 1 and Wk − 1, so raw offsets need Hk, Wk ≥ 2 (load sampling positions instead)")
                }
                deltas = all.map { $0.values.map(Double.init) }
            } else {
                let r = try DeformableAttention.stride(settings.stride, height: map.height, width: map.width)
                let network = SyntheticOffsetNetwork(channels: projection?.dimension ?? map.channels, stride: r)
                hk = network.outputLength(map.height)
                wk = network.outputLength(map.width)
                guard hk >= 2, wk >= 2 else {
                    throw AttentionError.setting(SettingError(mode: .dat, setting: .stride, rule: .mapLimit(
                        "leaves a \(hk)×\(wk) sampling grid on this \(map.height)×\(map.width) map; DAT's reference points need at least 2×2: use a smaller one"),
                        value: .integer(r)))
                }
                guard hk * wk <= DeformableAttention.sampleLimit else {
                    throw AttentionError.setting(SettingError(mode: .dat, setting: .stride, rule: .mapLimit(
                        "gives \(hk)×\(wk) sampling points, more than the \(DeformableAttention.sampleLimit) this tool samples: use a larger one"),
                        value: .integer(r)))
                }
                let queries = projection.map { $0.queries(planar: map.data, pixels: map.pixelCount) } ?? map.data
                deltas = [network.offsets(queries: queries, height: map.height, width: map.width).values]
                synthetic = true
                notes.append("illustrative offsets: seeded offset network (depthwise \(network.kernel)×\(network.kernel) stride \(r) → LayerNorm → GELU → 1×1), no offsets file")
            }
            references = DeformableAttention.referencePoints(hk, wk)
            let m = hk * wk
            for delta in deltas {
                points += (0..<m).map { i in
                    let dy = delta[i], dx = delta[m + i]
                    let ref = references[i]
                    if f >= 0 {
                        return (ref.y + tanh(dy) * (1 / Double(hk - 1)) * f, ref.x + tanh(dx) * (1 / Double(wk - 1)) * f)
                    }
                    return (DeformableAttention.clampKeepingNaN(ref.y + dy), DeformableAttention.clampKeepingNaN(ref.x + dx))
                }
            }
            notes.append(f >= 0 ? "offset range f = \(settings.offsetRange): pos = ref + tanh(Δ)·f/(Hk−1, Wk−1)"
                                : "offset range f < 0 (DAT++ default): pos = clamp(ref + Δ, −1, 1)")
        }
        guard hk * wk * groups <= DeformableAttention.sampleLimit else {
            throw AttentionError.limit(mode: .dat,
                problem: "\(groups)×\(hk)×\(wk) sampling points exceed the \(DeformableAttention.sampleLimit) this tool samples (keys take C values each)")
        }
        if groups > 1 {
            notes.append("\(groups) offset groups at once, as DAT: channel group g (\(map.channels / groups) channels) is sampled at group g's points; each key's mass is spread 1/\(groups) over its \(groups) points")
        }
        gridHeight = hk
        gridWidth = wk
        self.groups = groups
        normalised = points
        self.references = references
        self.synthetic = synthetic
        self.notes = notes
    }

    /// Every group of a dumped tensor, whose trailing 3 dimensions form one group. `--group` is
    /// checked against the group count; with G > 1 every group is used, so a group other than 0
    /// is refused (no single group is what DAT computes), as is a channel count G does not divide.
    static func groups(of t: Tensor, source: AttentionInput, expected: String, settings: AttentionSettings,
                       channels: Int) throws -> [DumpedTensor] {
        let first = try DumpedTensor(t, coreRank: 3, group: settings.group, source: source, expected: expected)
        let count = first.groupCount
        guard count > 1 else { return [first] }
        guard settings.group == 0 else {
            throw AttentionError.setting(SettingError(mode: .dat, setting: .group, rule: .mapLimit(
                "does not apply: \(source.words) of shape \(t.shapeDescription) holds \(count) groups, and dat uses them all at once, as DAT does (each key mixes every group)"),
                value: .integer(settings.group)))
        }
        guard channels % count == 0 else {
            throw AttentionError.input(source,
                problem: "has shape \(t.shapeDescription): \(count) groups, but the map's \(channels) channels do not split into \(count) equal channel groups")
        }
        return try (0..<count).map { try DumpedTensor(t, coreRank: 3, group: $0, source: source, expected: expected) }
    }
}
