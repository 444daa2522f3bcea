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
            let numbers = hottestWeight(field, state: state) + " Σ=\(HumanUnits.significant(stats.sum)) "
                + "H=\(HumanUnits.significant(stats.entropy)) eff=\(HumanUnits.count(stats.effectiveKeys))"
            let cost = "\(HumanUnits.count(stats.cost.macsPerQuery)) MAC/q \(HumanUnits.count(stats.cost.macsPerLayer))/layer"
            var parts = [place, numbers, cost, badge(state, field: field)]
            if preparing { parts.append("preparing…") }
            return parts.joined(separator: " │ ")
        }
    }

    /// The weight worth reading beside the query: the cursor is the query, so the hottest key
    /// *other than* the query, labelled with where it is ("w(top 3,4)=0.12"); for DAT that is a
    /// bilinear corner of its hottest sample, where the query's own cell is usually 0.
    static func hottestWeight(_ field: AttentionField, state: ExplorerState) -> String {
        let sameMap = field.height == state.mapHeight && field.width == state.mapWidth
        guard sameMap, let top = field.hottestOtherKey else { return "w(top)=–" }
        return "w(top \(top.row),\(top.col))=\(HumanUnits.weight(Double(field.weight(at: top))))"
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
            parts.append("\(KnobKeys.keys(ofKnob: index)) \(KnobText.display(knob, mode: state.mode, settings: settings, size: size))")
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

    /// The caption: what the view shows, in plain words; what the shown field's flavor changed
    /// (Swin V2's cosine attention, a library's window rules); then how many keys the drawn field
    /// reaches (nonzero mass), counted from `outcome`'s weights, not claimed.
    public static func caption(_ state: ExplorerState, outcome: FieldOutcome?) -> String {
        var words = caption(state)
        guard !state.compare, case let .field(field, _)? = outcome else { return words }
        if let flavor = field.flavor { words += " " + flavor.explanation }
        guard !state.teaching.hidesWeights, field.mode == state.mode else { return words }
        let reached = field.reachedKeyCount, all = field.storedWeights.count
        let reach = reached == all ? "This view reaches all \(all) keys." : "This view reaches \(reached) of \(all) keys."
        return words + " " + reach
    }

    /// The mode's own sentence for the view (the descriptor's caption), or the compare view's.
    public static func caption(_ state: ExplorerState) -> String {
        if state.compare {
            let names = state.teaching.compareModes.map(\.title)
            let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1] : names.joined()
            return "Compare: the same query under \(list). 1-9 add or remove a panel."
        }
        let descriptor = state.mode.descriptor
        let words = descriptor.caption(state.settings, MapDimensions(height: state.mapHeight, width: state.mapWidth))
        let layers = state.settings.layers ?? 1
        guard layers > 1 else { return words }
        // The single layer's sentence ("nothing crosses a window border") is not true of a stack.
        let how = descriptor.stackNote.map { "; \($0)" } ?? ""
        return "\(layers) stacked layers of \(descriptor.title)\(how): each layer reads the last one's output, so the reach grows layer by layer."
    }

    /// The side panel: the mode, map and settings, the mode's notes (a step's lesson: routes
    /// and their shares, the padding, the roll), then Rendering's statistics of the field (Σ,
    /// entropy, effective keys, cost, …): a short panel cuts the statistics, not the lesson.
    public static func sidePanel(_ state: ExplorerState, outcome: FieldOutcome?) -> [String] {
        var lines = [state.mode.title, state.mapName, "T \(NumberText.short(state.temperature))"]
        let size = MapDimensions(height: state.mapHeight, width: state.mapWidth)
        let settings = state.settingsByMode[state.mode] ?? AttentionSettings()
        for knob in state.mode.descriptor.knobs.prefix(2) {
            lines.append(KnobText.display(knob, mode: state.mode, settings: settings, size: size))
        }
        if let heads = state.headCount, state.mode.descriptor.reads.contains(.head) {
            lines.append(settings.meanOfHeads ? "head mean" : "head \(settings.head)/\(heads)")
        }
        guard case let .field(field, _) = outcome else { return lines }
        if let label = field.stepLabel { lines.append("view \(label)") }
        lines.append("")
        if !field.notes.isEmpty { lines += field.notes + [""] }
        lines += FieldSummary.sidePanel(field)
        lines += prefixLines(field, names: state.prefixTokens)
        if state.topKeyMarks > 0 { lines.append("\(state.topKeyMarks) hottest keys marked (M)") }
        lines.append(badge(state, field: field))
        return lines
    }
}
