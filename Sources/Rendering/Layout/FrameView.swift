import Attention

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
    /// Why this view's field could not be computed (nil: it was): the panel is drawn in its
    /// place, empty, with this one-line reason, and `field` only gives it the map's size.
    public var failure: String?

    /// Creates a view.
    public init(title: String, field: AttentionField, cursor: Position? = nil,
                coordinates: ViewCoordinates = .original) {
        self.title = title
        self.field = field
        self.cursor = cursor
        self.coordinates = coordinates
    }

    /// A panel of `mode` over a `height`×`width` map that could not be computed, with its reason.
    public static func failed(title: String, mode: Mode, height: Int, width: Int, reason: String) -> FrameView {
        let empty = AttentionField(mode: mode, height: max(1, height), width: max(1, width), query: Position(row: 0, col: 0),
                                   storedWeights: .sparse(SparseWeights(count: max(1, height) * max(1, width))),
                                   cost: Cost(macsPerQuery: 0, queriesPerLayer: 0, keysPerQuery: 0), keysAttended: 0)
        var view = FrameView(title: title, field: empty)
        view.failure = reason
        return view
    }
}

/// The coordinate system a view is drawn in.
public enum ViewCoordinates: Hashable, Sendable {
    /// The map as it is.
    case original
    /// Swin's rolled and padded grid (needs a `rolledWindow` overlay; falls back to original).
    case rolled
}
