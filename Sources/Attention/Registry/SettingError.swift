/// A setting a mechanism cannot use: which setting, which rule it breaks, which value it has.
///
/// The engine never spells a front end's name for a setting; each front end words the error
/// with `message(naming:)`: `--kernel` on the command line, `kernel` in a tour or session line,
/// `K` on a key.
public struct SettingError: Error, Hashable, Sendable {
    /// The mode whose rule is broken; nil for a rule every mode shares.
    public var mode: Mode?
    /// The setting.
    public var setting: Setting
    /// The rule it breaks.
    public var rule: SettingRule
    /// Its value.
    public var value: SettingValue

    /// Creates an error.
    public init(mode: Mode? = nil, setting: Setting, rule: SettingRule, value: SettingValue) {
        self.mode = mode
        self.setting = setting
        self.rule = rule
        self.value = value
    }

    /// The one wording of every setting error: `"<mode>: <name> <what the rule asks> (got <value>)"`,
    /// with `name` the front end's spelling of a setting.
    public func message(naming name: (Setting) -> String) -> String {
        let prefix = mode.map { "\($0.name): " } ?? ""
        return prefix + name(setting) + " " + rule.requirement(naming: name) + " (got \(value))"
    }

    /// The spelling of the command line: `--kernel`.
    public static func flag(_ setting: Setting) -> String { "--" + setting.rawValue }
    /// The spelling of tour and session lines: `kernel`.
    public static func keyword(_ setting: Setting) -> String { setting.rawValue }
}

/// What a setting must be.
public enum SettingRule: Hashable, Sendable {
    /// A finite number.
    case finite
    /// A positive finite number.
    case positive
    /// A whole number in the range.
    case within(ClosedRange<Int>)
    /// An odd whole number in the range.
    case oddWithin(ClosedRange<Int>)
    /// Less than another setting's value (a shift below the window).
    case below(Setting, Int)
    /// A value that, with `other` at `otherValue`, gives an odd kernel: LKA's ⌈K/d⌉.
    case oddQuotient(other: Setting, otherValue: Int, quotient: Int)
    /// Small enough that `scale / T` stays finite.
    case notOverflowing(Setting, Float)
    /// Only 1: the mode cannot stack layers.
    case notStackable
    /// Within what this map allows; the words say why.
    case mapLimit(String)

    /// Whether the rule ties this setting to another one (so a front end setting them one by
    /// one checks it after both).
    public var tiesSettings: Bool {
        if case .oddQuotient = self { return true }
        return false
    }

    /// What the rule asks, in words; `name` spells other settings it mentions.
    public func requirement(naming name: (Setting) -> String) -> String {
        switch self {
        case .finite: return "must be a finite number"
        case .positive: return "must be a positive finite number"
        case let .within(range): return "must be " + Self.words(range)
        case let .oddWithin(range): return "must be odd and " + Self.words(range)
        case let .below(other, limit): return "must be in [0, \(limit)) for \(name(other)) \(limit)"
        case let .oddQuotient(other, value, quotient):
            return "with \(name(other)) \(value) gives a \(quotient)×\(quotient) dilated kernel (⌈K/d⌉); it must be odd to keep the map's size (VAN: K 21, d 3 → 7×7)"
        case let .notOverflowing(other, value):
            return "is too small for \(name(other)) \(SettingValue.real(value)): scale/T overflows"
        case .notStackable: return "must be 1: this mode cannot stack layers"
        case let .mapLimit(reason): return reason
        }
    }

    /// `range` in words: "at least 1", "1 or 2", "between 1 and 64".
    static func words(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == Int.max { return "at least \(range.lowerBound)" }
        if range.upperBound == range.lowerBound + 1 { return "\(range.lowerBound) or \(range.upperBound)" }
        return "between \(range.lowerBound) and \(range.upperBound)"
    }
}
