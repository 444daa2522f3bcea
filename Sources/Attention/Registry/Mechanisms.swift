import Foundation
import FeatureMaps

/// The registry: every mechanism's descriptor, in digit-key order.
///
/// `standard` lists the built-in mechanisms; `register(_:)` adds one at run time (the tests
/// register a toy mechanism this way and run it through the same checks as the real ones).
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
    ]

    /// Every registered mechanism: the standard ones, then those registered since.
    public static var all: [MechanismDescriptor] { registry.withLock { $0.all } }

    /// Adds `descriptor` after the others (its digit is its place, if ≤ 9). Registering a name
    /// twice replaces the earlier descriptor in place.
    public static func register(_ descriptor: MechanismDescriptor) {
        registry.withLock { state in
            if let index = state.all.firstIndex(where: { $0.mode == descriptor.mode }) {
                state.all[index] = descriptor
            } else {
                state.all.append(descriptor)
            }
            state.index = Dictionary(uniqueKeysWithValues: state.all.enumerated().map { ($1.mode.rawValue, $0) })
        }
    }

    /// The descriptor of `mode`, nil when it is not registered.
    public static func descriptor(for mode: Mode) -> MechanismDescriptor? {
        descriptor(named: mode.rawValue)
    }

    /// The descriptor called `name`, nil when none is.
    public static func descriptor(named name: String) -> MechanismDescriptor? {
        registry.withLock { state in state.index[name].map { state.all[$0] } }
    }

    /// The digit key of `mode`: its 1-based place in the registry, nil past 9 or unregistered.
    public static func digit(of mode: Mode) -> Int? {
        registry.withLock { state in state.index[mode.rawValue].map { $0 + 1 } }.flatMap { $0 <= 9 ? $0 : nil }
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
    /// layers when `settings.layers` > 1.
    public static func make(_ mode: Mode, map: FeatureMap, settings: AttentionSettings,
                            inputs: AttentionInputs) throws -> any Mechanism {
        guard let descriptor = descriptor(for: mode) else {
            throw AttentionError.unknownMode(mode.rawValue)
        }
        if let error = descriptor.validate(settings) { throw AttentionError.setting(error) }
        if (settings.layers ?? 1) != 1 {
            return try StackedLayers(descriptor, map: map, settings: settings, inputs: inputs)
        }
        return try descriptor.make(map, settings, inputs)
    }

    /// The registry's state: the descriptors and each name's place.
    private struct State {
        var all: [MechanismDescriptor]
        var index: [String: Int]
    }

    private static let registry = Locked(State(
        all: standard, index: Dictionary(uniqueKeysWithValues: standard.enumerated().map { ($1.mode.rawValue, $0) })))
}

/// A value behind a lock, for the registry that tests may extend while others read it.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
