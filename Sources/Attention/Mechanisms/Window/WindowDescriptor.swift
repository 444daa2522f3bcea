extension Mode {
    /// Attention inside the query's (optionally shifted) window (Swin).
    public static let window = Mode(declaring: "window")
}

extension WindowAttention {
    /// Swin's window attention in the registry: window M on `-` `=`, the shift on `[` `]`;
    /// stacked, its layers alternate W-MSA and SW-MSA as Swin's blocks do.
    public static let descriptor = MechanismDescriptor(
        mode: .window, title: "Swin window", traits: [.softmax, .stackable, .heads, .offImage],
        inputs: [.projections, .relativeBias], reads: [.temperature, .scale, .head, .window, .shift, .layers],
        knobs: [windowKnob, shiftKnob],
        caption: { s, size in
            guard s.window >= 1, s.shift >= 0, s.shift < s.window, size.height > 0, size.width > 0 else {
                return "Swin: the query reads only its own window."
            }
            let e = SwinLayout.effective(height: size.height, width: size.width, window: s.window, shift: s.shift,
                                         variant: s.variant ?? .official)
            let rules = (s.variant ?? .official).qualifier.map { " (\($0))" } ?? ""
            if e.shiftRows == 0 && e.shiftCols == 0 {
                return "Swin\(rules): the query reads only its own \(e.windowRows)×\(e.windowCols) window; nothing crosses a window border."
            }
            return "Swin shifted windows\(rules) (shift \(s.shift)): windows move by \(s.shift), so they mix across the old borders; wrapped-around keys are masked."
        },
        teachingViews: { s in s.shift != 0 || (s.layers ?? 1) > 1 ? [.rearranged] : [] },
        layerKinds: { s, size in
            var regular = s, shifted = s
            regular.shift = 0
            shifted.shift = s.window / 2
            let e = SwinLayout.effective(height: size.height, width: size.width, window: s.window, shift: shifted.shift,
                                         variant: s.variant ?? .official)
            let effective = e.shiftRows == e.shiftCols ? "\(e.shiftRows)" : "\(e.shiftRows),\(e.shiftCols)"
            return [(regular, "W-MSA (shift 0)"), (shifted, "SW-MSA (shift \(effective))")]
        },
        stackNote: "odd layers W-MSA (shift 0), even layers SW-MSA (shift M//2), as Swin alternates its blocks",
        reference: { try WindowReference.field(map: $0, query: $1, settings: $2, inputs: $3) },
        make: { map, settings, inputs, _ in try WindowAttention(map: map, settings: settings, inputs: inputs) })

    /// M from 2 up to the map's smaller side (a larger window changes nothing); a shift that
    /// is on follows M/2.
    static let windowKnob = Knob.integer(
        .window, label: "M", defaultValue: { _ in AttentionSettings().window },
        range: { size in 2...Swift.max(2, Swift.min(size.height, size.width)) },
        adjust: { s in if s.shift != 0 { s.shift = s.window / 2 } })

    /// The shift: off (0) or M/2.
    static let shiftKnob = Knob(
        setting: .shift, label: "shift",
        display: { s, _ in s.shift == 0 ? "shift off" : "shift \(s.shift)" },
        propose: { s, direction, _ in
            let wanted = direction > 0 ? s.window / 2 : 0
            if direction > 0 && wanted == 0 {
                return .failure(KnobRefusal(setting: .shift, label: "shift", value: "0", reason: "M = \(s.window) is too small to shift"))
            }
            guard wanted != s.shift else {
                return .failure(KnobRefusal(setting: .shift, label: "shift", value: String(s.shift),
                                            reason: direction > 0 ? "already shifted by M/2 = \(wanted)" : "shift is already off"))
            }
            var changed = s
            changed.shift = wanted
            return .success(changed)
        })
}
