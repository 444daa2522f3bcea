import Rendering

/// Maps the colours a canvas asks for onto what the terminal has: the fixed xterm-256 palette
/// (never redefined: tmux cannot), its 16 or 8 system colours, or nothing.
struct TerminalPalette {
    /// How many colours the terminal shows (≥ 256, 16, 8 or 0).
    let colors: Int

    /// The ncurses colour number for `color`: −1 is the terminal's default.
    func number(for color: CellColor) -> Int32 {
        switch color {
        case .terminalDefault:
            return -1
        case let .indexed(index):
            return reduce(Int(index))
        case let .rgb(r, g, b):
            return reduce(Self.nearestIndex(r: Int(r), g: Int(g), b: Int(b)))
        }
    }

    /// Reduces an xterm-256 index to the colours available.
    private func reduce(_ index: Int) -> Int32 {
        if colors >= 256 { return Int32(index) }
        if colors >= 16 { return index < 16 ? Int32(index) : Int32(Self.nearest(index, among: 16)) }
        if colors >= 8 { return Int32(Self.nearest(index, among: 8) % 8) }
        return -1
    }

    /// The RGB of xterm-256 colour `index`.
    static func rgb(of index: Int) -> (Int, Int, Int) {
        switch index {
        case 0..<16:
            let base: [(Int, Int, Int)] = [
                (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
                (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0),
                (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
            ]
            return base[index]
        case 16..<232:
            let levels = [0, 95, 135, 175, 215, 255]
            let i = index - 16
            return (levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
        default:
            let v = 8 + 10 * (min(index, 255) - 232)
            return (v, v, v)
        }
    }

    /// The nearest of the first `count` palette colours to palette colour `index`.
    static func nearest(_ index: Int, among count: Int) -> Int {
        let (r, g, b) = rgb(of: index)
        return nearest(r: r, g: g, b: b, in: 0..<count)
    }

    /// The xterm-256 index (cube or grey ramp) nearest to an RGB colour.
    static func nearestIndex(r: Int, g: Int, b: Int) -> Int {
        nearest(r: r, g: g, b: b, in: 16..<256)
    }

    private static func nearest(r: Int, g: Int, b: Int, in range: Range<Int>) -> Int {
        var best = range.lowerBound, bestDistance = Int.max
        for i in range {
            let (pr, pg, pb) = rgb(of: i)
            let d = (pr - r) * (pr - r) + (pg - g) * (pg - g) + (pb - b) * (pb - b)
            if d < bestDistance { bestDistance = d; best = i }
        }
        return best
    }
}
