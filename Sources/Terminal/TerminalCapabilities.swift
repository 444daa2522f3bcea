/// What the running terminal can show, detected once at startup.
public struct TerminalCapabilities: Hashable, Sendable {
    /// How many colours the terminal reports (0 when it has none).
    public var colors: Int
    /// How many colour pairs it can hold.
    public var colorPairs: Int
    /// Whether the locale is UTF-8, so block and shading glyphs draw.
    public var unicode: Bool
    /// The TERM name.
    public var term: String

    /// Creates a capability record.
    public init(colors: Int, colorPairs: Int, unicode: Bool, term: String) {
        self.colors = colors
        self.colorPairs = colorPairs
        self.unicode = unicode
        self.term = term
    }
}
