/// The one validation of settings every front end calls (command line, tours, sessions, keys),
/// and the engine calls again before it makes a mechanism.
public enum SettingsValidation {
    /// The rules every mode shares: a positive finite temperature, a finite scale with `scale/T`
    /// finite, finite γ and offset range, a window of at least 1 with the shift inside it,
    /// positive kernel, dilation, passes, stride and layers (layers at most
    /// `StackedLayers.maximumLayers`), non-negative head, group and step.
    public static func common(_ s: AttentionSettings) -> SettingError? {
        func error(_ setting: Setting, _ rule: SettingRule) -> SettingError {
            SettingError(setting: setting, rule: rule, value: setting.value(in: s) ?? .integer(0))
        }
        guard s.temperature.isFinite, s.temperature > 0 else { return error(.temperature, .positive) }
        if let scale = s.scale, !scale.isFinite { return error(.scale, .finite) }
        let factor = (s.scale ?? 1) / s.temperature
        guard factor.isFinite, (1 / s.temperature).isFinite else {
            return error(.temperature, .notOverflowing(.scale, s.scale ?? 1))
        }
        guard s.gamma.isFinite else { return error(.gamma, .finite) }
        guard s.offsetRange.isFinite else { return error(.offsetRange, .finite) }
        guard s.window >= 1 else { return error(.window, .within(1...Int.max)) }
        guard s.shift >= 0, s.shift < s.window else { return error(.shift, .below(.window, s.window)) }
        let positive: [(Setting, Int?)] = [(.kernel, s.kernel), (.dilation, s.dilation), (.passes, s.passes),
                                            (.stride, s.stride)]
        for case let (setting, value?) in positive where value < 1 { return error(setting, .within(1...Int.max)) }
        if let layers = s.layers, !(1...StackedLayers.maximumLayers).contains(layers) {
            return error(.layers, .within(1...StackedLayers.maximumLayers))
        }
        guard s.head >= 0 else { return error(.head, .within(0...Int.max)) }
        guard s.group >= 0 else { return error(.group, .within(0...Int.max)) }
        if let step = s.step, step < 0 { return error(.step, .within(0...Int.max)) }
        return nil
    }

    /// The first rule `settings` break for `mode` (shared rules first), nil when it can use them.
    public static func validate(_ settings: AttentionSettings, for mode: Mode) -> SettingError? {
        mode.descriptor.validate(settings)
    }

    /// A rule for an optional whole-number setting: nil passes (the default), else the value
    /// must lie in `range` (and be odd when `odd`).
    public static func integer(_ setting: Setting, in settings: AttentionSettings, range: ClosedRange<Int>,
                               odd: Bool = false) -> SettingError? {
        guard case let .integer(value)? = setting.value(in: settings) else { return nil }
        guard range.contains(value), !odd || value % 2 != 0 else {
            return SettingError(setting: setting, rule: odd ? .oddWithin(range) : .within(range), value: .integer(value))
        }
        return nil
    }
}
