import Foundation

/// One field of `AttentionSettings`, by the name every front end starts from.
///
/// The raw value is the word a tour or session line uses (`offset-range 2`); the command line
/// puts `--` before it. Errors name a setting with this value, never with a front end's
/// spelling, so each front end words them for its own user (`SettingError.message(naming:)`).
public enum Setting: String, Sendable, CaseIterable, Hashable {
    /// `AttentionSettings.temperature`.
    case temperature
    /// `AttentionSettings.scale`.
    case scale
    /// `AttentionSettings.window`.
    case window
    /// `AttentionSettings.shift`.
    case shift
    /// `AttentionSettings.passes`.
    case passes
    /// `AttentionSettings.gamma`.
    case gamma
    /// `AttentionSettings.kernel`.
    case kernel
    /// `AttentionSettings.dilation`.
    case dilation
    /// `AttentionSettings.stride`.
    case stride
    /// `AttentionSettings.offsetRange`.
    case offsetRange = "offset-range"
    /// `AttentionSettings.head`.
    case head
    /// `AttentionSettings.group`.
    case group
    /// `AttentionSettings.layers`.
    case layers
    /// `AttentionSettings.step`.
    case step

    /// The setting in words ("offset range").
    public var words: String { rawValue.replacingOccurrences(of: "-", with: " ") }

    /// Whether it holds whole numbers (else reals).
    public var isWholeNumber: Bool {
        switch self {
        case .temperature, .scale, .gamma, .offsetRange: return false
        default: return true
        }
    }

    /// Whether it may be unset, taking the mode's default (`default` in a tour or session).
    public var mayBeDefault: Bool {
        switch self {
        case .scale, .passes, .kernel, .dilation, .stride, .layers, .step: return true
        default: return false
        }
    }

    /// `settings` with this setting unset (its mode's default); no change for a setting that
    /// cannot be unset.
    public func reset(in settings: inout AttentionSettings) {
        switch self {
        case .scale: settings.scale = nil
        case .passes: settings.passes = nil
        case .kernel: settings.kernel = nil
        case .dilation: settings.dilation = nil
        case .stride: settings.stride = nil
        case .layers: settings.layers = nil
        case .step: settings.step = nil
        default: break
        }
    }

    /// The value of this setting in `settings`; nil when it is unset (the mode's default).
    public func value(in settings: AttentionSettings) -> SettingValue? {
        switch self {
        case .temperature: return .real(settings.temperature)
        case .scale: return settings.scale.map(SettingValue.real)
        case .window: return .integer(settings.window)
        case .shift: return .integer(settings.shift)
        case .passes: return settings.passes.map(SettingValue.integer)
        case .gamma: return .real(settings.gamma)
        case .kernel: return settings.kernel.map(SettingValue.integer)
        case .dilation: return settings.dilation.map(SettingValue.integer)
        case .stride: return settings.stride.map(SettingValue.integer)
        case .offsetRange: return .real(settings.offsetRange)
        case .head: return .integer(settings.head)
        case .group: return .integer(settings.group)
        case .layers: return settings.layers.map(SettingValue.integer)
        case .step: return settings.step.map(SettingValue.integer)
        }
    }

    /// `settings` with this setting set to `value` (a real rounds toward zero for an integer
    /// setting only when it fits; callers pass the kind the setting holds).
    public func set(_ value: SettingValue, in settings: inout AttentionSettings) {
        switch (self, value) {
        case let (.temperature, .real(v)): settings.temperature = v
        case let (.scale, .real(v)): settings.scale = v
        case let (.gamma, .real(v)): settings.gamma = v
        case let (.offsetRange, .real(v)): settings.offsetRange = v
        case let (.window, .integer(v)): settings.window = v
        case let (.shift, .integer(v)): settings.shift = v
        case let (.passes, .integer(v)): settings.passes = v
        case let (.kernel, .integer(v)): settings.kernel = v
        case let (.dilation, .integer(v)): settings.dilation = v
        case let (.stride, .integer(v)): settings.stride = v
        case let (.head, .integer(v)): settings.head = v
        case let (.group, .integer(v)): settings.group = v
        case let (.layers, .integer(v)): settings.layers = v
        case let (.step, .integer(v)): settings.step = v
        default: preconditionFailure("\(rawValue) does not hold \(value)")
        }
    }
}

/// A setting's value as the user gave it: a whole number or a real.
public enum SettingValue: Hashable, Sendable, CustomStringConvertible {
    /// A whole number (window, kernel, passes, …).
    case integer(Int)
    /// A real number (temperature, γ, offset range, scale).
    case real(Float)

    /// The value in the shortest faithful spelling (never traps, whatever the value).
    public var description: String {
        switch self {
        case let .integer(v): return String(v)
        case let .real(v): return v.isFinite ? NumberText.short(v) : "\(v)"  // nan, inf: as typed
        }
    }
}
