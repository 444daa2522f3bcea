import FeatureMaps

/// Deformable convolution v1/v2 (torchvision `deform_conv2d`), plainly (MECHANISMS.md "dcn").
///
/// Tap (r, c), k = r·K + c, samples at `(u.row + (r − (K−1)/2)·d + Δy_k, u.col + (c − (K−1)/2)·d + Δx_k)`
/// and carries mass `m_k / K²` (m_k = 1 without modulation), spread to its bilinear corners;
/// corners off the map are `offImage`. No softmax. Offsets: the file's group
/// (`…, G·2K², H, W`, channel 2k = Δy, 2k + 1 = Δx) or the synthetic offset field; modulation the
/// file's group (`…, G·K², H, W`).
enum DeformableConvolutionReference: ReferenceMechanism {
    static func field(map: FeatureMap, query: Position, settings: AttentionSettings,
                      inputs: AttentionInputs) throws -> ReferenceField {
        let kernel = settings.kernel ?? 3, dilation = settings.dilation ?? 1
        let taps = kernel * kernel, half = (kernel - 1) / 2
        let h = map.height, w = map.width, n = map.pixelCount, p = query.row * w + query.col
        let offsets: [(dy: Double, dx: Double)]
        if let t = inputs.offsets {
            let group = pick(t, perGroup: 2 * taps, pixels: n, group: settings.group)
            offsets = (0..<taps).map { (Double(group[2 * $0 * n + p]), Double(group[(2 * $0 + 1) * n + p])) }
        } else {
            offsets = SyntheticOffsetField(map: map, kernel: kernel, dilation: dilation).offsets(at: query)
        }
        let modulation = inputs.modulation.map { pick($0, perGroup: taps, pixels: n, group: settings.group) }
        var field = ReferenceField(weights: [Double](repeating: 0, count: n))
        for r in 0..<kernel {
            for c in 0..<kernel {
                let k = r * kernel + c
                let y = Double(query.row + (r - half) * dilation) + offsets[k].dy
                let x = Double(query.col + (c - half) * dilation) + offsets[k].dx
                let mass = (modulation.map { Double($0[k * n + p]) } ?? 1) / Double(taps)
                field.offImage += ReferenceMath.spread(mass, y: y, x: x, height: h, width: w, into: &field.weights)
                field.samples.append(Sample(y: y, x: x, weight: mass))
            }
        }
        return field
    }

    /// Group `group` of a (…, G·perGroup, H, W) tensor, planar (perGroup, H·W).
    static func pick(_ t: Tensor, perGroup: Int, pixels n: Int, group: Int) -> [Float] {
        let size = perGroup * n
        return Array(t.values[(group * size)..<((group + 1) * size)])
    }
}
