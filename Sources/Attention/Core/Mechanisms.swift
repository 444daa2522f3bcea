import FeatureMaps

/// The one place that maps a `Mode` to its mechanism type.
public enum Mechanisms {
    /// Makes the mechanism for `mode`, validating settings and loaded tensors.
    public static func make(_ mode: Mode, map: FeatureMap, settings: AttentionSettings,
                            inputs: AttentionInputs) throws -> any Mechanism {
        switch mode {
        case .global: return try GlobalAttention(map: map, settings: settings, inputs: inputs)
        case .window: return try WindowAttention(map: map, settings: settings, inputs: inputs)
        case .axial: throw AttentionError.invalidSetting("axial: not built yet")
        case .crissCross: throw AttentionError.invalidSetting("criss-cross: not built yet")
        case .dcn: throw AttentionError.invalidSetting("dcn: not built yet")
        case .dat: throw AttentionError.invalidSetting("dat: not built yet")
        case .neighborhood: return try NeighborhoodAttention(map: map, settings: settings, inputs: inputs)
        case .lka: throw AttentionError.invalidSetting("lka: not built yet")
        case .lesa: return try LocallyEnhancedSelfAttention(map: map, settings: settings, inputs: inputs)
        }
    }
}
