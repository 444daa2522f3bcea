import Attention

/// A field as a view shows it: in original coordinates, or rolled onto Swin's padded grid with
/// only the overlays that live there.
struct ShownField {
    /// The grid's height.
    let height: Int
    /// The grid's width.
    let width: Int
    /// The weights on the grid (padding positions are 0): the field's own, dense or sparse,
    /// unless rolled.
    let weights: FieldWeights
    /// The overlays to draw, in grid coordinates.
    let overlays: [Overlay]
    /// The samples to draw.
    let samples: [Sample]
    /// The roll, when the view is rolled.
    let roll: SwinRoll?

    /// The grid size `init` would give `view`, without building its weights (for layout).
    static func size(of view: FrameView) -> (height: Int, width: Int) {
        let field = view.field
        guard view.coordinates == .rolled else { return (field.height, field.width) }
        for overlay in field.overlays {
            if case let .rolledWindow(_, roll) = overlay { return (roll.paddedHeight, roll.paddedWidth) }
        }
        return (field.height, field.width)
    }

    init(_ view: FrameView) {
        let field = view.field
        let rolledWindow = field.overlays.lazy.compactMap { overlay -> SwinRoll? in
            if case let .rolledWindow(_, roll) = overlay { return roll }
            return nil
        }.first
        if view.coordinates == .rolled, let roll = rolledWindow {
            var rolled = [Float](repeating: 0, count: roll.paddedHeight * roll.paddedWidth)
            let source = field.weights
            for y in 0..<field.height {
                for x in 0..<field.width {
                    let r = roll.rolled(of: Position(row: y, col: x))
                    rolled[r.row * roll.paddedWidth + r.col] = source[y * field.width + x]
                }
            }
            height = roll.paddedHeight
            width = roll.paddedWidth
            weights = .dense(rolled)
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
            weights = field.storedWeights
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
