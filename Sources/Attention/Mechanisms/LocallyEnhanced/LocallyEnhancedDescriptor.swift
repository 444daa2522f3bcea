extension Mode {
    /// Locally enhanced self-attention: a local convolution term plus global attention (LESA).
    public static let lesa = Mode(declaring: "lesa")
}

extension LocallyEnhancedSelfAttention {
    /// LESA in the registry: no knobs, one view.
    public static let descriptor = MechanismDescriptor(
        mode: .lesa, title: "LESA", traits: [.softmax, .heads],
        inputs: [.projections, .axialTables, .prefix], reads: [.temperature, .scale, .head],
        statistics: ["unary"],
        caption: { _, _ in
            "LESA: the map is the binary term, global attention without 1/√d; a learned gate adds it to the 3×3 unary term (what the query takes from itself)."
        },
        reference: { try LocallyEnhancedReference.field(map: $0, query: $1, settings: $2, inputs: $3) },
        make: { map, settings, inputs, _ in try LocallyEnhancedSelfAttention(map: map, settings: settings, inputs: inputs) })
}
