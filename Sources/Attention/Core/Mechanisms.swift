import FeatureMaps

/// The one place that maps a `Mode` to its mechanism type.
public enum Mechanisms {
    /// Makes the mechanism for `mode`, validating settings and loaded tensors.
    public static func make(_ mode: Mode, map: FeatureMap, settings: AttentionSettings,
                            inputs: AttentionInputs) throws -> any Mechanism {
        switch mode {
        case .global: throw AttentionError.invalidSetting("global: not built yet")
        case .window: throw AttentionError.invalidSetting("window: not built yet")
        case .axial: return try AxialAttention(map: map, settings: settings, inputs: inputs)
        case .crissCross: return try CrissCrossAttention(map: map, settings: settings, inputs: inputs)
        case .dcn: throw AttentionError.invalidSetting("dcn: not built yet")
        case .dat: throw AttentionError.invalidSetting("dat: not built yet")
        case .neighborhood: throw AttentionError.invalidSetting("neighborhood: not built yet")
        case .lka: throw AttentionError.invalidSetting("lka: not built yet")
        case .lesa: throw AttentionError.invalidSetting("lesa: not built yet")
        }
    }
}
