import Testing
@testable import Benchmarks

@Suite struct PercentileTests {
    @Test func interpolatesLinearlyBetweenRanksAsNumPyDoes() {
        // np.percentile([1, 2, 3, 4], [0, 50, 99, 100]) = 1, 2.5, 3.97, 4
        let samples: [Double] = [4, 1, 3, 2]
        #expect(Percentile.of(samples, 0) == 1)
        #expect(Percentile.of(samples, 50) == 2.5)
        #expect(abs(Percentile.of(samples, 99)! - 3.97) < 1e-12)
        #expect(Percentile.of(samples, 100) == 4)
    }

    @Test func hundredSamples() {
        // np.percentile(range(1, 101), 99) = 99.01; 50 → 50.5
        let samples = (1...100).map(Double.init).reversed().map { $0 }
        #expect(abs(Percentile.of(samples, 99)! - 99.01) < 1e-9)
        #expect(abs(Percentile.of(samples, 50)! - 50.5) < 1e-12)
    }

    @Test func edgeCases() {
        #expect(Percentile.of([], 50) == nil)
        #expect(Percentile.of([7], 99) == 7)
        #expect(Percentile.of([1, .nan], 50) == nil)
        #expect(Percentile.of([1, 2], 150) == 2)  // clamped to 100
        #expect(Percentile.of([1, 2], -5) == 1)
    }
}
