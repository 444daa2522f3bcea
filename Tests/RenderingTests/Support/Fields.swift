import Attention
import Foundation

/// Hand-built attention fields for rendering tests (the engines are tested elsewhere).
enum Fields {
    static let noCost = Cost(macsPerQuery: 0, queriesPerLayer: 1, keysPerQuery: 1)

    /// A softmax-like blob around `query`: weights ∝ exp(−d²/2σ²), normalised to sum 1.
    static func blob(mode: Mode = .global, height: Int, width: Int, query: Position, sigma: Double = 3,
                     overlays: [Overlay] = [], samples: [Sample] = []) -> AttentionField {
        var w = [Float](repeating: 0, count: height * width)
        var sum = 0.0
        for y in 0..<height {
            for x in 0..<width {
                let d2 = Double((y - query.row) * (y - query.row) + (x - query.col) * (x - query.col))
                let v = exp(-d2 / (2 * sigma * sigma))
                w[y * width + x] = Float(v)
                sum += v
            }
        }
        for i in w.indices { w[i] = Float(Double(w[i]) / sum) }
        return AttentionField(mode: mode, height: height, width: width, query: query, weights: w, samples: samples,
                              overlays: overlays, cost: noCost, keysAttended: height * width)
    }

    /// A field with the given weights.
    static func make(mode: Mode = .global, height: Int, width: Int, query: Position, weights: [Float],
                     overlays: [Overlay] = [], samples: [Sample] = []) -> AttentionField {
        AttentionField(mode: mode, height: height, width: width, query: query, weights: weights, samples: samples,
                       overlays: overlays, cost: noCost, keysAttended: height * width)
    }
}
