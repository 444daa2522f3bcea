import FeatureMaps

/// The registry: every mechanism's descriptor, in digit-key order.
///
/// `standard` lists the built-in mechanisms: a new one is one line there. Tests add their own
/// for the duration of a body with `withRegistered(_:_:)` (a task-local addition, so other tests
/// running at the same time still see the nine), and run them through the same checks.
public enum Mechanisms {
    /// The built-in mechanisms, in the order of the explorer's digit keys.
    public static let standard: [MechanismDescriptor] = [
        GlobalAttention.descriptor,
        WindowAttention.descriptor,
        AxialAttention.descriptor,
        CrissCrossAttention.descriptor,
        DeformableConvolution.descriptor,
        DeformableAttention.descriptor,
        NeighborhoodAttention.descriptor,
        LargeKernelAttention.descriptor,
        LocallyEnhancedSelfAttention.descriptor,
        LoadedAttention.descriptor,
    ]

    /// Mechanisms registered for the current task by `withRegistered(_:_:)`, after the standard ones.
    @TaskLocal static var additions: [MechanismDescriptor] = []

    /// Every registered mechanism: the standard ones, then those added for this task.
    public static var all: [MechanismDescriptor] {
        let added = additions
        return added.isEmpty ? standard : standard + added
    }

    /// Runs `body` with `descriptors` registered after the others (their digits are their
    /// places, if ≤ 9), for this task and the work it calls synchronously.
    public static func withRegistered<T>(_ descriptors: [MechanismDescriptor], _ body: () throws -> T) rethrows -> T {
        try $additions.withValue(additions + descriptors, operation: body)
    }

    /// The descriptor of `mode`, nil when it is not registered.
    public static func descriptor(for mode: Mode) -> MechanismDescriptor? {
        if let index = standardIndex[mode] { return standard[index] }
        return additions.first { $0.mode == mode }
    }

    /// The descriptor called `name`, nil when none is.
    public static func descriptor(named name: String) -> MechanismDescriptor? {
        all.first { $0.mode.rawValue == name }
    }

    /// The digit key of `mode`: its 1-based place in the registry, nil past 9 or unregistered.
    public static func digit(of mode: Mode) -> Int? {
        let place = standardIndex[mode] ?? additions.firstIndex { $0.mode == mode }.map { standard.count + $0 }
        return place.flatMap { $0 < 9 ? $0 + 1 : nil }
    }

    /// The mode a digit key selects, nil when no mechanism has it.
    public static func mode(forDigit digit: Int) -> Mode? {
        guard (1...9).contains(digit) else { return nil }
        let all = self.all
        return digit <= all.count ? all[digit - 1].mode : nil
    }

    /// The registered names, comma-separated, for messages ("global, window, …").
    public static var names: String { all.map(\.mode.name).joined(separator: ", ") }

    /// Makes the mechanism for `mode`, validating settings and loaded tensors: a stack of
    /// layers when `settings.layers` > 1, the mean of every head with `meanOfHeads`; `runtime`
    /// says how many cores its queries may use.
    public static func make(_ mode: Mode, map: FeatureMap, settings: AttentionSettings,
                            inputs: AttentionInputs,
                            runtime: RuntimeConfiguration = RuntimeConfiguration()) throws -> any Mechanism {
        guard let descriptor = descriptor(for: mode) else {
            throw AttentionError.unknownMode(mode.rawValue)
        }
        if let error = descriptor.validate(settings) { throw AttentionError.setting(error) }
        if (settings.layers ?? 1) != 1 {
            return try StackedLayers(descriptor, map: map, settings: settings, inputs: inputs, runtime: runtime)
        }
        return try layer(descriptor, map: map, settings: settings, inputs: inputs, runtime: runtime)
    }

    /// One layer of `descriptor`'s mechanism: the head `settings.head`, or the mean of every
    /// head (`HeadMean`) with `meanOfHeads`.
    static func layer(_ descriptor: MechanismDescriptor, map: FeatureMap, settings: AttentionSettings,
                      inputs: AttentionInputs, runtime: RuntimeConfiguration) throws -> any Mechanism {
        if settings.meanOfHeads {
            return try HeadMean(descriptor, map: map, settings: settings, inputs: inputs, runtime: runtime)
        }
        return try descriptor.make(map, settings, inputs, runtime)
    }

    /// Each standard name's place.
    private static let standardIndex = Dictionary(uniqueKeysWithValues: standard.enumerated().map { ($1.mode, $0) })
}
