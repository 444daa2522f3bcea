extension Mode {
    /// Attention over a K×K window around the query that shifts inward at borders (NAT; DiNAT dilated).
    public static let neighborhood = Mode(declaring: "neighborhood")
}

extension NeighborhoodAttention {
    /// The kernel sizes and dilations accepted (the upper end keeps K² far from overflowing).
    static let kernelRange = 1...(1 << 20)

    /// Neighborhood attention in the registry: K on `-` `=` (odd), the dilation d on `[` `]`
    /// (DiNAT); reads NATTEN's rpb from the bias file; stackable.
    public static let descriptor = MechanismDescriptor(
        mode: .neighborhood, title: "Neighborhood (NAT)", traits: [.softmax, .stackable, .heads],
        inputs: [.projections, .relativeBias], reads: [.temperature, .scale, .head, .kernel, .dilation, .layers],
        knobs: [Knob.integer(.kernel, label: "K", defaultValue: { _ in defaultKernel }, range: { _ in kernelRange }),
                // A dilation at least the map's longer side leaves one key per axis: larger ones change nothing.
                Knob.integer(.dilation, label: "d", defaultValue: { _ in defaultDilation },
                             range: { size in 1...Swift.max(1, Swift.max(size.height, size.width)) })],
        rules: { s in
            SettingsValidation.integer(.kernel, in: s, range: kernelRange, odd: true)
                ?? SettingsValidation.integer(.dilation, in: s, range: kernelRange)
        },
        caption: { s, _ in
            let k = s.kernel ?? defaultKernel, d = s.dilation ?? defaultDilation
            if d > 1 {
                return "Dilated neighborhood attention (DiNAT, d = \(d)): \(k)×\(k) keys \(d) apart on the query's own sub-grid, shifted inward at its borders."
            }
            return "Neighborhood attention: a \(k)×\(k) window around the query that shifts inward at the borders instead of shrinking."
        },
        reference: { try NeighborhoodReference.field(map: $0, query: $1, settings: $2, inputs: $3) },
        make: { map, settings, inputs, _ in try NeighborhoodAttention(map: map, settings: settings, inputs: inputs) })
}
