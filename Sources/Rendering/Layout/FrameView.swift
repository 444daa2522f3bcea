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
