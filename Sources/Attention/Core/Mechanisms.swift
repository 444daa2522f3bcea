import FeatureMaps

/// The one place that maps a `Mode` to its mechanism type.
public enum Mechanisms {
    /// Makes the mechanism for `mode`, validating settings and loaded tensors.
    public static func make(_ mode: Mode, map: FeatureMap, settings: AttentionSettings,
                            inputs: AttentionInputs) throws -> any Mechanism {
        switch mode {
        case .global: throw AttentionError.invalidSetting("global: not built yet")
        case .window: throw AttentionError.invalidSetting("window: not built yet")
        case .axial: throw AttentionError.invalidSetting("axial: not built yet")
        case .crissCross: throw AttentionError.invalidSetting("criss-cross: not built yet")
        case .dcn: return try DeformableConvolution(map: map, settings: settings, inputs: inputs)
        case .dat: return try DeformableAttention(map: map, settings: settings, inputs: inputs)
        case .neighborhood: throw AttentionError.invalidSetting("neighborhood: not built yet")
        case .lka: return try LargeKernelAttention(map: map, settings: settings)
        case .lesa: throw AttentionError.invalidSetting("lesa: not built yet")
        }
    }
}
