import FeatureMaps

/// Tensors loaded from files that replace a mechanism's identity or synthetic stand-ins.
///
/// Each is kept as read (leading size-1 dimensions dropped by the mechanism that uses it);
/// the mechanism that needs a tensor validates its shape and throws `AttentionError` if it does
/// not fit.
public struct AttentionInputs: Sendable {
    /// `--proj`: `wq`, `wk` of shape (d, C) or (heads, d, C), optional `bq`, `bk`.
    public var projections: TensorArchive? = nil
    /// `--bias`: Swin relative position bias table, (2M−1)² or heads×(2M−1)².
    public var relativeBias: Tensor? = nil
    /// `--rel`: axial position tables `rq`, `rk`, `rv`.
    public var axialTables: TensorArchive? = nil
    /// `--offsets`: dcn (2K², H, W) or dat (2, Hk, Wk) raw offsets.
    public var offsets: Tensor? = nil
    /// `--mask`: dcn v2 modulation (K², H, W).
    public var modulation: Tensor? = nil
    /// `--positions`: dat sampling positions (Hk, Wk, 2), normalised (y, x).
    public var positions: Tensor? = nil
    /// `--kernels`: lka's depthwise kernels `conv0` (C×1×k0×k0) and `conv_spatial` (C×1×k1×k1).
    public var kernels: TensorArchive? = nil
    /// `--prefix`: prefix tokens (class, distillation, registers), P×C in the model's order: keys
    /// of every softmax over the whole sequence (global, lesa's binary term).
    public var prefix: Tensor? = nil
    /// `--attention`: the model's own attention probabilities, (heads, N, N) or (N, N) with
    /// N = P + H·W, or Swin's windowed (num_windows, heads, M², M²): what `--mode loaded` shows.
    public var attention: Tensor? = nil
    /// What each prefix token is (`"cls"`, `"dist"`, `"reg"`: a bundle's `prefix_tokens`); nil
    /// when unknown, and then a non-empty prefix is taken to start with the class token.
    public var prefixNames: [String]? = nil
    /// Tensors for one mode only (`--dcn-offsets`, `--dcn-mask`, `--dat-offsets`,
    /// `--dat-positions`): they take the shared ones' place when that mode's mechanism is made,
    /// so that DCN's and DAT's own offsets can be compared side by side.
    public var perMode: [Mode: AttentionInputs] = [:]

    /// No loaded tensors: identity projections and synthetic stand-ins.
    public init() {}

    /// Whether any tensor was loaded.
    public var isEmpty: Bool {
        projections == nil && relativeBias == nil && axialTables == nil && offsets == nil
            && modulation == nil && positions == nil && kernels == nil && prefix == nil
            && attention == nil
            && perMode.values.allSatisfy(\.isEmpty)
    }

    /// The index of the class token among the prefix tokens: where `prefixNames` says `"cls"`,
    /// or 0 when the names are unknown and there is at least one prefix token; nil otherwise.
    public var classTokenIndex: Int? {
        guard let count = PrefixTokens.count(in: self), count > 0 else { return nil }
        guard let prefixNames else { return 0 }
        return prefixNames.firstIndex(of: "cls")
    }
    /// Whether every tensor in `needed` is loaded (a mechanism's `needs`).
    public func has(_ needed: Set<AttentionInput>) -> Bool {
        needed.allSatisfy { input in
            switch input {
            case .projections: projections != nil
            case .relativeBias: relativeBias != nil
            case .axialTables: axialTables != nil
            case .offsets: offsets != nil
            case .modulation: modulation != nil
            case .positions: positions != nil
            case .kernels: kernels != nil
            case .prefix: prefix != nil
            case .attention: attention != nil
            }
        }
    }

    /// The tensors `mode` reads: the shared ones, each replaced by the mode's own where it has one.
    public func inputs(for mode: Mode) -> AttentionInputs {
        guard let own = perMode[mode] else { return self }
        var out = self
        out.perMode = [:]
        if let t = own.projections { out.projections = t }
        if let t = own.relativeBias { out.relativeBias = t }
        if let t = own.axialTables { out.axialTables = t }
        if let t = own.offsets { out.offsets = t }
        if let t = own.modulation { out.modulation = t }
        if let t = own.positions { out.positions = t }
        return out
    }
}
