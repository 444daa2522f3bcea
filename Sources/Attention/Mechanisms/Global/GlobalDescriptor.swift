extension Mode {
    /// Global self-attention over every position (ViT, Non-local).
    public static let global = Mode(declaring: "global")
}

extension GlobalAttention {
    /// Global attention in the registry: no knobs, one view.
    public static let descriptor = MechanismDescriptor(
        mode: .global, title: "Global (ViT / Non-local)", traits: [.softmax, .heads],
        inputs: [.projections, .prefix], reads: [.temperature, .scale, .head],
        caption: { _, size in
            let keys = size.height.multipliedReportingOverflow(by: size.width)
            return "Global: the query reads every position; one softmax over all \(keys.overflow ? "the" : String(keys.partialValue)) keys decides how much."
        },
        reference: { try GlobalReference.field(map: $0, query: $1, settings: $2, inputs: $3) },
        make: { map, settings, inputs, runtime in
            try GlobalAttention(map: map, settings: settings, inputs: inputs, cores: runtime.cores)
        })
}
