/// The attention mechanisms attnscope draws, in the order of the explorer's digit keys.
public enum Mode: String, Sendable, CaseIterable, Hashable, Codable {
    case global
    case window
    case axial
    case crissCross = "criss-cross"
    case dcn
    case dat
    case neighborhood
    case lka
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

/// A pixel position, 0-based.
public struct Position: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The row, 0 at the top.
    public var row: Int
    /// The column, 0 at the left.
    public var col: Int

    /// Creates a position.
    public init(row: Int, col: Int) {
        self.row = row
        self.col = col
    }

    public var description: String { "(\(row),\(col))" }
}

/// A fractional point in pixel coordinates (y down, x right).
public struct Point: Hashable, Sendable, Codable {
    /// The row coordinate.
    public var y: Double
    /// The column coordinate.
    public var x: Double

    /// Creates a point.
    public init(y: Double, x: Double) {
        self.y = y
        self.x = x
    }
}
