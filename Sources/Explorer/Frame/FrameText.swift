import Attention
import Rendering

/// The explorer's words around the maps: status line, hint line, caption and side panel.
public enum FrameText {
    /// The status line: mode, query, flavor (Swin V2, a library's rules), step, the weight under
    /// the cursor, Σ, entropy, effective keys, cost and the illustrative/loaded badge; or the
    /// message, or the engine's error.
    public static func status(_ state: ExplorerState, outcome: FieldOutcome?, preparing: Bool) -> String {
        let head = "\(state.mode.name) q=\(state.queryText(for: state.mode))"
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
            if let flavor = field.flavor { place += " · \(flavor.name)" }
            if let label = field.stepLabel ?? state.step.flatMap({ $0 >= 0 && $0 < steps.count ? steps[$0] : nil }) {
                place += " · \(statusLabel(label))"
            }
            let stats = field.statistics
            let inside = field.height == state.mapHeight && field.width == state.mapWidth
                && state.query.row < field.height && state.query.col < field.width
            let w = inside ? Double(field.weight(at: state.query)) : .nan
            // A prefix query has no pixel of its own to read the weight at.
            let numbers = "w=\(field.prefixQuery == nil ? HumanUnits.weight(w) : "–") Σ=\(HumanUnits.significant(stats.sum)) "
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

    /// The prefix tokens' masses: one line per token when there are at most three
    /// (`prefix cls 2.1%`), else their total (`prefix 2.7% (5 tokens)`).
    static func prefixLines(_ field: AttentionField, names: [String]) -> [String] {
        guard !field.prefix.isEmpty else { return [] }
        func percent(_ mass: Double) -> String { "\(HumanUnits.significant(mass * 100))%" }
        if field.prefix.count <= 3 {
            return field.prefix.enumerated().map { i, mass in
                "prefix \(i < names.count && names[i] != "token" ? names[i] : "token:\(i)") \(percent(mass))"
            }
        }
        return ["prefix \(percent(field.prefix.reduce(0, +))) (\(field.prefix.count) tokens)"]
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
        if !state.prefixTokens.isEmpty && state.mode.descriptor.inputs.contains(.prefix) { parts.append("0 prefix tokens") }
        parts.append(state.compare ? "c/Esc single view" : "c compare")
        parts.append("q quit")
        return parts.joined(separator: " · ")
    }

    /// The caption: what the view shows, in plain words, and what the shown field's flavor
    /// changed (Swin V2's cosine attention, a library's window rules).
    public static func caption(_ state: ExplorerState, outcome: FieldOutcome? = nil) -> String {
        let plain = modeCaption(state)
        guard !state.compare, case let .field(field, _)? = outcome, let flavor = field.flavor else { return plain }
        return plain + " " + flavor.explanation
    }

    /// The caption of the mode and settings alone.
    private static func modeCaption(_ state: ExplorerState) -> String {
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
        if let heads = state.headCount, state.mode.descriptor.reads.contains(.head) {
            lines.append(settings.meanOfHeads ? "head mean" : "head \(settings.head)/\(heads)")
        }
        guard case let .field(field, _) = outcome else { return lines }
        if let label = field.stepLabel { lines.append("view \(label)") }
        lines.append("")
        if !field.notes.isEmpty { lines += field.notes + [""] }
        lines += FieldSummary.sidePanel(field)
        lines += prefixLines(field, names: state.prefixTokens)
        lines.append(badge(state, field: field))
        return lines
    }
}
