import Attention

/// The words and numbers shown beside a field, with docs/mechanisms.md's definitions, ready for a
/// side panel, a status line and a caption.
public enum FieldSummary {
    /// The panel title of a field: the mode's title, its flavor (Swin V2, a library's rules), its
    /// step, and "illustrative" when synthetic stand-ins were used.
    public static func title(_ field: AttentionField) -> String {
        var title = field.mode.title
        if let flavor = field.flavor { title += " · \(flavor.name)" }
        if let step = field.stepLabel { title += " · \(step)" }
        if field.illustrative { title += " · illustrative" }
        return title
    }

    /// One status line: mode (and flavor), query, the weight at the query, Σ and entropy.
    public static func status(_ field: AttentionField, cursor: Position? = nil) -> String {
        let at = cursor ?? field.query
        let inside = at.row >= 0 && at.row < field.height && at.col >= 0 && at.col < field.width
        let w = inside ? NumberFormat.compact(Double(field.weight(at: at))) : "–"
        let s = field.statistics
        let mode = field.flavor.map { "\(field.mode.name) (\($0.name))" } ?? field.mode.name
        let prefix = field.prefix.isEmpty ? "" : "  prefix=\(fixed(field.prefix.reduce(0, +), 4))"
        if let token = field.prefixQuery {  // a prefix token has no pixel to read the weight at
            return "\(mode)  q=token:\(token)  Σ=\(fixed(s.sum, 4))\(prefix)  H=\(fixed(s.entropy, 2)) nats"
        }
        return "\(mode)  q=\(field.query.row),\(field.query.col)  w\(at.description)=\(w)"
            + "  Σ=\(fixed(s.sum, 4))\(prefix)  H=\(fixed(s.entropy, 2)) nats"
    }

    /// The statistics, one per line: the flavor, Σ, off-image mass, max and where, entropy, effective and
    /// attended keys, NaNs, cost per query and per layer, and the mode's extras.
    public static func sidePanel(_ field: AttentionField) -> [String] {
        let s = field.statistics
        let argmax = Position(row: s.argmax / max(1, field.width), col: s.argmax % max(1, field.width))
        var lines = ["map \(field.height)×\(field.width)"]
        if let flavor = field.flavor { lines.append(flavor.name) }
        lines += [field.prefixQuery.map { "query token:\($0)" } ?? "query \(field.query.row),\(field.query.col)",
                  "Σ \(fixed(s.sum, 6))"]
        if field.offImage != 0 { lines.append("off-image \(NumberFormat.compact(field.offImage))") }
        lines += [
            "max \(NumberFormat.compact(s.max)) at \(argmax.row),\(argmax.col)",
            "entropy \(fixed(s.entropy, 3)) nats",
            "effective keys \(fixed(s.effectiveKeys, 1))",
            attended(field),
            "keys reached \(field.reachedKeyCount)",
        ]
        if s.nanCount > 0 { lines.append("NaN weights \(s.nanCount)") }
        lines.append("MACs/query \(NumberFormat.compact(s.cost.macsPerQuery))")
        lines.append("MACs/layer \(NumberFormat.compact(s.cost.macsPerLayer))")
        lines.append("attn matrix \(NumberFormat.compact(s.cost.attentionEntriesPerLayer))")
        for key in field.extras.keys.sorted() {
            lines.append("\(key) \(NumberFormat.compact(field.extras[key] ?? 0))")
        }
        if !field.samples.isEmpty { lines.append("samples \(field.samples.count)") }
        return lines
    }

    /// The keys the softmax (or sampler) ran over, said per pass where a composed map's passes
    /// each attend them: beside "keys reached", which counts the keys holding mass.
    static func attended(_ field: AttentionField) -> String {
        let n = field.statistics.keysAttended
        switch (field.mode, field.stepLabel) {
        case (.crissCross, "composed"?): return "keys attended \(n) per pass"
        case (.axial, "composed"?): return "keys attended \(n) in 2 passes"
        default: return "keys attended \(n)"
        }
    }

    /// The caption: what the flavor changed, then the field's notes (the title already says when the field is illustrative).
    public static func caption(_ field: AttentionField) -> String? {
        let parts = (field.flavor.map { [$0.explanation] } ?? []) + field.notes
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// `v` with `digits` decimals, safe for every value (`NumberText.fixed`).
    private static func fixed(_ v: Double, _ digits: Int) -> String { NumberText.fixed(v, digits) }
}
