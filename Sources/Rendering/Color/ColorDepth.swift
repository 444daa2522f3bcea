/// How many colours an output can show, from 24-bit down to none.
public enum ColorDepth: String, Sendable, CaseIterable, Hashable {
    /// 24-bit colour (`38;2;r;g;b`).
    case truecolor
    /// The xterm-256 palette (`38;5;N`).
    case palette256 = "256"
    /// The 16 system colours (30–37, 90–97).
    case ansi16 = "16"
    /// The 8 basic colours (30–37).
    case ansi8 = "8"
    /// No colour at all: glyphs carry the values.
    case monochrome = "none"

    /// Picks the colour depth from what the user and the environment say, in this order:
    /// the `--color` flag (unless `auto`), `NO_COLOR` (set and non-empty: none), `COLORTERM`
    /// (`truecolor`/`24bit`), then the terminal's colour count (terminfo `colors`).
    ///
    /// A pure function: the caller passes the environment in, so tests need no terminal.
    /// - Parameters:
    ///   - flag: the `--color` value: `auto`, `truecolor`, `256`, `16`, `8`, `none`, or nil.
    ///   - noColor: the value of `NO_COLOR`, or nil when unset.
    ///   - colorTerm: the value of `COLORTERM`, or nil.
    ///   - terminalColors: how many colours the terminal reports, or nil when unknown (not a tty).
    public static func detect(flag: String?, noColor: String?, colorTerm: String?,
                              terminalColors: Int?) -> ColorDepth {
        if let flag, flag != "auto", let forced = ColorDepth(argument: flag) { return forced }
        if let noColor, !noColor.isEmpty { return .monochrome }
        if let colorTerm {
            let lowered = colorTerm.lowercased()
            if lowered == "truecolor" || lowered == "24bit" { return .truecolor }
        }
        guard let colors = terminalColors else { return .monochrome }
        if colors >= 256 { return .palette256 }
        if colors >= 16 { return .ansi16 }
        if colors >= 8 { return .ansi8 }
        return .monochrome
    }

    /// Parses a `--color` value other than `auto` (`none` and `mono` mean monochrome).
    public init?(argument: String) {
        switch argument.lowercased() {
        case "truecolor", "24bit", "rgb": self = .truecolor
        case "256": self = .palette256
        case "16": self = .ansi16
        case "8": self = .ansi8
        case "none", "mono", "monochrome", "0": self = .monochrome
        default: return nil
        }
    }

    /// Whether the output shows colour at all.
    public var hasColor: Bool { self != .monochrome }

    /// Whether a grey picture can be drawn under the weights: with 16 or 8 colours its greys
    /// are the very entries the bands snap to, so a weight could look like bare picture.
    public var drawsPictures: Bool { self == .truecolor || self == .palette256 }

    /// The cell colour for `color` at this depth (the nearest palette entry below truecolor).
    public func cellColor(_ color: RGB) -> CellColor {
        switch self {
        case .truecolor: return .rgb(color.r, color.g, color.b)
        case .palette256: return .indexed(XtermPalette.nearest256(color))
        case .ansi16: return .indexed(XtermPalette.nearest16(color))
        case .ansi8: return .indexed(XtermPalette.nearest8(color))
        case .monochrome: return .terminalDefault
        }
    }
}
