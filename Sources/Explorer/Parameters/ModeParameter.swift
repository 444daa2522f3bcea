import Attention

/// One knob of a mode that `-` `=` (primary) or `[` `]` (secondary) turn.
///
/// A change beyond the knob's range is refused with a message; the settings never become
/// invalid through the keyboard.
public struct ModeParameter: Sendable {
    /// The knob's short name for the hint line ("window", "shift", "K", …).
    public var name: String
    /// The keys that turn it ("-/=" or "[/]").
    public var keys: String
    /// The value as shown, from settings and the map size.
    public var display: @Sendable (AttentionSettings, MapSize) -> String
    /// The settings after one step in `direction` (−1 or +1), or a message saying why not.
    public var adjust: @Sendable (AttentionSettings, Int, MapSize) -> Result<AttentionSettings, Refusal>

    /// Creates a knob.
    public init(name: String, keys: String,
                display: @escaping @Sendable (AttentionSettings, MapSize) -> String,
                adjust: @escaping @Sendable (AttentionSettings, Int, MapSize) -> Result<AttentionSettings, Refusal>) {
        self.name = name
        self.keys = keys
        self.display = display
        self.adjust = adjust
    }
}

/// The map's size, which bounds some knobs (a window larger than the map changes nothing).
public struct MapSize: Hashable, Sendable {
    /// Rows.
    public var height: Int
    /// Columns.
    public var width: Int

    /// Creates a size.
    public init(height: Int, width: Int) {
        self.height = height
        self.width = width
    }
}
