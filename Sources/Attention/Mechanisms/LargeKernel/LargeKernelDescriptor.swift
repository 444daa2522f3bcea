extension Mode {
    /// Large-kernel attention: decomposed depthwise convolutions that gate the input (VAN).
    public static let lka = Mode(declaring: "lka")
}

extension LargeKernelAttention {
    /// K when none is set (VAN's 21).
    public static let defaultKernel = 21
    /// d when none is set (VAN's 3).
    public static let defaultDilation = 3
    /// The K and d accepted: beyond them nothing changes on any map but arithmetic could overflow.
    static let range = 1...limit

    /// LKA in the registry: K on `-` `=`, d on `[` `]`, both skipping pairs whose dilated
    /// kernel ⌈K/d⌉ is even; no softmax, stackable.
    public static let descriptor = MechanismDescriptor(
        mode: .lka, title: "VAN large-kernel (LKA)", traits: [.stackable], inputs: [.kernels],
        reads: [.kernel, .dilation, .layers],
        knobs: [Knob.integer(.kernel, label: "K", defaultValue: { _ in defaultKernel }, range: { _ in range }),
                Knob.integer(.dilation, label: "d", defaultValue: { _ in defaultDilation }, range: { _ in range })],
        rules: { s in
            if let error = SettingsValidation.integer(.kernel, in: s, range: range)
                ?? SettingsValidation.integer(.dilation, in: s, range: range) { return error }
            let k = s.kernel ?? defaultKernel, d = s.dilation ?? defaultDilation
            let b = dilatedKernel(k, d)
            guard b % 2 == 1 else {
                return SettingError(setting: .kernel, rule: .oddQuotient(other: .dilation, otherValue: d, quotient: b), value: .integer(k))
            }
            return nil
        },
        caption: { s, _ in
            // Clamped into the accepted range first: the caption is drawn for any settings.
            let k = Swift.min(Swift.max(s.kernel ?? defaultKernel, 1), limit)
            let d = Swift.min(Swift.max(s.dilation ?? defaultDilation, 1), limit)
            let b = dilatedKernel(k, d), first = 2 * d - 1
            let field = first + (b - 1) * d
            return "VAN large-kernel attention (K = \(k), d = \(d)): \(first)×\(first) depthwise, then \(b)×\(b) dilated by \(d): a \(field)×\(field) field set by the kernels, not the features (no softmax)."
        },
        reference: { try LargeKernelReference.field(map: $0, query: $1, settings: $2, inputs: $3) },
        make: { map, settings, inputs, _ in try LargeKernelAttention(map: map, settings: settings, inputs: inputs) })

    /// ⌈K/d⌉, the second convolution's size, for K and d in `range`.
    static func dilatedKernel(_ k: Int, _ d: Int) -> Int { (k + d - 1) / d }
}
