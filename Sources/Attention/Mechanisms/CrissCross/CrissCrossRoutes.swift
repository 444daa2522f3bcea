/// The teaching views of criss-cross attention: how the composed map is made of routes, what one
/// intermediate position contributes, and the map with the residual paths put back.
extension CrissCrossAttention {
    /// Every two-hop route `u → m → p` of the last two passes, with its contribution
    /// `A_R(u → m)·A_(R−1)(m → p)`.
    ///
    /// For R = 2 the contributions sum to the composed weight `M[p]`. An off-axis target has
    /// exactly two routes, through `(u.row, p.col)` and `(p.row, u.col)`; a target on u's row or
    /// column has one route per position m of u's cross whose own cross contains p (so many).
    /// For R = 1 the single route is `[u, p]` with weight `A_1(u → p)` (none off the cross).
    /// Routes are listed largest contribution first.
    /// - Throws: `AttentionError.setting` for R ≥ 3 (longer routes are not enumerated),
    ///   `queryOutsideMap` for a query or target off the map.
    public func routes(from u: Position, to p: Position) throws -> [Route] {
        try check(u)
        try check(p)
        let w = work(at: u)
        let k = height + width
        if passes == 1 {
            guard let e = crossEntry(p, of: u) else { return [] }
            return [Route(positions: [u, p], weight: Double(w.last[e]))]
        }
        guard passes == 2 else {
            throw AttentionError.setting(SettingError(mode: .crissCross, setting: .passes,
                                                      rule: .mapLimit("must be 1 or 2 to list routes"), value: .integer(passes)))
        }
        var routes: [Route] = []
        for e in 0..<k where e != u.row {  // u is visited once, as its row entry
            let m = crossPosition(e, of: u)
            guard let f = crossEntry(p, of: m) else { continue }
            routes.append(Route(positions: [u, m, p], weight: Double(w.last[e]) * Double(w.previous(e, entry: f))))
        }
        return routes.sorted { $0.weight > $1.weight }
    }

    /// The share of the composed map that flows through one position `m` of u's cross:
    /// m's own pass-(R−1) cross `A_(R−1)(m → ·)` scaled by `A_R(u → m)`.
    ///
    /// For R = 2 these fields, summed over m on u's cross, give the composed map. The field's
    /// overlays are m's cross and a marker on m.
    /// - Throws: `AttentionError.setting` when R = 1 or m is not on u's cross.
    public func intermediateField(at u: Position, through m: Position) throws -> AttentionField {
        try check(u)
        try check(m)
        guard passes >= 2 else {
            throw AttentionError.setting(SettingError(mode: .crissCross, setting: .passes,
                                                      rule: .mapLimit("must be 2 or more for an intermediate position"), value: .integer(passes)))
        }
        guard let e = crossEntry(m, of: u) else {
            throw AttentionError.limit(mode: .crissCross, problem: "\(m) is not on the row or column of the query \(u)")
        }
        let w = work(at: u)
        let row = w.previous(e)
        let share = w.last[e]
        var field = makeField(u, weights: scatter(row, at: m, times: share), step: passes,
                              notes: ["what flows through \(m): A_\(passes)(u → m) = \(share) times m's pass-\(passes - 1) cross"]
                                  + stepNotes[passes].dropFirst())
        field.stepLabel = "through \(m)"
        field.overlays = [.cross(row: m.row, col: m.col), .marker(m, label: "m")]
        field.extras["throughWeight"] = Double(share)
        return field
    }

    /// The map with the residual paths put back: row u of `Π_r (γ·A_r + I)` (pass R leftmost),
    /// i.e. how much of `x_p` the last pass's output at u contains when the attention weights
    /// are held fixed.
    ///
    /// Every row of `γA_r + I` sums to `1 + γ`, so the raw map sums to `(1 + γ)^R`; with
    /// `normalized` it is divided by that (then it sums to 1, like the composed map). When
    /// `(1 + γ)^R` is 0 (γ = −1) the raw map is returned and a note says so.
    public func residualField(at u: Position, normalized: Bool = true) throws -> AttentionField {
        try check(u)
        var z = propagate(at: u, attention: gamma, identity: 1)
        var note = "row u of Π(γA_r + I), γ = \(gamma): attention and residual paths"
        var total: Float = 1
        for _ in 0..<passes { total *= 1 + gamma }
        if normalized {
            if total != 0 && total.isFinite {
                for i in z.indices { z[i] /= total }
                note += ", divided by (1 + γ)^R"
            } else {
                note += "; not normalised: (1 + γ)^R is 0"
            }
        }
        // With value_conv each route carries Wv once per attention pass it takes; no scalar map holds that.
        if valueProjection != nil { note += "; Wv left out (attention rollout over the real passes)" }
        var field = makeField(u, weights: z, step: passes, notes: [note] + stepNotes[passes].dropFirst())
        field.stepLabel = normalized ? "with residual paths (normalised)" : "with residual paths"
        return field
    }
}
