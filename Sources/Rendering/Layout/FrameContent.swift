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
    /// A grey picture drawn dimmed under every view's weights (`--image`).
    public var underlay: Underlay?

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

/// One heatmap panel: a field, its title, and which coordinates to draw it in.
public struct FrameView: Sendable {
    /// The title drawn above the map (truncated to fit).
    public var title: String
    /// The field to draw.
    public var field: AttentionField
    /// The explorer's cursor, when it differs from the field's query (nil: the query).
    public var cursor: Position?
    /// Original map coordinates, or Swin's rolled, padded grid with its mask regions.
    public var coordinates: ViewCoordinates

    /// Creates a view.
    public init(title: String, field: AttentionField, cursor: Position? = nil,
                coordinates: ViewCoordinates = .original) {
        self.title = title
        self.field = field
        self.cursor = cursor
        self.coordinates = coordinates
    }
}

/// The coordinate system a view is drawn in.
public enum ViewCoordinates: Hashable, Sendable {
    /// The map as it is.
    case original
    /// Swin's rolled and padded grid (needs a `rolledWindow` overlay; falls back to original).
    case rolled
}

/// A grey picture to draw under the weights, already on any grid; the renderer resamples it.
public struct Underlay: Sendable, Equatable {
    /// Rows of the picture.
    public let height: Int
    /// Columns of the picture.
    public let width: Int
    /// Grey levels, row-major, any range (normalised to [0, 1] by min and max).
    public let values: [Float]

    /// Creates an underlay; nil when `values.count != height·width` or a size is not positive.
    public init?(height: Int, width: Int, values: [Float]) {
        guard height > 0, width > 0, height.multipliedReportingOverflow(by: width).overflow == false,
              values.count == height * width else { return nil }
        self.height = height
        self.width = width
        self.values = values
    }

    /// The picture resampled to an `h`×`w` grid by area averaging (box filter), normalised to
    /// [0, 1]; a flat picture becomes 0.5.
    public func resampled(height h: Int, width w: Int) -> [Float] {
        guard h > 0, w > 0 else { return [] }
        var lo = Float.infinity, hi = -Float.infinity
        for v in values where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
        let range = hi - lo
        var out = [Float](repeating: 0.5, count: h * w)
        for r in 0..<h {
            let y0 = r * height / h, y1 = max(y0 + 1, (r + 1) * height / h)
            for c in 0..<w {
                let x0 = c * width / w, x1 = max(x0 + 1, (c + 1) * width / w)
                var s: Float = 0, n: Float = 0
                for y in y0..<min(y1, height) {
                    for x in x0..<min(x1, width) where values[y * width + x].isFinite {
                        s += values[y * width + x]
                        n += 1
                    }
                }
                if n > 0, range > 0 { out[r * w + c] = (s / n - lo) / range }
            }
        }
        return out
    }
}
