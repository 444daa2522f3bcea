import Testing
@testable import Attention

/// Keys reached (nonzero, not NaN) and the hottest keys besides the query, dense and sparse.
@Suite struct ReachedAndTopKeysTests {
    static let weights: [Float] = [0, 0.5, 0, 0.1, .nan, 0.2, 0, 1e-30, 0.2]

    @Test func reachedCountsNonzeroWeightsOnly() {
        #expect(ReachedKeys.count(.dense(Self.weights)) == 5)
        #expect(ReachedKeys.count(.dense([0, 0, 0])) == 0)
        let sparse = SparseWeights(count: 9, indices: [1, 3, 5], values: [0.5, 0, 0.25])
        #expect(ReachedKeys.count(.sparse(sparse)) == 2)
    }

    @Test func topKeysAreLargestFirstWithoutTheQuery() {
        #expect(TopKeys.indices(.dense(Self.weights), k: 3) == [1, 5, 8])
        #expect(TopKeys.indices(.dense(Self.weights), k: 3, excluding: 1) == [5, 8, 3])
        #expect(TopKeys.indices(.dense(Self.weights), k: 20).count == 5, "only keys holding mass")
        #expect(TopKeys.indices(.dense(Self.weights), k: 0).isEmpty)
        let sparse = SparseWeights(count: 9, indices: [2, 4, 7], values: [0.1, 0.7, 0.2])
        #expect(TopKeys.indices(.sparse(sparse), k: 2, excluding: 4) == [7, 2])
    }

    @Test func hottestSkipsAQueryHoldingItsOwnMass() {
        // The query (1,1) takes most of its mass; m must go elsewhere.
        var w = [Float](repeating: 0.01, count: 9)
        w[4] = 0.9
        w[6] = 0.02
        let field = AttentionField(mode: .global, height: 3, width: 3, query: Position(row: 1, col: 1), weights: w,
                                   cost: Cost(macsPerQuery: 1, queriesPerLayer: 9, keysPerQuery: 9), keysAttended: 9)
        #expect(field.statistics.argmax == 4)
        #expect(TopKeys.hottest(of: field) == Position(row: 2, col: 0))
        #expect(TopKeys.hottest(of: field, excludingQuery: false) == Position(row: 1, col: 1))
    }
}
