import Attention

/// A knob's value as the hint line and side panel show it, true for stacked layers too.
enum KnobText {
    /// `knob`'s display for `settings`; when the mode is stacked (L > 1) and its layer kinds give
    /// the knob different values (Swin's shift: 0 on W-MSA layers, M/2 on SW-MSA), every kind's
    /// value in layer order ("shift off/3 by layer"), as the stack's notes say.
    static func display(_ knob: Knob, mode: Mode, settings: AttentionSettings, size: MapDimensions) -> String {
        let plain = knob.display(settings, size)
        guard (settings.layers ?? 1) > 1 else { return plain }
        let kinds = mode.descriptor.layerKinds(settings, size)
        var shown: [String] = []
        for kind in kinds {
            let text = knob.display(kind.settings, size)
            if !shown.contains(text) { shown.append(text) }
        }
        guard shown.count > 1 else { return plain }
        // "shift off", "shift 3" → "shift off/3 by layer": the common first word once.
        let heads = shown.map { $0.split(separator: " ", maxSplits: 1).map(String.init) }
        if heads.allSatisfy({ $0.count == 2 && $0[0] == heads[0][0] }) {
            return heads[0][0] + " " + heads.map { $0[1] }.joined(separator: "/") + " by layer"
        }
        return shown.joined(separator: "/") + " by layer"
    }
}
