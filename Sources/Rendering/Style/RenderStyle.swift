/// Everything about how a frame looks that is not in the data: colours, glyphs, scale, zoom.
public struct RenderStyle: Hashable, Sendable {
    /// The colour depth of the output.
    public var colorDepth: ColorDepth
    /// The glyph ladder rung asked for (`auto` picks one from the depth).
    public var glyphs: GlyphStyle
    /// False for fonts or projectors without block glyphs (`--ascii`): everything is ASCII.
    public var unicode: Bool
    /// The colormap for non-negative weights (signed maps always use `diverging`).
    public var colormap: Colormap
    /// How values map to colour.
    public var scale: ValueScale
    /// Colour bands (2…32); ncurses colour pairs are scarce.
    public var levels: Int
    /// Fit the whole map (pooling large maps) or show it at scale 1 panned around the query.
    public var viewport: ViewportPolicy
    /// Two-column cells show the weight in percent of the whole mass.
    public var showNumbers: Bool
    /// Presenter mode: every map pixel twice the size the layout would give it (panned around
    /// the query when that does not fit), and a cursor over the whole pixel.
    public var presenter = false

    /// A style; the defaults are what the explorer opens with.
    public init(colorDepth: ColorDepth = .palette256, glyphs: GlyphStyle = .auto, unicode: Bool = true,
                colormap: Colormap = .viridis, scale: ValueScale = .auto, levels: Int = 24,
                viewport: ViewportPolicy = .fit, showNumbers: Bool = false) {
        self.colorDepth = colorDepth
        self.glyphs = glyphs
        self.unicode = unicode
        self.colormap = colormap
        self.scale = scale
        self.levels = levels
        self.viewport = viewport
        self.showNumbers = showNumbers
    }

    /// The glyph style after `auto` and capability fallbacks.
    public var resolvedGlyphs: GlyphStyle { glyphs.resolved(depth: colorDepth, unicode: unicode) }

    /// The glyph set (Unicode or ASCII).
    public var glyphSet: GlyphSet { unicode ? .unicode : .ascii }
}

/// What to do with a map larger than its window.
public enum ViewportPolicy: Hashable, Sendable {
    /// Show the whole map: pool large maps (sum over k×k blocks), enlarge small ones.
    case fit
    /// Show the map at `zoom` pixels per dot (1 = native), panned so the query stays visible;
    /// small maps are still enlarged to fill the window.
    case pan
}
