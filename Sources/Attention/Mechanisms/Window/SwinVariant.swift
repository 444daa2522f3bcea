/// Which library's window rules a Swin block follows (DESIGN.md `--variant`). The three agree on
/// maps that are multiples of the window and larger than it; they differ in how a small map
/// shrinks the window, where the padding goes relative to the roll, and when the shift is dropped.
public enum SwinVariant: String, Sendable, Hashable, Codable, CaseIterable {
    /// microsoft/Swin-Transformer (and HF transformers' `SwinLayer`): `min(H, W) <= M` shrinks
    /// the window to min(H, W) on both axes and drops the shift; pad, then roll.
    case official
    /// timm 1.0 `SwinTransformerBlock`: per axis, a length ≤ M takes window = that length and no
    /// shift on that axis; the unpadded map is rolled, then padded.
    case timm
    /// torchvision `shifted_window_attention`: the window never shrinks; pad to a multiple of M,
    /// no shift on an axis whose padded length ≤ M, then roll.
    case torchvision

    /// How the UI names the rules ("timm rules"); nil for the official ones.
    var qualifier: String? { self == .official ? nil : "\(rawValue) rules" }
}
