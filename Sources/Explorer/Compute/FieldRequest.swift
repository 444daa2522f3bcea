import Attention

/// One field the explorer wants: a mode, a query and the settings to compute it with.
public struct FieldRequest: Hashable, Sendable {
    /// The mechanism.
    public var mode: Mode
    /// The query.
    public var query: Position
    /// The prefix token that is the query instead of `query`, nil for a grid query.
    public var prefixToken: Int? = nil
    /// The settings (temperature and step included).
    public var settings: AttentionSettings
    /// A teaching view (routes, intermediate, residual) instead of the plain map.
    public var teaching: TeachingView

    /// Creates a request.
    public init(mode: Mode, query: Position, settings: AttentionSettings, teaching: TeachingView = .standard,
                prefixToken: Int? = nil) {
        self.mode = mode
        self.query = query
        self.prefixToken = prefixToken
        self.settings = settings
        self.teaching = teaching
    }
}

/// What became of a request: a field (with the mode's step names), or the engine's error.
public enum FieldOutcome: Sendable {
    /// The field, and the views its mechanism can step through.
    case field(AttentionField, steps: [String])
    /// The engine refused (bad setting, not built, tensor shape) — shown, never fatal.
    case failure(String)
}
