import Foundation
import Testing
@testable import Attention

/// Sparse weight maps: reading, materialising, merging repeated pixels, and statistics equal to
/// the dense computation.
@Suite struct SparseWeightsTests {
    static let cost = Cost(macsPerQuery: 0, queriesPerLayer: 1, keysPerQuery: 1)

    /// Deterministic values in [0, 1).
    static func random(_ count: Int, seed: UInt64) -> [Float] { TestMaps.unit(count, seed: seed) }

    /// A sparse map of `count` pixels with entries at every `step`-th pixel from `offset`.
    static func strided(count: Int, offset: Int, step: Int, values: (Int) -> Float) -> SparseWeights {
        let indices = Array(stride(from: offset, to: count, by: step))
        return SparseWeights(count: count, indices: indices, values: indices.indices.map(values))
    }

    @Test func readsEntriesAndZerosElsewhere() {
        let w = SparseWeights(count: 10, indices: [0, 3, 4, 9], values: [0.5, 0.25, -1, .nan])
        #expect(w[0] == 0.5)
        #expect(w[3] == 0.25)
        #expect(w[4] == -1)
        #expect(w[9].isNaN)
        for i in [1, 2, 5, 6, 7, 8] { #expect(w[i] == 0) }
        let dense = w.dense()
        #expect(dense.count == 10)
        #expect(Array(dense[0..<9]) == [0.5, 0, 0, 0.25, -1, 0, 0, 0, 0])
        #expect(dense[9].isNaN)
        #expect(SparseWeights(count: 5).dense() == [0, 0, 0, 0, 0])
    }

    @Test func fieldWeightsReadTheSameEitherWay() {
        let sparse = SparseWeights(count: 6, indices: [1, 5], values: [2, 3])
        let a = FieldWeights.sparse(sparse), b = FieldWeights.dense(sparse.dense())
        #expect(a.count == 6 && b.count == 6)
        for i in 0..<6 { #expect(a[i] == b[i]) }
        #expect(a.dense() == b.dense())
        #expect(a.bytes < b.bytes + 64)
    }

    /// A field keeps a sparse map sparse; `weights` materialises it and `weight(at:)` searches it.
    @Test func fieldReadsItsSparseMap() {
        let sparse = SparseWeights(count: 12, indices: [2, 7, 11], values: [0.5, 0.3, 0.2])
        var field = AttentionField(mode: .dat, height: 3, width: 4, query: Position(row: 0, col: 0),
                                   storedWeights: .sparse(sparse), cost: Self.cost, keysAttended: 3)
        #expect(field.weights == sparse.dense())
        #expect(field.weight(at: Position(row: 1, col: 3)) == 0.3)
        #expect(field.weight(at: Position(row: 1, col: 2)) == 0)
        #expect(field.statistics.argmax == 2)
        field.weights[0] = 1  // setting stores the map densely
        guard case let .dense(values) = field.storedWeights else { Issue.record("not dense"); return }
        #expect(values[0] == 1 && values[7] == 0.3)
    }

    /// Repeated pixels add up in the order given, in Float, as a dense scatter adds them.
    @Test func accumulatingMatchesADenseScatter() {
        for n in [0, 1, 5, 40, 48, 49, 300] {
            let values = Self.random(n, seed: UInt64(n) + 7).map { $0 * 3 - 1 }
            var state: UInt64 = 5
            let indices: [Int] = (0..<n).map { _ in
                state = state &* 2862933555777941757 &+ 3037000493
                return Int(state >> 59)  // 32 pixels: many repeats
            }
            var dense = [Float](repeating: 0, count: 32)
            for (i, v) in zip(indices, values) { dense[i] += v }
            let sparse = SparseWeights(count: 32, accumulating: indices, values)
            #expect(sparse.dense().map(\.bitPattern) == dense.map(\.bitPattern), "n = \(n)")
            #expect(zip(sparse.indices, sparse.indices.dropFirst()).allSatisfy { $0 < $1 })
        }
        // −0 alone becomes +0, as 0 + (−0) in a zeroed map; NaN stays.
        let signed = SparseWeights(count: 4, accumulating: [2, 1, 1], [-0.0, .nan, 1])
        #expect(signed[2].bitPattern == Float(0).bitPattern)
        #expect(signed[1].isNaN)
    }

    /// Statistics from the entries equal those of the dense map: Σ and entropy up to summation
    /// order, max, argmax and the NaN count exactly.
    static func expectSameStatistics(_ sparse: SparseWeights, _ label: String,
                                     sourceLocation: SourceLocation = #_sourceLocation) {
        let s = FieldStatistics(sparse: sparse, keysAttended: 7, cost: cost)
        let d = FieldStatistics(weights: sparse.dense(), keysAttended: 7, cost: cost)
        if d.sum.isFinite {
            #expect(abs(s.sum - d.sum) <= 1e-6 * max(1, abs(d.sum)), "\(label): Σ", sourceLocation: sourceLocation)
        } else {
            #expect(s.sum == d.sum, "\(label): Σ", sourceLocation: sourceLocation)
        }
        #expect(abs(s.entropy - d.entropy) <= 1e-6 * max(1, d.entropy), "\(label): entropy", sourceLocation: sourceLocation)
        #expect(abs(s.effectiveKeys - d.effectiveKeys) <= 1e-5 * max(1, d.effectiveKeys), "\(label): keys",
                sourceLocation: sourceLocation)
        #expect(s.max == d.max, "\(label): max", sourceLocation: sourceLocation)
        #expect(s.argmax == d.argmax, "\(label): argmax", sourceLocation: sourceLocation)
        #expect(s.nanCount == d.nanCount, "\(label): NaN", sourceLocation: sourceLocation)
        #expect(s.keysAttended == 7, sourceLocation: sourceLocation)
    }

    @Test func statisticsMatchTheDenseMap() {
        let n = 64 * 64
        // A DAT-like map: a few hundred entries summing to less than 1 (the rest off the map).
        let values = Self.random(180, seed: 3)
        let total = values.reduce(0, +)
        Self.expectSameStatistics(Self.strided(count: n, offset: 5, step: 22) { values[$0 % 180] * 0.9 / total }, "dat-like")
        // Entries that cover the map from pixel 0 (the first zero pixel is later).
        Self.expectSameStatistics(Self.strided(count: 40, offset: 0, step: 1) { $0 < 20 ? 0.05 : 0 }, "prefix")
        Self.expectSameStatistics(SparseWeights(count: 40, indices: Array(0..<40), values: Self.random(40, seed: 1)), "full")
        // No entry at all, and entries that are all zero: the max 0 is at the first pixel.
        Self.expectSameStatistics(SparseWeights(count: 30), "empty")
        Self.expectSameStatistics(SparseWeights(count: 30, indices: [3, 4], values: [0, 0]), "zeros")
        Self.expectSameStatistics(SparseWeights(count: 30, indices: [0, 1, 2], values: [0, -0.0, 0]), "zeros first")
        // Negative entries: the max is a zero pixel; an entry holding 0 before it wins.
        Self.expectSameStatistics(SparseWeights(count: 30, indices: [0, 1, 7], values: [-1, -2, -0.5]), "negative")
        Self.expectSameStatistics(SparseWeights(count: 30, indices: [0, 1, 2], values: [-1, 0, -0.5]), "negative, zero entry")
        Self.expectSameStatistics(SparseWeights(count: 3, indices: [0, 1, 2], values: [-1, -3, -0.5]), "negative, full")
        // NaN entries: counted and left out; all NaN.
        Self.expectSameStatistics(SparseWeights(count: 50, indices: [4, 9, 10, 30], values: [0.25, .nan, 0.5, .nan]), "NaN")
        Self.expectSameStatistics(SparseWeights(count: 50, indices: [4, 9], values: [.nan, .nan]), "all NaN")
        Self.expectSameStatistics(SparseWeights(count: 2, indices: [0, 1], values: [.nan, .nan]), "all NaN, full")
        // Ties keep the first pixel; subnormal and infinite entries.
        Self.expectSameStatistics(SparseWeights(count: 50, indices: [6, 8, 40], values: [0.5, 0.5, 0.25]), "tie")
        Self.expectSameStatistics(SparseWeights(count: 50, indices: [6, 8], values: [Float.leastNormalMagnitude / 4, 0.5]),
                                  "subnormal")
        Self.expectSameStatistics(SparseWeights(count: 50, indices: [6, 8], values: [.infinity, 0.5]), "infinite")
        // Long runs (vector paths and tails) at many lengths.
        for length in [1, 7, 8, 15, 16, 17, 31, 129, 200] {
            let v = Self.random(length, seed: UInt64(length))
            Self.expectSameStatistics(Self.strided(count: 4 * length + 2, offset: 2, step: 4) { v[$0] }, "length \(length)")
        }
    }
}
