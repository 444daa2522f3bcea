import Testing
@testable import Attention

@Suite struct FieldStatisticsTests {
    @Test func uniformMapHasEntropyLogN() {
        let w = [Float](repeating: 0.25, count: 4)
        let s = FieldStatistics(weights: w, keysAttended: 4, cost: Cost(macsPerQuery: 0, queriesPerLayer: 4, keysPerQuery: 4))
        #expect(abs(s.sum - 1) < 1e-12)
        #expect(abs(s.entropy - 1.3862943611198906) < 1e-9)  // ln 4
        #expect(abs(s.effectiveKeys - 4) < 1e-9)
    }

    @Test func entropyRenormalisesTheInImageMass() {
        let s = FieldStatistics(weights: [0.25, 0.25, 0, 0], keysAttended: 4, cost: Cost(macsPerQuery: 0, queriesPerLayer: 4, keysPerQuery: 4))
        #expect(abs(s.entropy - 0.6931471805599453) < 1e-9)  // ln 2
        #expect(s.argmax == 0)
    }

    @Test func nanWeightsAreCountedAndLeftOut() {
        let s = FieldStatistics(weights: [.nan, 1, 0], keysAttended: 3, cost: Cost(macsPerQuery: 0, queriesPerLayer: 3, keysPerQuery: 3))
        #expect(s.nanCount == 1)
        #expect(s.sum == 1)
        #expect(s.argmax == 1)
    }
}
