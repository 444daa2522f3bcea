import Testing
@testable import Attention
import FeatureMaps

/// The blocked line pass must give exactly what one cross at a time gives (`CrossLayer`).
@Suite struct CrossLineTests {
    @Test(arguments: [(6, 5, 7), (4, 9, 3), (1, 1, 6), (17, 20, 18)])
    func matchesOneCrossAtATime(shape: (Int, Int, Int)) {
        let (c, h, w) = shape
        let map = CrissCrossAttentionTests.map(channels: c, height: h, width: w, seed: 11)
        let layer = CrossLayer(values: map.data, channels: c, height: h, width: w, projection: nil,
                               scale: 0.7, temperature: 1.3)
        var line = CrossLine()
        let k = h + w, gamma: Float = 0.8
        for isRow in [true, false] {
            for index in 0..<(isRow ? h : w) {
                var weights: [Float] = [], values: [Float] = []
                line.compute(layer, index: index, isRow: isRow, gamma: gamma, weights: &weights, values: &values)
                let count = isRow ? w : h
                for t in 0..<count {
                    let (i, j) = isRow ? (index, t) : (t, index)
                    var expected = [Float](repeating: 0, count: k)
                    expected.withUnsafeMutableBufferPointer { layer.weights(row: i, col: j, into: $0) }
                    let out = expected.withUnsafeBufferPointer { layer.output(row: i, col: j, weights: $0) }
                    for e in 0..<k {
                        #expect(abs(weights[t * k + e] - expected[e]) <= 1e-6, "\(shape) row \(isRow) \(i),\(j) e \(e)")
                    }
                    for ch in 0..<c {
                        let x = map.data[ch * h * w + i * w + j] + gamma * out[ch]
                        #expect(abs(values[ch * count + t] - x) <= 1e-5 * max(1, abs(x)), "\(shape) \(i),\(j) c \(ch)")
                    }
                }
            }
        }
    }
}
