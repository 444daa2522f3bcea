import Foundation
import Attention
import Rendering

/// What the explorer computes for the current mode besides the plain map.
public enum TeachingView: Hashable, Sendable {
    /// The mode's map (the step in the settings).
    case standard
    /// The full map with the routes by which `target` reaches the query (criss-cross, axial).
    case routes(target: Position)
    /// Criss-cross: the share of the composed map that flows through `m` on the query's cross.
    case intermediate(Position)
    /// Criss-cross: the map with the residual paths put back, normalised.
    case residual
}

/// Computes teaching views with the engine's mechanisms.
public enum TeachingCompute {
    /// How many routes are drawn (the rest are summed in the notes).
    public static let drawnRoutes = 6

    /// The field of `view` for `query`, from the mechanism of `mode` and `settings`.
    public static func field(_ view: TeachingView, mode: Mode, query: Position, settings: AttentionSettings,
                             engine: AttentionEngine) throws -> AttentionField {
        let mechanism = try engine.mechanism(mode, settings: settings)
        switch view {
        case .standard:
            return try engine.field(mode, at: query, settings: settings)
        case .residual:
            guard let tracing = mechanism as? any ResidualTracing else { return try engine.field(mode, at: query, settings: settings) }
            return try tracing.residualField(at: query)
        case let .intermediate(m):
            guard let tracing = mechanism as? any IntermediateTracing else { return try engine.field(mode, at: query, settings: settings) }
            var field = try tracing.intermediateField(at: query, through: m)
            field.overlays.append(.marker(query, label: "u"))
            return field
        case let .routes(p):
            var full = settings
            full.step = nil
            var field = try engine.field(mode, at: query, settings: full)
            let routes = try (mechanism as? any RouteTracing)?.routes(from: query, to: p, in: field) ?? []
            field = withRoutes(field, routes: routes, target: p)
            return field
        }
    }

    /// `field` with the routes drawn, a marker on the target and the routes listed in the notes.
    static func withRoutes(_ field: AttentionField, routes: [Route], target p: Position) -> AttentionField {
        var out = field
        let total = routes.reduce(0.0) { $0 + $1.weight }
        out.overlays += routes.prefix(drawnRoutes).map { Overlay.route($0) }
        out.overlays.append(.marker(p, label: "p"))
        var notes = ["p\(p) M=\(short(Double(field.weight(at: p)))), \(routes.count) route\(routes.count == 1 ? "" : "s")"]
        for (index, route) in routes.prefix(drawnRoutes).enumerated() {
            let via = route.positions.dropFirst().dropLast().map(\.description).joined(separator: "→")
            let share = total > 0 ? route.weight / total * 100 : 0
            // "route N" is drawn in the route's colour (Rendering's RouteKey), matching the map.
            notes.append("\(RouteKey.label(index)) via \(via.isEmpty ? "direct" : via) \(short(route.weight)) \(String(format: "%.1f", share))%")
        }
        if routes.count > drawnRoutes {
            let rest = routes.dropFirst(drawnRoutes).reduce(0.0) { $0 + $1.weight }
            notes.append(" +\(routes.count - drawnRoutes) routes \(short(rest))")
        }
        if routes.count > 2 { notes.append("p on the query's row/column: many routes, hence the composed cross") }
        out.notes = notes + out.notes
        out.extras["routes"] = Double(routes.count)
        return out
    }

    /// A number in 3 significant digits (`0.0123`, `2.35e-11`).
    static func short(_ v: Double) -> String {
        guard v.isFinite else { return "\(v)" }
        if v == 0 { return "0" }
        let magnitude = abs(v)
        if magnitude >= 0.001 && magnitude < 10000 { return String(format: "%.3g", v) }
        return String(format: "%.2e", v)
    }
}
