import Foundation
import Testing
@testable import Attention

/// The shortcuts (softmax sums, sparse support) against the full computation and a Double reference.
@Suite struct FieldStatisticsShortcutTests {
    static let cost = Cost(macsPerQuery: 0, queriesPerLayer: 1, keysPerQuery: 1)

    /// Deterministic values in [0, 1).
    static func random(_ count: Int, seed: UInt64) -> [Float] { TestMaps.unit(count, seed: seed) }

    static func expectClose(_ a: FieldStatistics, _ b: FieldStatistics) {
        #expect(abs(a.sum - b.sum) <= 1e-6 * Swift.max(1, abs(b.sum)))
        #expect(a.max == b.max)
        #expect(a.argmax == b.argmax)
        #expect(abs(a.entropy - b.entropy) <= 1e-6 * Swift.max(1, b.entropy))
        #expect(abs(a.effectiveKeys - b.effectiveKeys) <= 1e-6 * Swift.max(1, b.effectiveKeys))
        #expect(a.nanCount == b.nanCount)
        #expect(a.keysAttended == b.keysAttended)
    }

    @Test(arguments: [(1, Float(1)), (17, Float(3)), (1000, Float(1)), (1000, Float(40)), (65_536 + 5, Float(8)), (65_536, Float(0.01))] as [(Int, Float)])
    func softmaxSumsGiveTheFullStatistics(count: Int, spread: Float) {
        var logits = Self.random(count, seed: 7 &+ UInt64(count)).map { ($0 - 0.5) * spread }
        if count > 20 {
            logits[2] = -.infinity  // masked
            logits[count - 3] = -.infinity
            logits[count / 3] = spread  // a clear max
        }
        var weights = logits
        let summary = Softmax.normalizeSummarized(&weights)
        var plain = logits
        Softmax.normalize(&plain)
        #expect(plain == weights)  // the summary does not change the softmax
        let fast = FieldStatistics(weights: weights, softmax: summary, keysAttended: count, cost: Self.cost)
        let full = FieldStatistics(weights: weights, keysAttended: count, cost: Self.cost)
        Self.expectClose(fast, full)
        // And against the entropy of the exact softmax in Double.
        let exact = ReferenceMath.softmax(logits.map(Double.init))
        let h = -exact.reduce(0) { $1 > 0 ? $0 + $1 * Foundation.log($1) : $0 }
        #expect(abs(fast.entropy - h) <= 1e-6 * Swift.max(1, h))
    }

    @Test func softmaxWithoutDistributionFallsBack() {
        var weights: [Float] = [1, .nan, 2]
        let summary = Softmax.normalizeSummarized(&weights)
        let fast = FieldStatistics(weights: weights, softmax: summary, keysAttended: 3, cost: Self.cost)
        #expect(fast.nanCount == 3)
        #expect(fast.sum == 0)
    }

    @Test func tiedSoftmaxMaximumReportsTheFirst() {
        var weights: [Float] = [0, 5, 1, 5, 5, 2] + [Float](repeating: 5, count: 40)
        let summary = Softmax.normalizeSummarized(&weights)
        #expect(summary.argmax == 1)
    }

    @Test func rangesCoverIndicesInOrder() {
        #expect(FieldStatistics.ranges(covering: [9, 3, 4, 4, 5, 12, 10, 0]) == [0..<1, 3..<6, 9..<11, 12..<13])
        #expect(FieldStatistics.ranges(covering: []) == [])
    }

    /// A map zero outside `support`, with `values` written into it.
    static func sparse(count: Int, support: [Range<Int>], seed: UInt64) -> [Float] {
        var w = [Float](repeating: 0, count: count)
        let values = random(support.reduce(0) { $0 + $1.count }, seed: seed)
        var k = 0
        for r in support { for i in r { w[i] = values[k] / 10; k += 1 } }
        return w
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func sparseSupportGivesTheFullStatistics(seed: UInt64) {
        let width = 97, count = 61 * width
        // A 9×11 window, rows apart, and stray corners.
        var support = (0..<9).map { r -> Range<Int> in
            let s = (20 + r) * width + 40 + Int(seed)
            return s..<(s + 11)
        }
        support.insert(5..<7, at: 0)
        support.append((count - 3)..<count)
        var w = Self.sparse(count: count, support: support, seed: seed)
        if seed == 2 { w[support[3].lowerBound + 4] = .nan }
        if seed == 3 {  // ties: the first in row-major order wins, across ranges and inside one
            w[support[2].lowerBound + 7] = 0.5
            w[support[5].lowerBound + 1] = 0.5
            w[support[2].lowerBound + 9] = 0.5
        }
        if seed == 4 { w[support[1].lowerBound] = -0.25 }  // a negative weight in the support
        let fast = FieldStatistics(weights: w, support: support, keysAttended: 5, cost: Self.cost)
        let full = FieldStatistics(weights: w, keysAttended: 5, cost: Self.cost)
        Self.expectClose(fast, full)
        if seed == 3 { #expect(fast.argmax == support[2].lowerBound + 7) }
    }

    @Test func sparseSupportWithoutPositiveWeightReadsTheZeros() {
        // Max 0 lies outside the support, before it; and a support of negative weights only.
        var w = [Float](repeating: 0, count: 64)
        w[40] = -1; w[41] = -2
        for support in [[40..<42], [30..<42]] {
            let fast = FieldStatistics(weights: w, support: support, keysAttended: 2, cost: Self.cost)
            let full = FieldStatistics(weights: w, keysAttended: 2, cost: Self.cost)
            Self.expectClose(fast, full)
            #expect(fast.argmax == 0)
        }
        // Unordered ranges are not trusted.
        w[3] = 1; w[50] = 1
        let fast = FieldStatistics(weights: w, support: [50..<51, 3..<4], keysAttended: 2, cost: Self.cost)
        #expect(fast.argmax == 3)
        #expect(fast.sum == -1)
    }
}
