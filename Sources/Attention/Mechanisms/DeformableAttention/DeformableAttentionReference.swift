import Foundation
import FeatureMaps

/// DAT's deformable attention, plainly (MECHANISMS.md "dat").
///
/// Sampling points: the positions file's (Hk, Wk, 2), or reference points
/// `ref(k) = (k + 0.5)/(L − 1)·2 − 1` moved by raw offsets Δ (2, Hk, Wk) from the file or the
/// synthetic offset network (on the queries): `ref + tanh(Δ)·f/(L − 1)` for f ≥ 0,
/// `clamp(ref + Δ, −1, 1)` for f < 0. Keys are the features sampled there (bilinear, zeros
/// outside, pixel `(n + 1)/2·(L − 1)`), projected after sampling when a projection is loaded;
/// `a_n = softmax_n((q_u·k_n·scale + b_n) / T)` (1/√d by default; b the `--bias`), each a_n spread
/// to its sample's corners. With G offset groups, channel group g is sampled at group g's point n
/// to make key n, and a_n is spread 1/G over the G points.
enum DeformableAttentionReference: ReferenceMechanism {
    static func field(map: FeatureMap, query: Position, settings: AttentionSettings,
                      inputs: AttentionInputs) throws -> ReferenceField {
        let h = map.height, w = map.width, c = map.channels
        let projection = try ReferenceMath.projection(inputs, settings: settings, channels: c)
        let x = ReferenceMath.tokens(map)
        let groups = try normalisedPoints(map: map, settings: settings, inputs: inputs, projection: projection)
        let g = groups.count, count = groups[0].count
        let pixels = groups.map { $0.map { (y: ($0.y + 1) / 2 * Double(h - 1), x: ($0.x + 1) / 2 * Double(w - 1)) } }
        // Key n: channel ch sampled at point n of its group ch / (C/G).
        let sampled = (0..<count).map { n in
            (0..<c).map { ch in
                let p = pixels[ch / (c / g)][n]
                return ReferenceMath.sample(x, channels: c, y: p.y, x: p.x, height: h, width: w)[ch]
            }
        }
        let keys = projection.map { p in sampled.map { ReferenceMath.key(p, of: $0) } } ?? sampled
        let token = x[query.row * w + query.col]
        let q = projection.map { ReferenceMath.query($0, of: token) } ?? token
        let scale = ReferenceMath.scale(settings, default: 1 / Double(q.count).squareRoot())
        let t = Double(settings.temperature)
        let b = try bias(inputs, settings: settings, query: query, height: h, width: w, groups: groups)
        let a = ReferenceMath.softmax(keys.indices.map { (ReferenceMath.dot(q, keys[$0]) * scale + b[$0]) / t })
        var field = ReferenceField(weights: [Double](repeating: 0, count: h * w))
        for group in pixels {
            for (point, weight) in zip(group, a) {
                let share = weight / Double(g)
                field.offImage += ReferenceMath.spread(share, y: point.y, x: point.x, height: h, width: w, into: &field.weights)
                field.samples.append(Sample(y: point.y, x: point.x, weight: share))
            }
        }
        return field
    }

    /// The `--bias` of every sample for head `settings.head`: a dense (heads, H·W, Hk·Wk) row, or
    /// DAT's rpe_table (heads, 2H−1, 2W−1) sampled (align_corners=True, zeros outside) at
    /// `(q_grid − pos)·0.5` of the head's group, group = head / (heads/G); zeros without a file.
    static func bias(_ inputs: AttentionInputs, settings: AttentionSettings, query u: Position, height h: Int, width w: Int,
                     groups: [[(y: Double, x: Double)]]) throws -> [Double] {
        let count = groups[0].count
        guard let raw = inputs.relativeBias else { return [Double](repeating: 0, count: count) }
        let t = raw.droppingLeadingUnitDimensions()
        let shape = t.shape.count == 2 ? [1] + t.shape : t.shape
        guard shape.count == 3, settings.head < shape[0] else {
            throw AttentionError.input(.relativeBias, problem: "has shape \(raw.shapeDescription)")
        }
        let heads = shape[0], size = shape[1] * shape[2], head = settings.head
        let table = t.values[(head * size)..<((head + 1) * size)].map(Double.init)
        if shape[1] == h * w && shape[2] == count {
            return (0..<count).map { table[(u.row * w + u.col) * count + $0] }
        }
        guard shape[1] == 2 * h - 1, shape[2] == 2 * w - 1, heads % groups.count == 0 else {
            throw AttentionError.input(.relativeBias, problem: "has shape \(raw.shapeDescription)")
        }
        let points = groups[head / (heads / groups.count)]
        let qy = Double(u.row) / Double(h - 1) * 2 - 1, qx = Double(u.col) / Double(w - 1) * 2 - 1
        let tokens = table.map { [$0] }
        return points.map { p in
            let y = ((qy - p.y) * 0.5 + 1) / 2 * Double(shape[1] - 1), x = ((qx - p.x) * 0.5 + 1) / 2 * Double(shape[2] - 1)
            return ReferenceMath.sample(tokens, channels: 1, y: y, x: x, height: shape[1], width: shape[2])[0]
        }
    }

    /// The normalised (y, x) sampling points of every offset group, each row-major over the
    /// Hk×Wk grid (every group of a dumped tensor; `settings.group` must then be 0).
    static func normalisedPoints(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs,
                                 projection: Projection?) throws -> [[(y: Double, x: Double)]] {
        if let t = inputs.positions {
            return try DeformableSamplingPoints.groups(of: t, source: .positions, expected: "(Hk, Wk, 2)", settings: settings,
                                                       channels: map.channels).map { picked in
                (0..<(picked.shape[0] * picked.shape[1])).map { (Double(picked.values[2 * $0]), Double(picked.values[2 * $0 + 1])) }
            }
        }
        if let t = inputs.offsets {
            return try DeformableSamplingPoints.groups(of: t, source: .offsets, expected: "(2, Hk, Wk)", settings: settings,
                                                       channels: map.channels).map { picked in
                points(hk: picked.shape[1], wk: picked.shape[2], delta: picked.values.map(Double.init), f: Double(settings.offsetRange))
            }
        }
        let hk: Int, wk: Int, delta: [Double]
        do {
            let stride = try DeformableAttention.stride(settings.stride, height: map.height, width: map.width)
            let queries = ReferenceMath.queriesAndKeys(ReferenceMath.tokens(map), projection: projection).queries
            let planar = (0..<queries[0].count).flatMap { ch in queries.map { Float($0[ch]) } }
            let network = SyntheticOffsetNetwork(channels: queries[0].count, stride: stride)
            (hk, wk) = (network.outputLength(map.height), network.outputLength(map.width))
            delta = network.offsets(queries: planar, height: map.height, width: map.width).values
        }
        return [points(hk: hk, wk: wk, delta: delta, f: Double(settings.offsetRange))]
    }

    /// Reference points moved by raw offsets `delta` (2, Hk, Wk) with the offset range rule f.
    static func points(hk: Int, wk: Int, delta: [Double], f: Double) -> [(y: Double, x: Double)] {
        var points: [(y: Double, x: Double)] = []
        for i in 0..<hk {
            for j in 0..<wk {
                let ry = (Double(i) + 0.5) / Double(hk - 1) * 2 - 1, rx = (Double(j) + 0.5) / Double(wk - 1) * 2 - 1
                let dy = delta[i * wk + j], dx = delta[hk * wk + i * wk + j]
                if f >= 0 {
                    points.append((ry + tanh(dy) * f / Double(hk - 1), rx + tanh(dx) * f / Double(wk - 1)))
                } else {
                    points.append((clamp(ry + dy), clamp(rx + dx)))
                }
            }
        }
        return points
    }

    /// `clamp(v, −1, 1)`, NaN kept (torch.clamp).
    static func clamp(_ v: Double) -> Double { v.isNaN ? v : min(max(v, -1), 1) }
}
