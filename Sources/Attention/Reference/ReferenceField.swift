import FeatureMaps

/// What a plain reference implementation computes for one query: the weight map, the mass off
/// the image and (dcn, dat) the sampled points, in Double.
///
/// The references are the readable definitions of the modes (`docs/mechanisms.md`, MECHANISMS.md):
/// plain loops, no caches, kernels, pointers or shortcuts. The shared contract test checks every
/// fast path against them, and them against the committed PyTorch vectors.
public struct ReferenceField: Sendable {
    /// `M[row·W + col]`.
    public var weights: [Double]
    /// Mass outside the image (bilinear corners off the map, Swin padding tokens).
    public var offImage: Double = 0
    /// The sampled points of dcn and dat, in pixels, with their mass.
    public var samples: [Sample] = []

    /// A field of `weights` with the mass off the image and the sampled points.
    public init(weights: [Double], offImage: Double = 0, samples: [Sample] = []) {
        self.weights = weights
        self.offImage = offImage
        self.samples = samples
    }
}

/// One mode's plain definition: features, query, settings and inputs in, the field out.
///
/// A reference assumes settings the engine accepts (validation is the engine's); it reads the
/// loaded tensors with the same readers as the fast path (shape rules, not arithmetic), and the
/// synthetic stand-ins (dcn's offset field, dat's offset network) are inputs it shares with it.
protocol ReferenceMechanism {
    /// The field of `query`; `settings.step` picks a view where the mode has steps.
    static func field(map: FeatureMap, query: Position, settings: AttentionSettings,
                      inputs: AttentionInputs) throws -> ReferenceField
}

/// The references of the registered modes, each read from its descriptor.
enum References {
    /// The reference of a single layer of `mode`: its descriptor's (a mechanism registered
    /// without one has none).
    static func single(_ mode: Mode) throws -> MechanismDescriptor.Reference {
        guard let reference = Mechanisms.descriptor(for: mode)?.reference else {
            throw AttentionError.unknownMode(mode.rawValue)
        }
        return reference
    }

    /// The field of `query` under `mode`, stacked when `settings.layers` > 1.
    static func field(_ mode: Mode, map: FeatureMap, query: Position, settings: AttentionSettings,
                      inputs: AttentionInputs) throws -> ReferenceField {
        if (settings.layers ?? 1) > 1 {
            return try StackedLayersReference.field(mode, map: map, query: query, settings: settings, inputs: inputs)
        }
        return try single(mode)(map, query, settings, inputs)
    }
}
