extension Mode {
    /// Attention over a K×K window around the query that shifts inward at borders (NAT).
    public static let neighborhood = Mode(declaring: "neighborhood")
}

extension NeighborhoodAttention {
    /// The kernel sizes accepted (odd; the upper end keeps K² far from overflowing).
    static let kernelRange = 1...(1 << 20)

    /// Neighborhood attention in the registry: K on `-` `=` (odd); stackable.
    public static let descriptor = MechanismDescriptor(
        mode: .neighborhood, title: "Neighborhood (NAT)", traits: [.softmax, .stackable, .heads],
        inputs: [.projections], reads: [.temperature, .scale, .head, .kernel, .layers],
        knobs: [Knob.integer(.kernel, label: "K", defaultValue: { _ in defaultKernel }, range: { _ in kernelRange })],
        rules: { s in SettingsValidation.integer(.kernel, in: s, range: kernelRange, odd: true) },
        caption: { s, _ in
            let k = s.kernel ?? defaultKernel
            return "Neighborhood attention: a \(k)×\(k) window around the query that shifts inward at the borders instead of shrinking."
        },
        reference: { try NeighborhoodReference.field(map: $0, query: $1, settings: $2, inputs: $3) },
        make: { map, settings, inputs, _ in try NeighborhoodAttention(map: map, settings: settings, inputs: inputs) })
}
