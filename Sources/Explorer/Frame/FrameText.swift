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
            // Groups: where (mode, query, step) │ the numbers │ the cost │ the badge.
            var place = head
            if let label = field.stepLabel ?? state.step.flatMap({ $0 >= 0 && $0 < steps.count ? steps[$0] : nil }) {
                place += " · \(statusLabel(label))"
            }
            let stats = field.statistics
            let inside = field.height == state.mapHeight && field.width == state.mapWidth
                && state.query.row < field.height && state.query.col < field.width
            let w = inside ? Double(field.weight(at: state.query)) : .nan
            let numbers = "w=\(HumanUnits.weight(w)) Σ=\(HumanUnits.significant(stats.sum)) "
                + "H=\(HumanUnits.significant(stats.entropy)) eff=\(HumanUnits.count(stats.effectiveKeys))"
            let cost = "\(HumanUnits.count(stats.cost.macsPerQuery)) MAC/q \(HumanUnits.count(stats.cost.macsPerLayer))/layer"
            var parts = [place, numbers, cost, badge(state, field: field)]
            if preparing { parts.append("preparing…") }
            return parts.joined(separator: " │ ")
        }
    }

    /// A step label short enough that the numbers after it stay on an 80-column status line:
    /// whole words up to 14 characters, then "…" (the panel's title carries the full label).
    static func statusLabel(_ label: String) -> String {
        guard label.count > 14 else { return label }
        var out = ""
        for word in label.split(separator: " ") {
            let next = out.isEmpty ? String(word) : out + " " + word
            if next.count > 13 { break }
            out = next
        }
        return (out.isEmpty ? String(label.prefix(13)) : out) + "…"
    }

    /// "illustrative" exactly when a synthetic stand-in (offsets, offset network, tables, gate)
    /// was used, as `render` and the JSON say; otherwise "loaded" for a map from a file and
    /// "scene" for a built-in scene.
    static func badge(_ state: ExplorerState, field: AttentionField) -> String {
        field.illustrative ? "illustrative" : (state.mapIsLoaded ? "loaded" : "scene")
    }

    /// The hint line: the keys that matter in the current mode, with the knobs' values.
    public static func hint(_ state: ExplorerState) -> String {
        if state.showHelp { return "Esc close help · q quit" }
        let size = MapDimensions(height: state.mapHeight, width: state.mapWidth)
        let settings = state.settingsByMode[state.mode] ?? AttentionSettings()
        // What matters in this mode first, so a narrow window cuts the generic keys.
        var parts = ["? help"]
        for (index, knob) in state.mode.descriptor.knobs.prefix(2).enumerated() {
            parts.append("\(KnobKeys.keys(ofKnob: index)) \(knob.display(settings, size))")
        }
        if state.steps.count > 1 { parts.append("Space/n/p step") }
        parts.append("t/T T=\(NumberText.short(state.temperature))")
        parts.append("1-9 mode")
        parts.append("hjkl move")
        parts.append("m hottest")
        parts.append(state.compare ? "c/Esc single view" : "c compare")
        parts.append("q quit")
        return parts.joined(separator: " · ")
    }

    /// The caption: what the view shows, in plain words.
    public static func caption(_ state: ExplorerState) -> String {
        if state.compare {
            let names = state.teaching.compareModes.map(\.title)
            let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1] : names.joined()
            return "Compare: the same query under \(list). 1-9 add or remove a panel."
        }
        return state.mode.descriptor.caption(state.settings, MapDimensions(height: state.mapHeight, width: state.mapWidth))
    }

    /// The side panel: the mode, map and settings, the mode's notes (a step's lesson: routes
    /// and their shares, the padding, the roll), then Rendering's statistics of the field (Σ,
    /// entropy, effective keys, cost, …): a short panel cuts the statistics, not the lesson.
    public static func sidePanel(_ state: ExplorerState, outcome: FieldOutcome?) -> [String] {
        var lines = [state.mode.title, state.mapName, "T \(NumberText.short(state.temperature))"]
        let size = MapDimensions(height: state.mapHeight, width: state.mapWidth)
        let settings = state.settingsByMode[state.mode] ?? AttentionSettings()
        for knob in state.mode.descriptor.knobs.prefix(2) { lines.append(knob.display(settings, size)) }
        guard case let .field(field, _) = outcome else { return lines }
        if let label = field.stepLabel { lines.append("view \(label)") }
        lines.append("")
        if !field.notes.isEmpty { lines += field.notes + [""] }
        lines += FieldSummary.sidePanel(field)
        lines.append(badge(state, field: field))
        return lines
    }
}
