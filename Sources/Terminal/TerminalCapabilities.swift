/// What the running terminal can show, detected once at startup.
public struct TerminalCapabilities: Hashable, Sendable {
    /// How many colours the terminal reports (0 when it has none).
    public var colors: Int
    /// How many colour pairs curses can address on it (at most 256 on the legacy curses API).
    public var colorPairs: Int
    /// Whether the locale is UTF-8, so block and shading glyphs draw.
    public var unicode: Bool
    /// The TERM name.
    public var term: String

    /// Pairs kept free for everything that is not the heatmap: overlays, legend, panel, status.
    static let pairsForTheRest = 30

    /// Creates a capability record.
    public init(colors: Int, colorPairs: Int, unicode: Bool, term: String) {
        self.colors = colors
        self.colorPairs = colorPairs
        self.unicode = unicode
        self.term = term
    }

    /// The most colour bands a 256-colour heatmap may use here, or nil for no limit.
    ///
    /// A half-block cell is one (top, bottom) pair, so N bands take up to N² pairs: with the
    /// legacy API's 256 pairs that is 15 bands (225 pairs, the rest for the frame around them).
    public var heatmapLevelLimit: Int? {
        guard colors >= 256, colorPairs < 1024 else { return nil }
        let spare = max(4, colorPairs - 1 - Self.pairsForTheRest)
        return Int(Double(spare).squareRoot())
    }
}
