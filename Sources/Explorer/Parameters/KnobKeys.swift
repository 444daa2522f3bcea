import Attention

/// The keys that turn a mode's knobs and the words of their refusals.
///
/// `-` `=` turn the descriptor's first knob, `[` `]` its second (`MechanismDescriptor.knobs`);
/// the knob skips values the mode's rules refuse, so the keys never make invalid settings.
public enum KnobKeys {
    /// The keys of knob `index` on the hint line.
    public static func keys(ofKnob index: Int) -> String {
        index == 0 ? "-/=" : "[/]"
    }

    /// The knob index and direction a key turns, nil for other keys.
    public static func knob(for character: Character) -> (index: Int, direction: Int)? {
        switch character {
        case "-": return (0, -1)
        case "=", "+": return (0, 1)
        case "[": return (1, -1)
        case "]": return (1, 1)
        default: return nil
        }
    }

    /// A knob's refusal on the status line: `"lka: kernel K stays between 1 and 1048576 (K = 1)"`.
    public static func message(_ refusal: KnobRefusal, mode: Mode) -> String {
        let name = refusal.setting.words == refusal.label ? refusal.label : "\(refusal.setting.words) \(refusal.label)"
        if let blocked = refusal.blocked { return message(blocked) }
        if let reason = refusal.reason { return "\(mode.name): \(name): \(reason)" }
        return "\(mode.name): \(name) stays \(refusal.limits ?? "where it is") (\(refusal.label) = \(refusal.value))"
    }

    /// A setting error as the keys' user reads it: knobs by their labels (`K`), other settings
    /// by their keywords.
    public static func message(_ error: SettingError) -> String {
        let knobs = error.mode.flatMap { Mechanisms.descriptor(for: $0)?.knobs } ?? []
        return error.message { setting in knobs.first { $0.setting == setting }?.label ?? setting.rawValue }
    }
}
