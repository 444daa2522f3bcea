import FeatureMaps

/// VAN's two depthwise kernels, as loaded from a kernels file: `conv0` (C×1×k0×k0, VAN 5×5) and
/// `conv_spatial` (C×1×k1×k1, VAN 7×7 with dilation d), one k×k kernel per channel, row-major.
struct LargeKernelWeights: Sendable {
    /// The channels C (one kernel of each per channel).
    let channels: Int
    /// conv0's side k0 (2d − 1).
    let firstSide: Int
    /// conv_spatial's side k1 (⌈K/d⌉).
    let dilatedSide: Int
    /// conv0's kernels, C·k0² values.
    let first: [Float]
    /// conv_spatial's kernels, C·k1² values.
    let dilated: [Float]

    /// Reads both kernels from `archive`, which must hold them for `channels` channels with the
    /// sides LKA gives K = `kernel` and d = `dilation`: 2d − 1 and ⌈K/d⌉.
    init(_ archive: TensorArchive, channels: Int, kernel: Int, dilation: Int) throws {
        let firstSide = 2 * dilation - 1, dilatedSide = (kernel + dilation - 1) / dilation
        func read(_ name: String, side: Int, role: String) throws -> [Float] {
            guard let t = archive.tensors[name] else {
                throw AttentionError.input(.kernels, problem: "\(archive.path): no array '\(name)' (\(role); it holds \(FeatureMapError.nameList(archive.names)))")
            }
            guard t.shape == [channels, 1, side, side] || t.shape == [channels, side, side] else {
                throw AttentionError.input(.kernels, problem: "\(archive.path): '\(name)' has shape \(t.shapeDescription); "
                    + "K = \(kernel), d = \(dilation) on a \(channels)-channel map need \(channels)×1×\(side)×\(side) (\(role))")
            }
            return t.values
        }
        self.channels = channels
        self.firstSide = firstSide
        self.dilatedSide = dilatedSide
        first = try read("conv0", side: firstSide, role: "the depthwise \(firstSide)×\(firstSide) kernel")
        dilated = try read("conv_spatial", side: dilatedSide, role: "the dilated depthwise \(dilatedSide)×\(dilatedSide) kernel")
    }
}
