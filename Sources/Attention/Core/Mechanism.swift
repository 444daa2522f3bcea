import FeatureMaps

/// One attention mechanism bound to a map, its settings and loaded tensors.
///
/// An instance is made once per (map, settings, inputs) and may cache query-independent work
/// (Swin's rolled layout, axial's height-pass outputs, DAT's sampled keys) so that moving the
/// query pays only for that query. Instances are used from one thread at a time.
public protocol Mechanism: AnyObject {
    /// The mode this mechanism draws.
    var mode: Mode { get }
    /// The views a user can step through (e.g. "pass 1", "pass 2", "composed"); empty when
    /// the mode has a single view. `AttentionSettings.step` indexes this list.
    var steps: [String] { get }
    /// Computes the field of `query` for the step in the settings (nil: the full map).
    func field(at query: Position) throws -> AttentionField
    /// Bytes of query-independent state this instance holds beyond the shared map (projected
    /// keys, cached pass outputs, sampled keys); `AttentionEngine` keeps the total under a budget.
    var cacheBytes: Int { get }
}

extension Mechanism {
    /// No cache beyond the map unless the mechanism says otherwise.
    public var cacheBytes: Int { 0 }
}

extension Mechanism {
    /// Computes the field of `query` at a given step, via `StepSelectable` when supported.
    public func field(at query: Position, step: Int?) throws -> AttentionField {
        if let step, let selectable = self as? any StepSelectable {
            guard step >= 0, step < steps.count else {
                throw AttentionError.stepOutOfRange(mode: mode, step: step, count: steps.count)
            }
            return try selectable.field(at: query, step: step)
        }
        return try field(at: query)
    }
}

/// A mechanism whose intermediate views (passes, layers) can be computed one by one.
protocol StepSelectable: Mechanism {
    /// Computes the view `step` (an index into `steps`) of `query`.
    func field(at query: Position, step: Int) throws -> AttentionField
}

/// A mechanism that lists the routes by which a target position reaches the query.
public protocol RouteTracing: Mechanism {
    /// The routes from `target` to `query`, whose full map is `field`.
    func routes(from query: Position, to target: Position, in field: AttentionField) throws -> [Route]
}

/// A mechanism that shows what flows through an intermediate position of a composed map.
public protocol IntermediateTracing: Mechanism {
    /// The share of the composed map of `query` that flows through `intermediate`.
    func intermediateField(at query: Position, through intermediate: Position) throws -> AttentionField
}

/// A mechanism whose residual paths can be put back into its map.
public protocol ResidualTracing: Mechanism {
    /// The map with the residual paths put back, normalised.
    func residualField(at query: Position) throws -> AttentionField
}
