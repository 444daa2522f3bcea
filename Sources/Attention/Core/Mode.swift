/// The attention mechanisms attnscope draws, in the order of the explorer's digit keys.
public enum Mode: String, Sendable, CaseIterable, Hashable, Codable {
    /// Global self-attention over every position (ViT, Non-local).
    case global
    /// Attention inside the query's (optionally shifted) window (Swin).
    case window
    /// Attention along the query's column, then along rows of that result (Axial-DeepLab).
    case axial
    /// One softmax over the query's row and column, applied twice (CCNet).
    case crissCross = "criss-cross"
    /// Deformable convolution: kernel taps moved by learned offsets (DCN).
    case dcn
    /// Deformable attention: keys sampled at shared offset points (DAT).
    case dat
    /// Attention over a K×K window around the query that shifts inward at borders (NAT).
    case neighborhood
    /// Large-kernel attention: decomposed depthwise convolutions that gate the input (VAN).
    case lka
    /// Locally enhanced self-attention: a local convolution term plus global attention (LESA).
    case lesa

    /// The name users type (`--mode criss-cross`) and the JSON carries.
    public var name: String { rawValue }

    /// A human title for panels and captions.
    public var title: String {
        switch self {
        case .global: return "Global (ViT / Non-local)"
        case .window: return "Swin window"
        case .axial: return "Axial-DeepLab"
        case .crissCross: return "CCNet criss-cross"
        case .dcn: return "Deformable conv (DCN)"
        case .dat: return "DAT deformable attention"
        case .neighborhood: return "Neighborhood (NAT)"
        case .lka: return "VAN large-kernel (LKA)"
        case .lesa: return "LESA"
        }
    }

    /// The digit key that selects this mode in the explorer (1 … 9).
    public var digit: Int { Mode.allCases.firstIndex(of: self)! + 1 }
}
