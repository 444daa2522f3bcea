import Attention
import FeatureMaps

/// A toy mechanism that exists only in the tests, to show (and check) that a new mechanism is
/// its type, its descriptor and one registration: the query reads the K×K box around it,
/// clipped to the map, with equal weights. `docs/adding-a-mechanism.md` walks through it.
final class BoxAttention: Mechanism {
    let mode = Mode.box
    let steps: [String] = []
    private let height: Int
    private let width: Int
    private let kernel: Int

    init(map: FeatureMap, settings: AttentionSettings) throws {
        try Self.descriptor.check(settings)
        height = map.height
        width = map.width
        kernel = settings.kernel ?? Self.defaultKernel
    }

    func field(at query: Position) throws -> AttentionField {
        guard query.row >= 0, query.row < height, query.col >= 0, query.col < width else {
            throw AttentionError.queryOutsideMap(query: query, height: height, width: width)
        }
        let r = kernel / 2
        let rows = max(0, query.row - r)...min(height - 1, query.row + r)
        let cols = max(0, query.col - r)...min(width - 1, query.col + r)
        let count = rows.count * cols.count
        var weights = [Float](repeating: 0, count: height * width)
        for i in rows { for j in cols { weights[i * width + j] = 1 / Float(count) } }
        return AttentionField(mode: mode, height: height, width: width, query: query, weights: weights,
                              cost: Cost(macsPerQuery: Double(count), queriesPerLayer: height * width, keysPerQuery: count),
                              keysAttended: count)
    }
}

extension Mode {
    /// The toy box mechanism of the tests.
    static let box = Mode(declaring: "box")
}

extension BoxAttention {
    static let defaultKernel = 3
    static let kernelRange = 1...15

    /// Its descriptor: one knob (K, odd), stackable, no softmax.
    static let descriptor = MechanismDescriptor(
        mode: .box, title: "Box (test toy)", traits: [.stackable], reads: [.kernel, .layers],
        knobs: [Knob.integer(.kernel, label: "K", defaultValue: { _ in defaultKernel }, range: { _ in kernelRange })],
        rules: { s in SettingsValidation.integer(.kernel, in: s, range: kernelRange, odd: true) },
        caption: { s, _ in
            let k = s.kernel ?? defaultKernel
            return "Box: the query reads the \(k)×\(k) box around it, every key alike."
        },
        make: { map, settings, _, _ in try BoxAttention(map: map, settings: settings) })
}
