import Attention

/// Swin's cyclic shift: original (y, x) sits at rolled ((y − s) mod Hp, (x − s) mod Wp) of the
/// padded Hp×Wp grid.
public struct Roll: Hashable, Sendable {
    /// The original map's height.
    public var height: Int
    /// The original map's width.
    public var width: Int
    /// The padded height Hp.
    public var paddedHeight: Int
    /// The padded width Wp.
    public var paddedWidth: Int
    /// The shift s.
    public var shift: Int

    /// Creates a roll.
    public init(height: Int, width: Int, paddedHeight: Int, paddedWidth: Int, shift: Int) {
        self.height = height
        self.width = width
        self.paddedHeight = max(height, paddedHeight)
        self.paddedWidth = max(width, paddedWidth)
        self.shift = shift
    }

    /// Where original pixel `p` sits in the rolled grid.
    public func rolled(of p: Position) -> Position {
        Position(row: mod(p.row - shift, paddedHeight), col: mod(p.col - shift, paddedWidth))
    }

    /// The original pixel at rolled position `p` (padding positions map beyond H or W).
    public func original(of p: Position) -> Position {
        Position(row: mod(p.row + shift, paddedHeight), col: mod(p.col + shift, paddedWidth))
    }

    private func mod(_ a: Int, _ n: Int) -> Int { n > 0 ? ((a % n) + n) % n : 0 }
}
