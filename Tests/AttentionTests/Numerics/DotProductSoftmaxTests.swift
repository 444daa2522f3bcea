import AttentionKernels
import Foundation
import Testing
@testable import Attention

/// The fused product-and-softmax (C kernels, every instruction set this CPU runs, on one core or
/// split in two) against a plain Double computation of `softmax(q·k)`.
@Suite struct DotProductSoftmaxTests {
    /// Deterministic values in [−4, 4]: logits of a few tens, as real features give.
    static func values(_ count: Int, seed: UInt64) -> [Float] { TestMaps.signed(count, seed: seed).map { 4 * $0 } }

    /// softmax in Double, and its Σ, max, first argmax and entropy.
    static func expected(_ q: [Float], _ keys: [Float], channels: Int, pixels n: Int)
        -> (weights: [Double], max: Double, argmax: Int, entropy: Double) {
        var logits = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for c in 0..<channels { logits[i] += Double(q[c]) * Double(keys[c * n + i]) }
        }
        let w = ReferenceMath.softmax(logits)
        let top = w.max()!
        var entropy = 0.0
        for p in w where p > 0 { entropy -= p * log(p) }
        return (w, top, w.firstIndex(of: top)!, entropy)
    }

    @Test(arguments: [(1, 1), (3, 17), (4, 1024), (7, 1023), (8, 2500), (64, 4096 + 5)], [false, true])
    func matchesPlainSoftmax(shape: (Int, Int), split: Bool) {
        let (channels, n) = shape
        let q = Self.values(channels, seed: 1), keys = Self.values(channels * n, seed: 2)
        let want = Self.expected(q, keys, channels: channels, pixels: n)
        for (level, kernels) in Kernels.available {
            let (weights, summary) = DotProductSoftmax.weights(query: q, keys: keys, channels: channels, pixels: n, cores: 2,
                                                               minimumSplitWork: split ? 0 : .max, kernels: kernels)
            #expect(weights.count == n)
            // A Float logit Σ q·k carries ~ε·Σ|q·k| absolute error, which is the weights' relative error.
            var magnitude = 0.0
            for i in 0..<n {
                var m = 0.0
                for c in 0..<channels { m += abs(Double(q[c]) * Double(keys[c * n + i])) }
                magnitude = max(magnitude, m)
            }
            let tolerance = 4e-6 + 4 * 1.2e-7 * magnitude
            for i in 0..<n {
                #expect(abs(Double(weights[i]) - want.weights[i]) <= tolerance * want.weights[i] + 1e-12, "\(level) \(shape) i \(i)")
            }
            let stats = FieldStatistics(weights: weights, softmax: summary, keysAttended: n, cost: Cost(macsPerQuery: 0, queriesPerLayer: n, keysPerQuery: n))
            #expect(abs(stats.sum - 1) <= 1e-5, "\(level) \(shape)")
            #expect(abs(stats.max - want.max) <= 1e-6, "\(level) \(shape)")
            #expect(abs(stats.entropy - want.entropy) <= 1e-4, "\(level) \(shape)")
            // The argmax is the first index holding the stored max, as FieldStatistics reads it.
            #expect(stats.argmax == weights.firstIndex(of: weights.max()!)!, "\(level) \(shape)")
            #expect(stats == FieldStatistics(weights: weights, softmax: summary, keysAttended: n,
                                             cost: Cost(macsPerQuery: 0, queriesPerLayer: n, keysPerQuery: n)))
        }
    }

    /// Ties: equal logits far apart give the first index, also across the two halves.
    @Test func firstArgmaxAcrossHalves() {
        let n = 5000
        var keys = [Float](repeating: -1, count: n)
        keys[4000] = 3
        keys[1500] = 3
        for (level, kernels) in Kernels.available {
            for split in [false, true] {
                let (w, s) = DotProductSoftmax.weights(query: [1], keys: keys, channels: 1, pixels: n, cores: 2,
                                                       minimumSplitWork: split ? 0 : .max, kernels: kernels)
                #expect(s.argmax == 1500, "\(level) split \(split)")
                #expect(w[1500] == w[4000])
            }
        }
    }

    /// NaN or +∞ logits, or none finite: no distribution, every weight NaN (as `Softmax`).
    @Test(arguments: [Float.nan, .infinity, -.infinity])
    func nonFiniteLogits(_ bad: Float) {
        let n = 3000
        var keys = Self.values(n, seed: 9)
        if bad == -.infinity {
            keys = [Float](repeating: -.infinity, count: n)
        } else {
            keys[2222] = bad
        }
        for (level, kernels) in Kernels.available {
            let (w, _) = DotProductSoftmax.weights(query: [1], keys: keys, channels: 1, pixels: n, cores: 2, minimumSplitWork: 0, kernels: kernels)
            #expect(w.allSatisfy { $0.isNaN }, "\(level) \(bad)")
        }
    }

    /// Masked (−∞) keys get exactly 0 and the rest still sum to 1.
    @Test func minusInfinityKeysGetZero() {
        let n = 2100
        var keys = Self.values(n, seed: 4)
        for i in stride(from: 0, to: 1100, by: 1) { keys[i] = -.infinity }  // a whole block and more
        for (level, kernels) in Kernels.available {
            let (w, s) = DotProductSoftmax.weights(query: [1], keys: keys, channels: 1, pixels: n, cores: 2, minimumSplitWork: 0, kernels: kernels)
            #expect(w[0..<1100].allSatisfy { $0 == 0 }, "\(level)")
            #expect(abs(s.weightSum - 1) <= 1e-5, "\(level)")
        }
    }

    /// `dot_planar` at every level against plain multiply-adds, over sub-ranges too.
    @Test(arguments: [(1, 5), (3, 16), (4, 33), (9, 1500)])
    func dotPlanar(shape: (Int, Int)) {
        let (channels, n) = shape
        let q = Self.values(channels, seed: 5), keys = Self.values(channels * n, seed: 6)
        for (level, kernels) in Kernels.available {
            var out = [Float](repeating: .nan, count: n)
            out.withUnsafeMutableBufferPointer { o in
                kernels.dot_planar(q, keys, channels, n, 0, n / 3, o.baseAddress!)
                kernels.dot_planar(q, keys, channels, n, n / 3, n, o.baseAddress!)
            }
            for i in 0..<n {
                var want = 0.0
                for c in 0..<channels { want += Double(q[c]) * Double(keys[c * n + i]) }
                #expect(abs(Double(out[i]) - want) <= 1e-5 * max(1, abs(want)), "\(level) \(shape) i \(i)")
            }
        }
    }

    /// The CPU's best level is what runs, and the baseline is always there.
    @Test func levels() {
        let names = Kernels.available.map(\.name)
        #expect(names.first == "baseline")
        #expect(names.last == Kernels.currentLevelName)
    }
}
