import Attention

/// Everything one frame shows: the views, and the strings the explorer supplies around them.
///
/// The renderer lays these out in any window size; it never invents text of its own except the
/// legends and the "window too small" notice.
public struct FrameContent: Sendable {
    /// One view, or several of the same query for the compare grid (each with its title).
    public var views: [FrameView]
    /// Lines of the side panel (statistics, notes), shown when there is room.
    public var sidePanel: [String]
    /// A caption under the views (wrapped to at most two lines; dropped first when short of rows).
    public var caption: String?
    /// The status line (mode, query, weight, Σ, …), the second-to-last row.
    public var status: String?
    /// The hint line (keys that matter now), the last row.
    public var hint: String?
    /// A grey picture drawn under every view's weights (the map's own or `--image`; 256 colours and truecolor only).
    public var underlay: Underlay?
    /// Whether every view is drawn on one colour scale bound to all their values (the compare
    /// view's default: a hotter colour then means a larger weight across panels too).
    public var sharedScale = false
    /// Whether each view gets a row of numbers under its legend: max, Σ in view, entropy,
    /// effective keys, keys reached (the compare view's, so every panel says what it shows).
    public var numbersRow = false
    /// Whether the weights are hidden (the quiz): the legends then say so instead of a range.
    public var hidesWeights = false
    /// The largest enlargement any view may get (nil: the largest that fits): a tour's steps
    /// share one, so the map's scale does not jump between them.
    public var maximumEnlargement: Int?

    /// Creates frame content.
    public init(views: [FrameView], sidePanel: [String] = [], caption: String? = nil, status: String? = nil,
                hint: String? = nil, underlay: Underlay? = nil) {
        self.views = views
        self.sidePanel = sidePanel
        self.caption = caption
        self.status = status
        self.hint = hint
        self.underlay = underlay
    }
}
