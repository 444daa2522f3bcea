import FeatureMaps

/// A block's value projection `v = Wv·x + bv`, read from the `--proj` archive (`wv`, `bv`;
/// DESIGN.md "Inputs a real block needs"): CCNet's `value_conv`, axialnet's value rows of
/// `qkv_transform` (BatchNorms folded by the exporter).
///
/// `wv` is (outputs, C) — all heads' value rows stacked, as a 1×1 convolution's weight holds them
/// (a leading heads dimension (heads, outputs/heads, C) is flattened into them) — and `bv`
/// (outputs) or (heads, outputs/heads), zeros when absent.
struct ValueProjection {
    /// Output channels (all heads').
    let outputs: Int
    /// Input channels C.
    let channels: Int
    /// `Wv`, row-major outputs×C.
    let weights: [Float]
    /// `bv`, one per output channel.
    let bias: [Float]

    /// Reads `wv`, `bv` from `archive`; nil when it has no `wv` (a `bv` alone is refused).
    /// `outputs` fixes the output channels when the mechanism needs a given count (criss-cross adds
    /// v to its input, so it needs C).
    init?(archive: TensorArchive, channels: Int, outputs required: Int? = nil) throws {
        guard let raw = archive.tensors["wv"] else {
            if archive.tensors["bv"] != nil {
                throw AttentionError.tensorShape(source: archive.path, problem: "'bv' without 'wv' (a value projection needs wv)")
            }
            return nil
        }
        let t = raw.droppingLeadingUnitDimensions()
        let expected = "expected (\(required.map(String.init) ?? "outputs"), \(channels))"
            + (required == nil ? " or (heads, outputs/heads, \(channels))" : "")
        let rows: Int
        switch t.shape.count {
        case 2 where t.shape[1] == channels: rows = t.shape[0]
        case 3 where t.shape[2] == channels && required == nil: rows = t.shape[0] * t.shape[1]
        default:
            throw AttentionError.tensorShape(source: archive.path, problem: "'wv' has shape \(raw.shapeDescription); \(expected)")
        }
        guard rows > 0, required == nil || rows == required else {
            throw AttentionError.tensorShape(source: archive.path, problem: "'wv' has shape \(raw.shapeDescription); \(expected)")
        }
        outputs = rows
        self.channels = channels
        weights = t.values
        if let b = archive.tensors["bv"] {
            let flat = b.droppingLeadingUnitDimensions()
            guard flat.count == rows, flat.shape.count <= 2 else {
                throw AttentionError.tensorShape(source: archive.path,
                    problem: "'bv' has shape \(b.shapeDescription); expected (\(rows)) to match wv")
            }
            bias = flat.values
        } else {
            bias = [Float](repeating: 0, count: rows)
        }
        guard !weights.contains(where: { !$0.isFinite }), !bias.contains(where: { !$0.isFinite }) else {
            throw AttentionError.tensorShape(source: archive.path, problem: "'wv' or 'bv' holds NaN or infinite values")
        }
    }

    /// `Wv·x + bv` of planar `[C][n]` data, planar `[outputs][n]`.
    func apply(planar x: [Float], pixels n: Int) -> [Float] {
        PlanarLinear.apply(weights, bias, rows: outputs, channels: channels, planar: x, pixels: n)
    }

    /// `Wv·x + bv` of one C-vector, in Double (the references).
    func apply(_ x: [Double]) -> [Double] {
        (0..<outputs).map { r in
            var sum = Double(bias[r])
            for c in 0..<channels { sum += Double(weights[r * channels + c]) * x[c] }
            return sum
        }
    }
}
