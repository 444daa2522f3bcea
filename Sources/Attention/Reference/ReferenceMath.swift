import Foundation
import FeatureMaps

/// The small pieces every reference is written with, in Double.
enum ReferenceMath {
    /// `softmax(logits)`: −∞ entries get 0; a NaN or +∞ logit, or none finite, leaves no
    /// distribution and every entry NaN (as PyTorch's softmax gives, and the fast paths report).
    static func softmax(_ logits: [Double]) -> [Double] {
        guard let top = logits.max(), !logits.contains(where: \.isNaN), top.isFinite else {
            return logits.map { _ in .nan }
        }
        let exponentials = logits.map { exp($0 - top) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }

    /// `Σ a[i]·b[i]`.
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    /// The C-vector of every pixel, `tokens[row·W + col][c]`.
    static func tokens(_ map: FeatureMap) -> [[Double]] {
        let n = map.pixelCount
        return (0..<n).map { p in (0..<map.channels).map { Double(map.data[$0 * n + p]) } }
    }

    /// `W·x + b` for a d×C matrix `w` (row-major) and bias `b`.
    static func apply(_ w: [Float], _ b: [Float], to x: [Double]) -> [Double] {
        let d = b.count, c = x.count
        return (0..<d).map { r in
            var sum = Double(b[r])
            for k in 0..<c { sum += Double(w[r * c + k]) * x[k] }
            return sum
        }
    }

    /// The projection the settings pick from the loaded file (nil: identity q = k = x).
    static func projection(_ inputs: AttentionInputs, settings: AttentionSettings, channels: Int) throws -> Projection? {
        try inputs.projections.map { try Projection(archive: $0, head: settings.head, channels: channels) }
    }

    /// Queries and keys of every pixel: `Wq·x + bq`, `Wk·x + bk` (qk-norm'ed when the file has
    /// it), or x itself.
    static func queriesAndKeys(_ x: [[Double]], projection: Projection?) -> (queries: [[Double]], keys: [[Double]]) {
        guard let p = projection else { return (x, x) }
        return (x.map { query(p, of: $0) }, x.map { key(p, of: $0) })
    }

    /// The query of one C-vector: `Wq·x + bq`, then the query norm if any.
    static func query(_ p: Projection, of x: [Double]) -> [Double] {
        let q = apply(p.wq, p.bq, to: x)
        return p.queryNorm?.normalized(q) ?? q
    }

    /// The key of one C-vector: `Wk·x + bk`, then the key norm if any.
    static func key(_ p: Projection, of x: [Double]) -> [Double] {
        let k = apply(p.wk, p.bk, to: x)
        return p.keyNorm?.normalized(k) ?? k
    }

    /// The logit scale: the user's, or the mode's default.
    static func scale(_ settings: AttentionSettings, default value: Double) -> Double {
        settings.scale.map(Double.init) ?? value
    }

    /// The four bilinear corners of (y, x) (torchvision's `bilinear_interpolate`): row, column,
    /// weight. A point that is not finite has no corners on any map.
    static func corners(y: Double, x: Double) -> [(row: Int, col: Int, weight: Double)] {
        guard y.isFinite, x.isFinite, abs(y) < 1e9, abs(x) < 1e9 else { return [] }
        let y0 = floor(y), x0 = floor(x)
        let ly = y - y0, lx = x - x0
        let r = Int(y0), c = Int(x0)
        return [(r, c, (1 - ly) * (1 - lx)), (r, c + 1, (1 - ly) * lx), (r + 1, c, ly * (1 - lx)), (r + 1, c + 1, ly * lx)]
    }

    /// Spreads `mass` at (y, x) onto its in-image corners of an H×W map; returns the mass of the
    /// corners off the map (all of it for a point with no corners).
    static func spread(_ mass: Double, y: Double, x: Double, height: Int, width: Int, into map: inout [Double]) -> Double {
        let points = corners(y: y, x: x)
        guard !points.isEmpty else { return mass }
        var off = 0.0
        for corner in points {
            if corner.row >= 0, corner.row < height, corner.col >= 0, corner.col < width {
                map[corner.row * width + corner.col] += corner.weight * mass
            } else {
                off += corner.weight * mass
            }
        }
        return off
    }

    /// The bilinear sample of `tokens` at (y, x), zeros outside (grid_sample, align_corners=True).
    static func sample(_ tokens: [[Double]], channels: Int, y: Double, x: Double, height: Int, width: Int) -> [Double] {
        var out = [Double](repeating: 0, count: channels)
        for corner in corners(y: y, x: x)
        where corner.row >= 0 && corner.row < height && corner.col >= 0 && corner.col < width {
            let token = tokens[corner.row * width + corner.col]
            for c in 0..<channels { out[c] += corner.weight * token[c] }
        }
        return out
    }

    /// `vector · A` for a dense N×N matrix given by rows (`rows[m][p] = A(m → p)`).
    static func times(_ vector: [Double], _ rows: [[Double]]) -> [Double] {
        var out = [Double](repeating: 0, count: vector.count)
        for m in vector.indices where vector[m] != 0 {
            for p in out.indices { out[p] += vector[m] * rows[m][p] }
        }
        return out
    }

    /// The unit row vector of pixel `u` on N pixels.
    static func unit(_ u: Int, count: Int) -> [Double] {
        var e = [Double](repeating: 0, count: count)
        e[u] = 1
        return e
    }
}
