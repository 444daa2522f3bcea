/// The fixed xterm-256 palette, and nearest-colour searches in it.
///
/// Terminals under tmux cannot redefine colours (`can_change_color()` is false), so the renderer
/// always picks the nearest entry of this standard palette instead.
public enum XtermPalette {
    /// The 256 colours: 0–15 the system colours (xterm defaults), 16–231 the 6×6×6 cube,
    /// 232–255 the grey ramp.
    public static let colors: [RGB] = {
        var table: [RGB] = [
            RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
            RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
            RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
            RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
        ]
        let steps: [UInt8] = [0, 95, 135, 175, 215, 255]
        for r in steps { for g in steps { for b in steps { table.append(RGB(r, g, b)) } } }
        for i in 0..<24 {
            let v = UInt8(8 + 10 * i)
            table.append(RGB(v, v, v))
        }
        return table
    }()

    /// The index in 16…255 nearest to `color`.
    ///
    /// The system colours 0–15 are skipped: terminal themes redefine them, the cube and the
    /// grey ramp are fixed.
    public static func nearest256(_ color: RGB) -> UInt8 { nearest(color, in: 16..<256) }

    /// The index in 0…15 nearest to `color` (for 16-colour terminals).
    public static func nearest16(_ color: RGB) -> UInt8 { nearest(color, in: 0..<16) }

    /// The index in 0…7 nearest to `color` (for 8-colour terminals).
    public static func nearest8(_ color: RGB) -> UInt8 { nearest(color, in: 0..<8) }

    private static func nearest(_ color: RGB, in range: Range<Int>) -> UInt8 {
        var best = range.lowerBound, bestDistance = Int.max
        for i in range {
            let d = colors[i].distanceSquared(to: color)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return UInt8(best)
    }
}
