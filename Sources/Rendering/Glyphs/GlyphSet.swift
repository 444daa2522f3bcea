/// The glyphs used for values and overlays, in a Unicode and an ASCII flavour.
public struct GlyphSet: Sendable, Equatable {
    /// The value ramp, lowest first (the first, blank, is an exact zero's).
    public let ramp: [Character]
    /// The query cursor.
    public let query: Character
    /// A second cursor (marker).
    public let marker: Character
    /// The route target p.
    public let target: Character
    /// The intermediate position m of a criss-cross route.
    public let intermediate: Character
    /// One of the k hottest keys (`M` marks them).
    public let topKey: Character
    /// A NaN weight.
    public let nan: Character
    /// DAT reference point / DCN kernel tap.
    public let referencePoint: Character
    /// Kernel tap before deformation.
    public let kernelTap: Character
    /// Sampled points, small to large weight.
    public let samples: [Character]
    /// Offset-arrow path.
    public let arrowPath: Character
    /// Arrow heads: ←↑→↓↖↗↘↙ order (west, north, east, south, NW, NE, SE, SW).
    public let arrowHeads: [Character]
    /// Box drawing: horizontal, vertical, ┌ ┐ └ ┘.
    public let box: [Character]
    /// Route segments: horizontal, vertical, corner — one triple per route, in drawing order
    /// (the last repeats for further routes), so routes differ even without colour.
    public let routes: [[Character]]
    /// Criss-cross ticks on the plot frame: left, right, top, bottom.
    public let crossTicks: [Character]
    /// Region boundary ticks on the plot frame: top, bottom, left, right edge.
    public let frameTicks: [Character]

    /// Block and box-drawing glyphs.
    public static let unicode = GlyphSet(
        ramp: [" ", "░", "▒", "▓", "█"], query: "◎", marker: "◆", target: "◆", intermediate: "◇", topKey: "◈", nan: "×",
        referencePoint: "+", kernelTap: "+", samples: ["·", "•", "●"], arrowPath: "·",
        arrowHeads: ["←", "↑", "→", "↓", "↖", "↗", "↘", "↙"],
        box: ["─", "│", "┌", "┐", "└", "┘"],
        routes: [["━", "┃", "╋"], ["═", "║", "╬"], ["─", "│", "┼"]], crossTicks: ["▶", "◀", "▼", "▲"], frameTicks: ["┬", "┴", "├", "┤"])

    /// Plain ASCII (overlays use letters and signs outside the value ramp where they can).
    public static let ascii = GlyphSet(
        ramp: [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"], query: "Q", marker: "X", target: "P", intermediate: "M", topKey: "T", nan: "?",
        referencePoint: "r", kernelTap: "k", samples: ["o", "o", "O"], arrowPath: "'",
        arrowHeads: ["<", "^", ">", "v", "\\", "/", "\\", "/"],
        box: ["-", "|", "+", "+", "+", "+"],
        routes: [["~", "!", "&"], ["=", "H", "#"], ["_", "i", "+"]], crossTicks: [">", "<", "v", "^"], frameTicks: ["+", "+", "+", "+"])

    /// The faint window-partition borders, nil in ASCII (whose signs would read as weights):
    /// a column border on a cell's left edge, a row border on its top edge, one through its middle.
    var partition: (column: Character, row: Character, middleRow: Character)? {
        self == .ascii ? nil : ("▏", "▔", "─")
    }

    /// The ramp glyph for band `level` of `levels` of a nonzero weight: never the blank first
    /// glyph, which only an exact zero gets, so the faintest weight still shows.
    @inlinable
    public func rampGlyph(level: Int, levels: Int) -> Character {
        if levels <= 1 || ramp.count <= 2 { return ramp[ramp.count - 1] }
        let i = 1 + (level * (ramp.count - 2) + (levels - 2) / 2) / (levels - 1)
        return ramp[Swift.min(ramp.count - 1, Swift.max(1, i))]
    }
}
