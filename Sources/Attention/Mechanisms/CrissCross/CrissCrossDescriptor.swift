extension Mode {
    /// One softmax over the query's row and column, applied R times (CCNet).
    public static let crissCross = Mode(declaring: "criss-cross")
}

extension CrissCrossAttention {
    /// The passes R criss-cross computes (its caches of R ≥ 3 are bounded separately).
    static let passRange = 1...64

    /// Criss-cross attention in the registry: R on `-` `=`, γ on `[` `]`; pass and composed
    /// views, routes, what flows through an intermediate position, and the residual view.
    public static let descriptor = MechanismDescriptor(
        mode: .crissCross, title: "CCNet criss-cross", traits: [.softmax, .routes, .heads],
        inputs: [.projections], reads: [.temperature, .scale, .head, .passes, .gamma],
        knobs: [Knob.integer(.passes, label: "R", defaultValue: { _ in AttentionSettings.defaultPasses },
                             range: { _ in passRange }),
                Knob.real(.gamma, label: "γ", range: 0...4, increment: 0.25, current: { $0.gamma },
                          display: { s, _ in "γ=\(NumberText.short(s.gamma))" })],
        rules: { s in SettingsValidation.integer(.passes, in: s, range: passRange) },
        statistics: ["throughWeight"],
        caption: { s, _ in
            let r = s.passCount
            if r == 1 { return "CCNet, one pass: the query reads its own row and column (the cross), one joint softmax." }
            return "CCNet, \(r) passes: crosses of crosses reach past the query's cross; attention routes only, residual paths left out (γ = \(NumberText.short(s.gamma)))."
        },
        stepCount: { s in s.passCount + 1 },
        teachingViews: { s in
            var views: TeachingViews = [.residual]
            if s.passCount <= 2 { views.insert(.routes) }
            if s.passCount >= 2 { views.insert(.intermediate) }
            return views
        },
        reference: { try CrissCrossReference.field(map: $0, query: $1, settings: $2, inputs: $3) },
        make: { map, settings, inputs, _ in try CrissCrossAttention(map: map, settings: settings, inputs: inputs) })
}

extension CrissCrossAttention: RouteTracing, IntermediateTracing, ResidualTracing {
    /// The routes of `routes(from:to:)`; the field is not needed.
    public func routes(from query: Position, to target: Position, in field: AttentionField) throws -> [Route] {
        try routes(from: query, to: target)
    }
}

extension CrissCrossAttention {
    /// The residual view, normalised (`residualField(at:normalized:)`).
    public func residualField(at query: Position) throws -> AttentionField {
        try residualField(at: query, normalized: true)
    }
}
