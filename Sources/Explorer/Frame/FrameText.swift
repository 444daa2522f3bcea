import Attention
import Rendering

/// The explorer's words around the maps: status line, hint line, caption and side panel.
public enum FrameText {
    /// The status line: mode, query, step, the weight under the cursor, Σ, entropy, effective
    /// keys, cost and the illustrative/loaded badge; or the message, or the engine's error.
    public static func status(_ state: ExplorerState, outcome: FieldOutcome?, preparing: Bool) -> String {
        let head = "\(state.mode.name) q=\(state.query.row),\(state.query.col)"
        if let message = state.message { return "\(head) │ \(message)" }
        switch outcome {
        case nil:
            let dots = String(repeating: ".", count: state.ticks % 4)
            return "\(head) │ preparing\(dots)"
        case let .failure(error):
            return "\(head) │ error: \(error)"
        case let .field(field, steps):
            var parts = [head]
            if let label = field.stepLabel ?? state.step.flatMap({ $0 < steps.count ? steps[$0] : nil }) {
                parts.append("step \(label)")
            } else if !steps.isEmpty {
                parts.append("step full")
            }
            let stats = field.statistics
            let w = field.weights.indices.contains(state.query.row * field.width + state.query.col)
                && field.height == state.mapHeight && field.width == state.mapWidth
                ? Double(field.weight(at: state.query)) : .nan
            parts.append("w=\(HumanUnits.weight(w))")
            parts.append("Σ=\(HumanUnits.significant(stats.sum))")
            parts.append("H=\(HumanUnits.significant(stats.entropy))")
            parts.append("eff=\(HumanUnits.count(stats.effectiveKeys))")
            parts.append("\(HumanUnits.count(stats.cost.macsPerQuery)) MAC/q \(HumanUnits.count(stats.cost.macsPerLayer)) MAC/layer")
            parts.append(badge(state, field: field))
            if preparing { parts.append("preparing…") }
            return parts.joined(separator: " │ ")
        }
    }

    /// "loaded" when the map came from a file and no synthetic stand-in was used.
    static func badge(_ state: ExplorerState, field: AttentionField) -> String {
        field.illustrative || !state.mapIsLoaded ? "illustrative" : "loaded"
    }

    /// The hint line: the keys that matter in the current mode, with the knobs' values.
    public static func hint(_ state: ExplorerState) -> String {
        if state.showHelp { return "Esc close help · q quit" }
        let size = MapSize(height: state.mapHeight, width: state.mapWidth)
        let settings = state.settingsByMode[state.mode] ?? AttentionSettings()
        var parts = ["hjkl move", "1-9 mode"]
        if !state.steps.isEmpty { parts.append("Space/n/p step") }
        if let primary = ModeParameters.primary(state.mode) {
            parts.append("\(primary.keys) \(primary.display(settings, size))")
        }
        if let secondary = ModeParameters.secondary(state.mode) {
            parts.append("\(secondary.keys) \(secondary.display(settings, size))")
        }
        parts.append("t/T T=\(ModeParameters.format(state.temperature))")
        parts.append("m hottest")
        parts.append(state.compare ? "c/Esc single view" : "c compare")
        parts.append("? help")
        parts.append("q quit")
        return parts.joined(separator: " · ")
    }

    /// The caption: what the view shows, in plain words.
    public static func caption(_ state: ExplorerState) -> String {
        if state.compare {
            return "Compare: the same query under global, Swin window, deformable conv and DAT attention."
        }
        return ModeCaption.text(state.mode, settings: state.settings,
                                size: MapSize(height: state.mapHeight, width: state.mapWidth))
    }

    /// The side panel: the mode, map and settings, then Rendering's statistics of the field
    /// (Σ, entropy, effective keys, cost, …) and the mode's notes.
    public static func sidePanel(_ state: ExplorerState, outcome: FieldOutcome?) -> [String] {
        var lines = [state.mode.title, state.mapName, "T \(ModeParameters.format(state.temperature))"]
        let size = MapSize(height: state.mapHeight, width: state.mapWidth)
        let settings = state.settingsByMode[state.mode] ?? AttentionSettings()
        for parameter in [ModeParameters.primary(state.mode), ModeParameters.secondary(state.mode)].compactMap({ $0 }) {
            lines.append(parameter.display(settings, size))
        }
        guard case let .field(field, _) = outcome else { return lines }
        if let label = field.stepLabel { lines.append("view \(label)") }
        lines.append("")
        lines += FieldSummary.sidePanel(field)
        lines.append(badge(state, field: field))
        lines += field.notes
        return lines
    }
}
