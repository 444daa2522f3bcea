/// Where every pixel of the map sits on Swin's rolled, padded grid: the cyclic shift per axis,
/// the padded size, and whether the map is rolled before it is padded (timm) or after (the
/// official code, HF transformers, torchvision). The renderer's rolled view and the mechanism
/// share this one mapping.
public struct SwinRoll: Hashable, Sendable {
    /// The map's height H.
    public var height: Int
    /// The map's width W.
    public var width: Int
    /// The padded height Hp (≥ H).
    public var paddedHeight: Int
    /// The padded width Wp (≥ W).
    public var paddedWidth: Int
    /// The shift along rows.
    public var shiftRows: Int
    /// The shift along columns.
    public var shiftCols: Int
    /// True when the unpadded map is rolled and then padded (timm); false for pad, then roll.
    public var rollsBeforePadding: Bool

    /// Creates a roll; the padded size is at least the map's.
    public init(height: Int, width: Int, paddedHeight: Int, paddedWidth: Int, shiftRows: Int, shiftCols: Int,
                rollsBeforePadding: Bool = false) {
        self.height = height
        self.width = width
        self.paddedHeight = max(height, paddedHeight)
        self.paddedWidth = max(width, paddedWidth)
        self.shiftRows = shiftRows
        self.shiftCols = shiftCols
        self.rollsBeforePadding = rollsBeforePadding
    }

    /// Whether either axis is shifted (the grid then differs from the map and has mask regions).
    public var isShifted: Bool { shiftRows != 0 || shiftCols != 0 }

    /// Where original pixel `p` sits on the rolled grid.
    public func rolled(of p: Position) -> Position {
        if rollsBeforePadding {
            return Position(row: Self.mod(p.row - shiftRows, height), col: Self.mod(p.col - shiftCols, width))
        }
        return Position(row: Self.mod(p.row - shiftRows, paddedHeight), col: Self.mod(p.col - shiftCols, paddedWidth))
    }

    /// The original pixel at rolled position `p`, or nil for a padding token (or a position off the grid).
    public func original(of p: Position) -> Position? {
        guard p.row >= 0, p.row < paddedHeight, p.col >= 0, p.col < paddedWidth else { return nil }
        if rollsBeforePadding {
            guard p.row < height, p.col < width else { return nil }
            return Position(row: Self.mod(p.row + shiftRows, height), col: Self.mod(p.col + shiftCols, width))
        }
        let y = Self.mod(p.row + shiftRows, paddedHeight), x = Self.mod(p.col + shiftCols, paddedWidth)
        return y < height && x < width ? Position(row: y, col: x) : nil
    }

    private static func mod(_ a: Int, _ n: Int) -> Int { n > 0 ? ((a % n) + n) % n : 0 }
}
