import Foundation
import FeatureMaps

/// DAT's deformable attention, plainly (MECHANISMS.md "dat").
///
/// Sampling points: the positions file's (Hk, Wk, 2), or reference points
/// `ref(k) = (k + 0.5)/(L − 1)·2 − 1` moved by raw offsets Δ (2, Hk, Wk) from the file or the
/// synthetic offset network (on the queries): `ref + tanh(Δ)·f/(L − 1)` for f ≥ 0,
/// `clamp(ref + Δ, −1, 1)` for f < 0. Keys are the features sampled there (bilinear, zeros
/// outside, pixel `(n + 1)/2·(L − 1)`), projected after sampling when a projection is loaded;
/// `a_n = softmax_n(q_u·k_n·scale / T)` (1/√d by default), each a_n spread to its sample's corners.
enum DeformableAttentionReference: ReferenceMechanism {
    static func field(map: FeatureMap, query: Position, settings: AttentionSettings,
                      inputs: AttentionInputs) throws -> ReferenceField {
        let h = map.height, w = map.width, c = map.channels
        let projection = try ReferenceMath.projection(inputs, settings: settings, channels: c)
        let x = ReferenceMath.tokens(map)
        let points = try normalisedPoints(map: map, settings: settings, inputs: inputs, projection: projection)
        let pixels = points.map { (y: ($0.y + 1) / 2 * Double(h - 1), x: ($0.x + 1) / 2 * Double(w - 1)) }
        let sampled = pixels.map { ReferenceMath.sample(x, channels: c, y: $0.y, x: $0.x, height: h, width: w) }
        let keys = projection.map { p in sampled.map { ReferenceMath.key(p, of: $0) } } ?? sampled
        let token = x[query.row * w + query.col]
        let q = projection.map { ReferenceMath.query($0, of: token) } ?? token
        let scale = ReferenceMath.scale(settings, default: 1 / Double(q.count).squareRoot())
        let t = Double(settings.temperature)
        let a = ReferenceMath.softmax(keys.map { ReferenceMath.dot(q, $0) * scale / t })
        var field = ReferenceField(weights: [Double](repeating: 0, count: h * w))
        for (point, weight) in zip(pixels, a) {
            field.offImage += ReferenceMath.spread(weight, y: point.y, x: point.x, height: h, width: w, into: &field.weights)
            field.samples.append(Sample(y: point.y, x: point.x, weight: weight))
        }
        return field
    }

    /// The normalised (y, x) sampling points, row-major over the Hk×Wk grid.
    static func normalisedPoints(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs,
                                 projection: Projection?) throws -> [(y: Double, x: Double)] {
        if let t = inputs.positions {
            let picked = try DumpedTensor(t, coreRank: 3, group: settings.group, source: .positions, expected: "(Hk, Wk, 2)")
            let count = picked.shape[0] * picked.shape[1]
            return (0..<count).map { (Double(picked.values[2 * $0]), Double(picked.values[2 * $0 + 1])) }
        }
        let hk: Int, wk: Int, delta: [Double]
        if let t = inputs.offsets {
            let picked = try DumpedTensor(t, coreRank: 3, group: settings.group, source: .offsets, expected: "(2, Hk, Wk)")
            (hk, wk) = (picked.shape[1], picked.shape[2])
            delta = picked.values.map(Double.init)
        } else {
            let stride = try DeformableAttention.stride(settings.stride, height: map.height, width: map.width)
            let queries = ReferenceMath.queriesAndKeys(ReferenceMath.tokens(map), projection: projection).queries
            let planar = (0..<queries[0].count).flatMap { ch in queries.map { Float($0[ch]) } }
            let network = SyntheticOffsetNetwork(channels: queries[0].count, stride: stride)
            (hk, wk) = (network.outputLength(map.height), network.outputLength(map.width))
            delta = network.offsets(queries: planar, height: map.height, width: map.width).values
        }
        let f = Double(settings.offsetRange)
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
