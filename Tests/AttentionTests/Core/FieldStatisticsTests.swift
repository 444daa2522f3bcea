import AttentionKernels
import Foundation
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

/// The vectorised statistics against a plain Double computation with libm's log.
@Suite struct FieldStatisticsAccuracyTests {
    static func reference(_ w: [Float]) -> (sum: Double, max: Double, argmax: Int, entropy: Double, nans: Int) {
        var sum = 0.0, mx = -Double.infinity, arg = 0, nans = 0
        for (i, x) in w.enumerated() {
            if x.isNaN { nans += 1; continue }
            sum += Double(x)
            if Double(x) > mx { mx = Double(x); arg = i }
        }
        var h = 0.0
        for x in w where !x.isNaN && x > 0 { let p = Double(x) / sum; h -= p * Foundation.log(p) }
        return (sum, mx, arg, h, nans)
    }

    @Test(arguments: [1, 7, 16, 33, 1000, 65_536 + 5])
    func matchesTheDoubleReference(count: Int) {
        var w = TestMaps.unit(count, seed: 99 &+ UInt64(count))
        if count > 20 {
            w[3] = 0
            w[5] = .nan
            w[count / 2] = 2  // the max, in the middle
        }
        let total = w.reduce(0) { $1.isNaN ? $0 : $0 + $1 }
        w = w.map { $0 / total }
        if count > 20 { w[count - 1] = Float.leastNormalMagnitude / 8 }  // subnormal
        let s = FieldStatistics(weights: w, keysAttended: count, cost: Cost(macsPerQuery: 0, queriesPerLayer: 1, keysPerQuery: 1))
        let r = Self.reference(w)
        #expect(abs(s.sum - r.sum) <= 1e-6 * r.sum)
        #expect(s.max == r.max)
        #expect(s.argmax == r.argmax)
        #expect(s.nanCount == r.nans)
        #expect(abs(s.entropy - r.entropy) <= 1e-6 * Swift.max(1, r.entropy), "\(s.entropy) vs \(r.entropy)")
    }

    @Test func signedMapsKeepThePositiveOnlyEntropy() {
        let w: [Float] = [0.5, -0.25, 0.5, 0.25, 0, -0.125] + [Float](repeating: 0.01, count: 20)
        let s = FieldStatistics(weights: w, keysAttended: 26, cost: Cost(macsPerQuery: 0, queriesPerLayer: 1, keysPerQuery: 1))
        let r = Self.reference(w)
        #expect(abs(s.entropy - r.entropy) < 1e-6)
        #expect(abs(s.sum - r.sum) < 1e-6)
    }

    @Test func fastLogIsAccurate() {
        var x: Float = 1e-37
        while x < 1e30 {
            let (e, lm) = FastLog.split(SIMD16<Float>(repeating: x))
            let got = Double(e[0]) * 0.6931471805599453 + Double(lm[0])
            #expect(abs(got - Foundation.log(Double(x))) < 2e-7, "x = \(x)")
            x *= 1.37
        }
    }

    /// `map_summary` at every instruction set this CPU runs: Σ, max, first argmax and NaN count
    /// (NaN left out, also from the max), and the entropy sums, on lengths around the vector
    /// and block sizes.
    @Test(arguments: [0, 1, 15, 16, 17, 127, 128, 129, 1000])
    func everyInstructionSetSummarisesLikeTheReference(count: Int) {
        var maps = [TestMaps.unit(count, seed: 7 &+ UInt64(count)).map { $0 / Float(max(count, 1)) }]
        if count > 3 {
            var negative = TestMaps.unit(count, seed: 3).map { -1 - $0 }
            negative[count - 2] = .nan  // a NaN is not the max of an all-negative map
            maps.append(negative)
            var ties = [Float](repeating: 0.5, count: count)
            ties[1] = .nan
            maps.append(ties)
        }
        maps.append([Float](repeating: .nan, count: count))
        for (level, kernels) in Kernels.available {
            for w in maps {
                var part = ak_map_summary()
                w.withUnsafeBufferPointer { kernels.map_summary($0.baseAddress, count, &part) }
                let r = Self.reference(w)
                let label = "\(level) count \(count) first \(w.first ?? 0)"
                #expect(abs(part.sum - r.sum) <= 1e-6 * max(1, abs(r.sum)), "\(label)")
                #expect(part.nans == r.nans, "\(label)")
                if r.nans == count {
                    #expect(part.max == -.infinity && part.argmax == -1, "\(label)")
                    continue
                }
                #expect(Double(part.max) == r.max && part.argmax == r.argmax, "\(label)")
                let positive = w.reduce(0.0) { $1 > 0 && !$1.isNaN ? $0 + Double($1) : $0 }
                let weighted = w.reduce(0.0) { $1 > 0 && !$1.isNaN ? $0 + Double($1) * Foundation.log(Double($1)) : $0 }
                #expect(abs(part.positive - positive) <= 1e-6 * max(1, positive), "\(label)")
                #expect(abs(part.weighted - weighted) <= 1e-6 * max(1, abs(weighted)), "\(label)")
            }
        }
    }

    /// The kernels' logarithm (one weight: Σ w·ln w / w) at every instruction set: the series
    /// within 2e-7, plus the float rounding of the products w·e and w·ln m (~6e-8 of |ln w|).
    @Test func everyInstructionSetTakesAccurateLogarithms() {
        for (level, kernels) in Kernels.available {
            var x: Float = 1e-37
            while x < 1e30 {
                var part = ak_map_summary()
                [x].withUnsafeBufferPointer { kernels.map_summary($0.baseAddress, 1, &part) }
                let log = Foundation.log(Double(x))
                #expect(abs(part.weighted / Double(x) - log) < 2e-7 + 1.2e-7 * abs(log), "\(level) x = \(x)")
                x *= 1.37
            }
        }
    }
}
