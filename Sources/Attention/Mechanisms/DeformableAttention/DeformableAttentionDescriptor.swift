extension Mode {
    /// Deformable attention: keys sampled at shared offset points (DAT).
    public static let dat = Mode(declaring: "dat")
}

extension DeformableAttention {
    /// The strides accepted for the synthetic offset network.
    static let strideRange = 1...strideLimit

    /// DAT in the registry: the stride r on `-` `=` (up to the map's larger side), the offset
    /// range f on `[` `]` (−1 = clamp, then 0 … 8).
    public static let descriptor = MechanismDescriptor(
        mode: .dat, title: "DAT deformable attention", traits: [.softmax, .heads, .samples, .offImage],
        inputs: [.projections, .offsets, .positions, .relativeBias],
        reads: [.temperature, .scale, .head, .group, .stride, .offsetRange],
        knobs: [Knob.integer(.stride, label: "r", defaultValue: { size in defaultStride(size) },
                             range: { size in 1...Swift.max(1, Swift.max(size.height, size.width)) },
                             display: { s, _ in s.stride.map { "r=\($0)" } ?? "r=auto" }),
                Knob.real(.offsetRange, label: "f", range: -1...8, increment: 1,
                          current: { $0.offsetRange < 0 ? -1 : $0.offsetRange },
                          display: { s, _ in s.offsetRange < 0 ? "f=-1 (clamp)" : "f=\(NumberText.short(s.offsetRange))" })],
        rules: { s in SettingsValidation.integer(.stride, in: s, range: strideRange) },
        caption: { _, _ in
            "DAT: one set of deformed sampling points shared by every query; the query attends over the sampled keys."
        },
        reference: { try DeformableAttentionReference.field(map: $0, query: $1, settings: $2, inputs: $3) },
        make: { map, settings, inputs, _ in try DeformableAttention(map: map, settings: settings, inputs: inputs) })

    /// The stride the engine picks when none is set: about 7 points per axis.
    static func defaultStride(_ size: MapDimensions) -> Int {
        Swift.max(1, (Swift.max(size.height, size.width) + 6) / 7)
    }
}
