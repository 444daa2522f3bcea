import FeatureMaps

/// VAN's large-kernel attention, plainly (MECHANISMS.md "lka", "LKA with real kernels"):
/// `M[p] = Σ_c |∂s_c(u)/∂x_c(p)|` with s = conv_spatial(conv0(x)), a depthwise (2d−1)×(2d−1)
/// convolution and then a ⌈K/d⌉×⌈K/d⌉ one with dilation d, both zero-padded ("same" size),
/// normalised to sum 1. Without a kernels file both kernels are all ones, and M counts paths.
///
/// A path is a tap of the dilated convolution, landing on v = u + d·(tap − centre), which must be
/// on the map (the second convolution reads zeros off it), then a tap of the first, landing on
/// p = v + (tap − centre), which must be on the map too; it carries the product of the two taps.
enum LargeKernelReference: ReferenceMechanism {
    static func field(map: FeatureMap, query: Position, settings: AttentionSettings,
                      inputs: AttentionInputs) throws -> ReferenceField {
        let kernel = settings.kernel ?? 21, d = settings.dilation ?? 3
        let first = 2 * d - 1, dilated = (kernel + d - 1) / d
        let h = map.height, w = map.width
        let loaded = try inputs.kernels.map {
            try LargeKernelWeights($0, channels: map.channels, kernel: kernel, dilation: d)
        }
        // All-ones kernels act on every channel alike: one channel stands for all.
        let channels = loaded?.channels ?? 1
        func onMap(_ r: Int, _ c: Int) -> Bool { r >= 0 && r < h && c >= 0 && c < w }
        var sensitivity = [Double](repeating: 0, count: h * w)
        for channel in 0..<channels {
            var response = [Double](repeating: 0, count: h * w)
            for ty in 0..<dilated {
                for tx in 0..<dilated {
                    let vy = query.row + d * (ty - (dilated - 1) / 2), vx = query.col + d * (tx - (dilated - 1) / 2)
                    guard onMap(vy, vx) else { continue }
                    let outer = loaded.map { Double($0.dilated[channel * dilated * dilated + ty * dilated + tx]) } ?? 1
                    for ay in 0..<first {
                        for ax in 0..<first {
                            let py = vy + ay - (first - 1) / 2, px = vx + ax - (first - 1) / 2
                            guard onMap(py, px) else { continue }
                            let inner = loaded.map { Double($0.first[channel * first * first + ay * first + ax]) } ?? 1
                            response[py * w + px] += outer * inner
                        }
                    }
                }
            }
            for p in 0..<(h * w) { sensitivity[p] += abs(response[p]) }
        }
        let total = sensitivity.reduce(0, +)
        return ReferenceField(weights: sensitivity.map { total == 0 ? 0 : $0 / total })
    }
}
