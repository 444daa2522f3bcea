/// How a heatmap cell is drawn: the glyph ladder, best first.
public enum GlyphStyle: String, Sendable, CaseIterable, Hashable {
    /// Pick from the colour depth and font: half-block with 256/truecolor, shade otherwise,
    /// ASCII without Unicode.
    case auto
    /// `▀` with fg = upper map row and bg = lower map row: two map rows per cell, square pixels.
    case halfBlock = "half"
    /// Two columns per map pixel: room for a cursor box `[]` or a two-digit number.
    case twoColumn = "wide"
    /// The shade ramp ` ░▒▓█` (two columns per pixel); the glyph carries the value.
    case shade
    /// The ASCII ramp ` .:-=+*#%@` (two columns per pixel), for fonts without block glyphs.
    case ascii

    /// The concrete style for an output: `auto` resolved, and styles that need colour or
    /// Unicode replaced by the best one that works (half-block and two-column need colour;
    /// everything but ASCII needs Unicode).
    public func resolved(depth: ColorDepth, unicode: Bool) -> GlyphStyle {
        if !unicode { return .ascii }
        switch self {
        case .auto:
            switch depth {
            case .truecolor, .palette256: return .halfBlock
            case .ansi16, .ansi8, .monochrome: return .shade
            }
        case .halfBlock, .twoColumn:
            return depth.hasColor ? self : .shade
        case .shade, .ascii:
            return self
        }
    }

    /// Map pixels per cell vertically (2 for half-block) and cells per map pixel horizontally
    /// (2 for the two-column styles): at scale 1 a pixel is about square on a 2:1 terminal cell.
    var cellsPerPixelX: Int { self == .halfBlock ? 1 : 2 }
    /// Map pixels (dots) per cell row.
    var dotsPerCellY: Int { self == .halfBlock ? 2 : 1 }
}

/// The glyphs used for values and overlays, in a Unicode and an ASCII flavour.
public struct GlyphSet: Sendable, Equatable {
    /// The value ramp, lowest first (the first is blank).
    public let ramp: [Character]
    /// The query cursor.
    public let query: Character
    /// A second cursor (marker).
    public let marker: Character
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
    /// Route segments: horizontal, vertical, corner.
    public let route: [Character]
    /// Criss-cross ticks on the plot frame: left, right, top, bottom.
    public let crossTicks: [Character]
    /// Region boundary ticks on the plot frame: top, bottom, left, right edge.
    public let frameTicks: [Character]

    /// Block and box-drawing glyphs.
    public static let unicode = GlyphSet(
        ramp: [" ", "░", "▒", "▓", "█"], query: "◎", marker: "◆", nan: "×",
        referencePoint: "+", kernelTap: "+", samples: ["·", "•", "●"], arrowPath: "·",
        arrowHeads: ["←", "↑", "→", "↓", "↖", "↗", "↘", "↙"],
        box: ["─", "│", "┌", "┐", "└", "┘"],
        route: ["━", "┃", "╋"], crossTicks: ["▶", "◀", "▼", "▲"], frameTicks: ["┬", "┴", "├", "┤"])

    /// Plain ASCII (overlays use letters and signs outside the value ramp where they can).
    public static let ascii = GlyphSet(
        ramp: [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"], query: "Q", marker: "X", nan: "?",
        referencePoint: "r", kernelTap: "k", samples: ["o", "o", "O"], arrowPath: "'",
        arrowHeads: ["<", "^", ">", "v", "\\", "/", "\\", "/"],
        box: ["-", "|", "+", "+", "+", "+"],
        route: ["~", "!", "&"], crossTicks: [">", "<", "v", "^"], frameTicks: ["+", "+", "+", "+"])

    /// The ramp glyph for band `level` of `levels`.
    @inlinable
    public func rampGlyph(level: Int, levels: Int) -> Character {
        if levels <= 1 { return ramp[ramp.count - 1] }
        let i = (level * (ramp.count - 1) + (levels - 2) / 2) / (levels - 1)
        return ramp[Swift.min(ramp.count - 1, Swift.max(0, i))]
    }
}
