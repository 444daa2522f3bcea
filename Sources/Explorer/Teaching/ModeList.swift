import Attention

/// Modes named in a message with their digit keys: "window (2), dcn (5) and lka (8)".
enum ModeList {
    /// The registered modes whose descriptor satisfies `predicate`, with their digits.
    static func naming(_ predicate: (MechanismDescriptor) -> Bool) -> String {
        let names = Mechanisms.all.filter(predicate).map { d in d.mode.digit.map { "\(d.mode.name) (\($0))" } ?? d.mode.name }
        guard names.count > 1 else { return names.first ?? "no mode" }
        return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }
}
