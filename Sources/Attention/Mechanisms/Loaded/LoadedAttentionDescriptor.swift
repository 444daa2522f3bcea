extension Mode {
    /// The model's own attention probabilities, loaded and laid back on the grid.
    public static let loaded = Mode(declaring: "loaded")
}

extension LoadedAttention {
    /// Loaded attention in the registry: no knobs; it needs an attention tensor.
    public static let descriptor = MechanismDescriptor(
        mode: .loaded, title: "Loaded (the model's own attention)", traits: [.softmax, .heads, .offImage],
        inputs: [.attention, .prefix], needs: [.attention], reads: [.window, .shift, .head],
        caption: { _, _ in "Loaded: the model's own attention probabilities, each query's row laid back on the grid; nothing is computed." },
        reference: { try LoadedAttentionReference.field(map: $0, query: $1, settings: $2, inputs: $3) },
        make: { map, settings, inputs, _ in try LoadedAttention(map: map, settings: settings, inputs: inputs) })
}
