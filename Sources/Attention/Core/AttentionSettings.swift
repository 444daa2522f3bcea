/// The user's knobs for one mechanism: everything that changes a map besides the query.
///
/// Optional fields take the mode's default (its descriptor's knobs; see docs/mechanisms.md) when
/// nil, so one settings value can be carried across mode switches. Settings are hashable: they key the per-map caches.
public struct AttentionSettings: Hashable, Sendable, Codable {
    /// Divides the content and bias logits (never the masks). Default 1.
    public var temperature: Float = 1
    /// The logit scale; nil takes the mode's default (1/√d or 1).
    public var scale: Float? = nil
    /// Swin window size M.
    public var window: Int = 7
    /// Swin shift s, in [0, M).
    public var shift: Int = 0
    /// Which library's Swin window rules apply (`--variant`); nil is `.official`.
    public var variant: SwinVariant? = nil
    /// Axial: 1 (height pass) or 2 (composed); criss-cross: R ≥ 1. Nil: 2.
    public var passes: Int? = nil
    /// Criss-cross residual weight γ.
    public var gamma: Float = 1
    /// Kernel size K: dcn 3, neighborhood 7, lka 21 when nil.
    public var kernel: Int? = nil
    /// Dilation: dcn 1, lka 3 when nil.
    public var dilation: Int? = nil
    /// DAT's synthetic offset-network stride r; nil gives about 7 points per axis.
    public var stride: Int? = nil
    /// DAT's offset range factor f (< 0: clamp, the DAT++ default).
    public var offsetRange: Float = -1
    /// The projection head to use when a projection file has several.
    public var head: Int = 0
    /// `--head mean`: the average of every head's map (`head` is then not read).
    public var meanOfHeads: Bool = false
    /// The group to use when a dumped offset or position tensor has a group dimension > 1.
    public var group: Int = 0
    /// Stacked identical layers L (window, neighborhood, dcn, lka): the composed map of L
    /// layers with the same features each layer; nil or 1 is a single layer.
    public var layers: Int? = nil
    /// Which intermediate view to compute (a pass or layer); nil is the mode's full map.
    public var step: Int? = nil

    /// Settings with every default.
    public init() {}

    /// The passes axial and criss-cross compute when `passes` is nil.
    public static let defaultPasses = 2

    /// `passes`, or `defaultPasses` when unset.
    public var passCount: Int { passes ?? Self.defaultPasses }
}
