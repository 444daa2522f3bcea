extension Mode {
    /// Deformable convolution: kernel taps moved by learned offsets (DCN).
    public static let dcn = Mode(declaring: "dcn")
}

extension DeformableConvolution {
    /// The kernel sizes accepted (odd; K² samples per query).
    static let kernelRange = 1...kernelLimit
    /// The dilations accepted (beyond them every tap but the centre is far off any map).
    static let dilationRange = 1...dilationLimit
    /// K when none is set.
    public static let defaultKernel = 3
    /// d when none is set.
    public static let defaultDilation = 1

    /// DCN in the registry: K on `-` `=` (odd), d on `[` `]`; no softmax, stackable.
    public static let descriptor = MechanismDescriptor(
        mode: .dcn, title: "Deformable conv (DCN)", traits: [.stackable, .samples, .offImage],
        inputs: [.offsets, .modulation], reads: [.kernel, .dilation, .group, .layers],
        knobs: [Knob.integer(.kernel, label: "K", defaultValue: { _ in defaultKernel }, range: { _ in kernelRange }),
                Knob.integer(.dilation, label: "d", defaultValue: { _ in defaultDilation }, range: { _ in dilationRange })],
        rules: { s in
            SettingsValidation.integer(.kernel, in: s, range: kernelRange, odd: true)
                ?? SettingsValidation.integer(.dilation, in: s, range: dilationRange)
        },
        caption: { s, _ in
            let k = s.kernel ?? defaultKernel
            return "Deformable conv: \(k)×\(k) taps moved by per-query offsets; each sample spreads over its 4 bilinear corners, no softmax."
        },
        reference: { try DeformableConvolutionReference.field(map: $0, query: $1, settings: $2, inputs: $3) },
        make: { map, settings, inputs, _ in try DeformableConvolution(map: map, settings: settings, inputs: inputs) })
}
