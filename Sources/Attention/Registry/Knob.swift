/// One setting a user turns with keys: the first knob of a descriptor with `-` `=`, the second
/// with `[` `]`.
///
/// A knob proposes the next value in a direction; `MechanismDescriptor.turn` skips proposals
/// the mode's rules refuse (an even kernel, LKA's even ⌈K/d⌉), so the keys never produce
/// settings the engine refuses. Arithmetic saturates: a value at `Int.max` steps down, never
/// wraps.
public struct Knob: Sendable {
    /// The setting it turns.
    public var setting: Setting
    /// Its short name on the hint line and in refusals ("K", "M", "R", "γ").
    public var label: String
    /// The value as shown ("K=21", "r=auto").
    public var display: @Sendable (AttentionSettings, MapDimensions) -> String
    /// The settings one proposal further in `direction` (−1 or +1) from `settings`, or a
    /// refusal saying why there is none.
    public var propose: @Sendable (AttentionSettings, Int, MapDimensions) -> Result<AttentionSettings, KnobRefusal>

    /// Creates a knob.
    public init(setting: Setting, label: String,
                display: @escaping @Sendable (AttentionSettings, MapDimensions) -> String,
                propose: @escaping @Sendable (AttentionSettings, Int, MapDimensions) -> Result<AttentionSettings, KnobRefusal>) {
        self.setting = setting
        self.label = label
        self.display = display
        self.propose = propose
    }

    /// A whole-number knob stepping by one through `range` (which may depend on the map);
    /// an unset value starts from `defaultValue`. A value outside the range (from a file or
    /// the command line) steps to the range's nearer end.
    public static func integer(_ setting: Setting, label: String, defaultValue: @escaping @Sendable (MapDimensions) -> Int,
                               range: @escaping @Sendable (MapDimensions) -> ClosedRange<Int>,
                               display: (@Sendable (AttentionSettings, MapDimensions) -> String)? = nil,
                               adjust: (@Sendable (inout AttentionSettings) -> Void)? = nil) -> Knob {
        @Sendable func current(_ s: AttentionSettings, _ size: MapDimensions) -> Int {
            if case let .integer(v)? = setting.value(in: s) { return v }
            return defaultValue(size)
        }
        return Knob(
            setting: setting, label: label,
            display: display ?? { s, size in "\(label)=\(current(s, size))" },
            propose: { s, direction, size in
                let value = current(s, size), limits = range(size)
                let next: Int
                if direction > 0 && value < limits.lowerBound { next = limits.lowerBound }
                else if direction < 0 && value > limits.upperBound { next = limits.upperBound }
                else {
                    let (sum, overflow) = value.addingReportingOverflow(direction > 0 ? 1 : -1)
                    guard !overflow, limits.contains(sum) else {
                        return .failure(KnobRefusal(setting: setting, label: label, value: String(value), limits: SettingRule.words(limits)))
                    }
                    next = sum
                }
                var changed = s
                setting.set(.integer(next), in: &changed)
                adjust?(&changed)
                return .success(changed)
            })
    }

    /// A real-number knob stepping by `increment` through `range`, snapped to the grid of
    /// `increment` from the range's lower end; `current` reads the value to step from.
    public static func real(_ setting: Setting, label: String, range: ClosedRange<Float>, increment: Float,
                            current: @escaping @Sendable (AttentionSettings) -> Float,
                            display: @escaping @Sendable (AttentionSettings, MapDimensions) -> String) -> Knob {
        Knob(
            setting: setting, label: label, display: display,
            propose: { s, direction, _ in
                let value = current(s)
                let refusal = KnobRefusal(setting: setting, label: label, value: NumberText.short(value),
                                          limits: "between \(NumberText.short(range.lowerBound)) and \(NumberText.short(range.upperBound))")
                let next: Float
                if !value.isFinite || value < range.lowerBound {
                    guard direction > 0 else { return .failure(refusal) }
                    next = value.isNaN ? range.lowerBound : (value > 0 ? range.upperBound : range.lowerBound)
                } else if value > range.upperBound {
                    guard direction < 0 else { return .failure(refusal) }
                    next = range.upperBound
                } else {
                    let steps = ((value - range.lowerBound) / increment).rounded() + Float(direction)
                    next = range.lowerBound + steps * increment
                    guard next >= range.lowerBound - increment / 1000, next <= range.upperBound + increment / 1000 else {
                        return .failure(refusal)
                    }
                }
                var changed = s
                setting.set(.real(next), in: &changed)
                return .success(changed)
            })
    }
}

/// A knob that cannot move further: its label, its value and its limits, worded by the front end.
public struct KnobRefusal: Error, Hashable, Sendable {
    /// The setting the knob turns.
    public var setting: Setting
    /// The knob's label ("K").
    public var label: String
    /// The value it has, as shown.
    public var value: String
    /// Where it can go, in words ("between 1 and 64"); nil when `reason` says it all.
    public var limits: String?
    /// Why not, when it is not the end of a range ("the window is too small to shift").
    public var reason: String?
    /// Another setting the mode cannot use, which blocks this knob until it is changed.
    public var blocked: SettingError?

    /// Creates a refusal.
    public init(setting: Setting, label: String, value: String, limits: String? = nil, reason: String? = nil,
                blocked: SettingError? = nil) {
        self.blocked = blocked
        self.setting = setting
        self.label = label
        self.value = value
        self.limits = limits
        self.reason = reason
    }
}
