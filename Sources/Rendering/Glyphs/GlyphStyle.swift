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
