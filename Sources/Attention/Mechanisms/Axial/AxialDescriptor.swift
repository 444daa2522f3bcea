extension Mode {
    /// Attention along the query's column, then along rows of that result (Axial-DeepLab).
    public static let axial = Mode(declaring: "axial")
}

extension AxialAttention {
    /// The passes axial offers: 1 (the height pass) or 2 (height then width, composed).
    static let passRange = 1...2

    /// Axial attention in the registry: passes on `-` `=`; height pass, width pass and composed views.
    public static let descriptor = MechanismDescriptor(
        mode: .axial, title: "Axial-DeepLab", traits: [.softmax, .routes, .heads],
        inputs: [.projections, .axialTables], reads: [.temperature, .scale, .head, .passes],
        knobs: [Knob.integer(.passes, label: "passes", defaultValue: { _ in AttentionSettings.defaultPasses },
                             range: { _ in passRange },
                             display: { s, _ in s.passCount == 1 ? "height pass" : "2 passes" })],
        rules: { s in SettingsValidation.integer(.passes, in: s, range: passRange) },
        caption: { s, _ in
            if s.passCount == 1 { return "Axial-DeepLab, height pass: the query reads only its own column." }
            return "Axial-DeepLab: height pass then width pass; every pixel has exactly one route to the query (its column, then the query's row)."
        },
        stepCount: { s in s.passCount == 1 ? 1 : 3 },
        teachingViews: { s in s.passCount == 2 ? [.routes] : [] },
        reference: { try AxialReference.field(map: $0, query: $1, settings: $2, inputs: $3) },
        make: { map, settings, inputs, _ in try AxialAttention(map: map, settings: settings, inputs: inputs) })
}

extension AxialAttention: RouteTracing {
    /// Height pass then width pass: u reads (u.row, p.col) in the width pass, which read p in
    /// the height pass — the only route, carrying all of M[p].
    public func routes(from query: Position, to target: Position, in field: AttentionField) throws -> [Route] {
        let via = Position(row: query.row, col: target.col)
        return [Route(positions: [query, via, target], weight: Double(field.weight(at: target)))]
    }
}
