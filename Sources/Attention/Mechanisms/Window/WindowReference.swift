import FeatureMaps

/// Swin window and shifted-window attention, plainly (MECHANISMS.md "window").
///
/// - `min(H, W) <= M`: the window becomes min(H, W) and the shift 0.
/// - The map is padded bottom/right with zero tokens to multiples of M (their key is `bk`, or 0
///   without a projection); mass on them is `offImage`.
/// - Shift s: original (y, x) sits at rolled ((y − s) mod Hp, (x − s) mod Wp); the query attends
///   to the M×M tile of the rolled map holding it; keys whose region label (bands [0, L−M),
///   [L−M, L−s), [L−s, L) per axis) differs from the query's get −100 after the temperature.
/// - Logit `(q·k·scale + B[Δ]) / T`, scale 1/√d by default, B the optional bias table at
///   `(ra − rb + M − 1)·(2M − 1) + (ca − cb + M − 1)`.
enum WindowReference: ReferenceMechanism {
    static func field(map: FeatureMap, query: Position, settings: AttentionSettings,
                      inputs: AttentionInputs) throws -> ReferenceField {
        let h = map.height, w = map.width
        var m = settings.window, s = settings.shift
        if min(h, w) <= m { m = min(h, w); s = 0 }
        let hp = (h + m - 1) / m * m, wp = (w + m - 1) / m * m
        let projection = try ReferenceMath.projection(inputs, settings: settings, channels: map.channels)
        let (q, k) = ReferenceMath.queriesAndKeys(ReferenceMath.tokens(map), projection: projection)
        let u = query.row * w + query.col
        let d = q[u].count
        let paddingKey = projection.map { $0.paddingKey.map(Double.init) } ?? [Double](repeating: 0, count: d)
        let bias = try biasTable(inputs.relativeBias, window: m, head: settings.head)
        let scale = ReferenceMath.scale(settings, default: 1 / Double(d).squareRoot())
        let t = Double(settings.temperature)

        // The query's place on the rolled, padded grid and its tile.
        let qr = ((query.row - s) % hp + hp) % hp, qc = ((query.col - s) % wp + wp) % wp
        let top = qr / m * m, left = qc / m * m
        let queryLabel = label(qr, qc, hp: hp, wp: wp, window: m, shift: s)
        var logits: [Double] = [], sources: [Int?] = []
        for a in 0..<m {
            for b in 0..<m {
                let r = top + a, c = left + b
                let y = (r + s) % hp, x = (c + s) % wp  // the original padded pixel rolled there
                let source: Int? = y < h && x < w ? y * w + x : nil
                var logit = ReferenceMath.dot(q[u], source.map { k[$0] } ?? paddingKey) * scale
                if let bias { logit += bias[(qr - r + m - 1) * (2 * m - 1) + (qc - c + m - 1)] }
                logit /= t
                if label(r, c, hp: hp, wp: wp, window: m, shift: s) != queryLabel { logit += -100 }
                logits.append(logit)
                sources.append(source)
            }
        }
        var field = ReferenceField(weights: [Double](repeating: 0, count: h * w))
        for (weight, source) in zip(ReferenceMath.softmax(logits), sources) {
            if let source { field.weights[source] = weight } else { field.offImage += weight }
        }
        return field
    }

    /// The mask region `3·band_row + band_col` of rolled position (r, c); 0 without a shift.
    static func label(_ r: Int, _ c: Int, hp: Int, wp: Int, window m: Int, shift s: Int) -> Int {
        guard s > 0 else { return 0 }
        func band(_ i: Int, _ length: Int) -> Int { i < length - m ? 0 : i < length - s ? 1 : 2 }
        return 3 * band(r, hp) + band(c, wp)
    }

    /// The (2M−1)² bias of `head`: (n), (side, side), (heads, n), (heads, side, side) or Swin's (n, heads).
    static func biasTable(_ raw: Tensor?, window m: Int, head: Int) throws -> [Double]? {
        guard let raw else { return nil }
        let side = 2 * m - 1, n = side * side
        let t = raw.droppingLeadingUnitDimensions(), shape = t.shape
        let values: [Float]
        if shape == [n] || shape == [side, side] {
            values = t.values
        } else if (shape.count == 2 && shape[1] == n) || (shape.count == 3 && shape[1] == side && shape[2] == side) {
            values = Array(t.values[(head * n)..<((head + 1) * n)])
        } else if shape.count == 2, shape[0] == n {
            values = (0..<n).map { t.values[$0 * shape[1] + head] }
        } else {
            throw AttentionError.tensorShape(source: "--bias", problem: "has shape \(raw.shapeDescription); window \(m) needs (2M−1)² = \(n) values per head")
        }
        return values.map(Double.init)
    }
}
