import FeatureMaps

/// The one place that maps a `Mode` to its mechanism type.
public enum Mechanisms {
    /// Makes the mechanism for `mode`, validating settings and loaded tensors; `runtime` says
    /// how many cores its queries may use.
    public static func make(_ mode: Mode, map: FeatureMap, settings: AttentionSettings,
                            inputs: AttentionInputs, runtime: RuntimeConfiguration = RuntimeConfiguration()) throws -> any Mechanism {
        if (settings.layers ?? 1) != 1 {
            return try StackedLayers(mode, map: map, settings: settings, inputs: inputs)
        }
        return try makeSingle(mode, map: map, settings: settings, inputs: inputs, runtime: runtime)
    }

    /// Makes the single-layer mechanism for `mode` (ignoring `settings.layers`).
    static func makeSingle(_ mode: Mode, map: FeatureMap, settings: AttentionSettings,
                           inputs: AttentionInputs, runtime: RuntimeConfiguration = RuntimeConfiguration()) throws -> any Mechanism {
        switch mode {
        case .global: return try GlobalAttention(map: map, settings: settings, inputs: inputs, cores: runtime.cores)
        case .window: return try WindowAttention(map: map, settings: settings, inputs: inputs)
        case .axial: return try AxialAttention(map: map, settings: settings, inputs: inputs)
        case .crissCross: return try CrissCrossAttention(map: map, settings: settings, inputs: inputs)
        case .dcn: return try DeformableConvolution(map: map, settings: settings, inputs: inputs)
        case .dat: return try DeformableAttention(map: map, settings: settings, inputs: inputs)
        case .neighborhood: return try NeighborhoodAttention(map: map, settings: settings, inputs: inputs)
        case .lka: return try LargeKernelAttention(map: map, settings: settings)
        case .lesa: return try LocallyEnhancedSelfAttention(map: map, settings: settings, inputs: inputs)
        }
    }
}
