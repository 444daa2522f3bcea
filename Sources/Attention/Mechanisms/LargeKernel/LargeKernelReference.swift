import FeatureMaps

/// VAN's large-kernel attention, plainly (MECHANISMS.md "lka"): `M[p]` counts the paths from u
/// to p through a depthwise (2d−1)×(2d−1) convolution and then a ⌈K/d⌉×⌈K/d⌉ one with dilation d,
/// all-ones kernels, both zero-padded ("same" size), normalised to sum 1.
///
/// A path is a tap of the dilated convolution, landing on v = u + d·(tap − centre), which must be
/// on the map (the second convolution reads zeros off it), then a tap of the first, landing on
/// p = v + (tap − centre), which must be on the map too.
enum LargeKernelReference: ReferenceMechanism {
    static func field(map: FeatureMap, query: Position, settings: AttentionSettings,
                      inputs: AttentionInputs) throws -> ReferenceField {
        let kernel = settings.kernel ?? 21, d = settings.dilation ?? 3
        let first = 2 * d - 1, dilated = (kernel + d - 1) / d
        let h = map.height, w = map.width
        func onMap(_ r: Int, _ c: Int) -> Bool { r >= 0 && r < h && c >= 0 && c < w }
        var counts = [Double](repeating: 0, count: h * w)
        for ty in 0..<dilated {
            for tx in 0..<dilated {
                let vy = query.row + d * (ty - (dilated - 1) / 2), vx = query.col + d * (tx - (dilated - 1) / 2)
                guard onMap(vy, vx) else { continue }
                for ay in 0..<first {
                    for ax in 0..<first {
                        let py = vy + ay - (first - 1) / 2, px = vx + ax - (first - 1) / 2
                        if onMap(py, px) { counts[py * w + px] += 1 }
                    }
                }
            }
        }
        let total = counts.reduce(0, +)
        return ReferenceField(weights: counts.map { $0 / total })
    }
}
