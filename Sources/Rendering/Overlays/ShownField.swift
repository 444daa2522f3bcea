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

/// A field as a view shows it: in original coordinates, or rolled onto Swin's padded grid with
/// only the overlays that live there.
struct ShownField {
    /// The grid's height.
    let height: Int
    /// The grid's width.
    let width: Int
    /// The weights on the grid (padding positions are 0).
    let weights: [Float]
    /// The overlays to draw, in grid coordinates.
    let overlays: [Overlay]
    /// The samples to draw.
    let samples: [Sample]
    /// The roll, when the view is rolled.
    let roll: Roll?

    init(_ view: FrameView) {
        let field = view.field
        let rolledWindow = field.overlays.lazy.compactMap { overlay -> Roll? in
            if case let .rolledWindow(_, hp, wp, s) = overlay {
                return Roll(height: field.height, width: field.width, paddedHeight: hp, paddedWidth: wp, shift: s)
            }
            return nil
        }.first
        if view.coordinates == .rolled, let roll = rolledWindow {
            var rolled = [Float](repeating: 0, count: roll.paddedHeight * roll.paddedWidth)
            for y in 0..<field.height {
                for x in 0..<field.width {
                    let r = roll.rolled(of: Position(row: y, col: x))
                    rolled[r.row * roll.paddedWidth + r.col] = field.weights[y * field.width + x]
                }
            }
            height = roll.paddedHeight
            width = roll.paddedWidth
            weights = rolled
            overlays = field.overlays.filter {
                switch $0 {
                case .rolledWindow, .maskRegion: return true
                default: return false
                }
            }
            samples = []
            self.roll = roll
        } else {
            height = field.height
            width = field.width
            weights = field.weights
            overlays = field.overlays.filter {
                switch $0 {
                case .rolledWindow, .maskRegion: return false
                default: return true
                }
            }
            samples = field.samples
            roll = nil
        }
    }

    /// A position of the original map on this grid (nil when it is off the grid).
    func toShown(_ p: Position) -> Position? {
        if let roll { return roll.rolled(of: p) }
        return p.row >= 0 && p.row < height && p.col >= 0 && p.col < width ? p : nil
    }

    /// An underlay on the original grid moved to this grid (padding is black).
    func underlay(_ grey: [Float]) -> [Float] {
        guard let roll else { return grey }
        var out = [Float](repeating: 0, count: height * width)
        for y in 0..<roll.height {
            for x in 0..<roll.width {
                let r = roll.rolled(of: Position(row: y, col: x))
                out[r.row * width + r.col] = grey[y * roll.width + x]
            }
        }
        return out
    }
}
