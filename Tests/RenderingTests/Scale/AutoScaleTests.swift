import Foundation
import Testing
@testable import Rendering

/// The automatic scale rule, on hand-made value sets whose percentiles are known.
@Suite struct AutoScaleTests {
    static func choose(_ values: [Float]) -> ValueScale {
        values.withUnsafeBufferPointer { AutoScale.choose($0) }
    }

    @Test func evenMapsStayLinear() {
        // 100 values 1…100: the median is half the max.
        #expect(Self.choose((1...100).map(Float.init)) == .linear)
        // 0.2 … 1: the median is 60 % of the max.
        #expect(Self.choose((0..<50).map { 0.2 + 0.8 * Float($0) / 49 }) == .linear)
        #expect(Self.choose([]) == .linear)
        #expect(Self.choose([0, 0, 0]) == .linear)
        #expect(Self.choose([0.5]) == .linear)
    }

    @Test func aQueryHoldingItsOwnMassIsClipped() {
        // Raw features: the query 0.035, a few keys near 0.01, the typical key 6e-4 (the
        // explorer's test fixture): linear would draw one dot on a slab.
        var values: [Float] = (0..<760).map { 2e-4 + 8e-4 * Float($0) / 759 }
        values += [0.009, 0.01, 0.011, 0.012, 0.013, 0.015, 0.017, 0.035]
        let p99 = values.sorted()[Int(0.99 * Float(values.count - 1))]
        #expect(Self.choose(values) == .clipped(fraction: p99 / 0.035))
    }

    @Test func oneDominantKeyIsClippedAtTheNinetyNinthPercentile() {
        // The query holding 90 % of its mass, 199 others sharing the rest evenly-ish (1…2 × 1e-4).
        var values: [Float] = (0..<199).map { 1e-4 * (1 + Float($0) / 198) }
        values.append(0.9)
        let p99 = values.sorted()[Int(0.99 * Float(values.count - 1))]
        #expect(Self.choose(values) == .clipped(fraction: p99 / 0.9))
        let mapping = values.withUnsafeBufferPointer { ScaleMapping(scale: .auto, values: $0) }
        #expect(mapping.automatic)
        #expect(mapping.saturation == p99)
        #expect(mapping.legendName == "clip p99 (auto)")
        // The rest is drawn across the whole ramp, not squashed into the lowest band.
        #expect(mapping.unit(values[0]) < 0.6 && mapping.unit(values[197]) > 0.95)
    }

    @Test func mapsSpanningDecadesGetALogScale() {
        // 1e-8 … 1 in 100 geometric steps: median ≈ 1e-4, p10 ≈ 1e-7.2.
        let values: [Float] = (0..<100).map { powf(10, -8 + 8 * Float($0) / 99) }
        let p10 = values[Int(0.1 * 99)]
        let decades = Int(log10(1 / p10).rounded(.up))
        #expect(Self.choose(values) == .log(decades: min(6, decades)))
        let mapping = values.withUnsafeBufferPointer { ScaleMapping(scale: .auto, values: $0) }
        #expect(mapping.legendName == "log 6dec (auto)")
        // 1e-5 … 1: median 10^-2.5 (> 100× below the max), p10 10^-4.5 → 5 decades.
        let five: [Float] = (0..<100).map { powf(10, -5 + 5 * Float($0) / 99) }
        #expect(Self.choose(five) == .log(decades: 5))
        // 1e-3 … 1: the median 31× below the max (under a tenth of it), p10 10^-2.7 → 3 decades.
        let narrow: [Float] = (0..<100).map { powf(10, -3 + 3 * Float($0) / 99) }
        #expect(Self.choose(narrow) == .log(decades: 3))
        // Subnormal weights: a ratio beyond Float's range is 6 decades, not a crash.
        let subnormal: [Float] = [Float.leastNonzeroMagnitude, Float.leastNonzeroMagnitude, 1e-30, 3e38]
        #expect(Self.choose(subnormal) == .log(decades: 6))
    }

    @Test func largeMapsAreJudgedFromAnEvenSample() {
        // 40 000 keys, 1e-6 … 1e-4 spread evenly, one query at 0.5: clipped at (about) p99 of
        // the rest, which the sample finds within a percent.
        var values: [Float] = (0..<40_000).map { 1e-6 + 99e-6 * Float($0) / 39_999 }
        values.append(0.5)
        guard case let .clipped(fraction) = Self.choose(values) else { Issue.record("not clipped"); return }
        let p99: Float = 1e-6 + 99e-6 * 0.99
        #expect(abs(fraction * 0.5 - p99) / p99 < 0.01)
    }

    @Test func signedMapsAndChosenScalesAreNotAutomatic() {
        let signed: [Float] = [-1, 0, 1e-6, 1]
        let m = signed.withUnsafeBufferPointer { ScaleMapping(scale: .auto, values: $0) }
        #expect(m.signed && m.legendName == "signed")
        let fixed: [Float] = [1e-8, 1]
        let l = fixed.withUnsafeBufferPointer { ScaleMapping(scale: .linear, values: $0) }
        #expect(!l.automatic && l.legendName == "linear")
        #expect(ScaleMapping(scale: .auto, minimum: 0, maximum: 1).scale == .linear)
    }

    @Test func vCyclesAutoFirst() {
        #expect(ValueScale.cycle == [.auto, .linear, .log4, .clip10])
        #expect(ValueScale(argument: "auto") == .auto)
        #expect(ValueScale(argument: "auto:3") == nil)
    }
}

/// The histogram-and-selection quantiles against a plain sort, on random views of every shape
/// the rule meets: even, decades wide, mostly zeros, with NaN, ∞ and −0 mixed in.
@Suite struct AutoScaleQuantileTests {
    /// The rule as the sort-based definition states it (quantile q = sorted[⌊q·(n − 1)⌋]).
    static func bySorting(_ values: [Float]) -> ValueScale {
        if values.contains(where: { $0 < 0 }) { return .linear }
        let p = values.filter { $0 > 0 && $0.isFinite }.sorted()
        guard p.count >= 2, let top = p.last else { return .linear }
        func quantile(_ q: Float) -> Float { p[Int(q * Float(p.count - 1))] }
        return AutoScale.choose(top: top, p10: quantile(0.1), median: quantile(0.5), p99: quantile(0.99))
    }

    @Test(arguments: [1, 2, 3, 17, 100, 1000, 4096])
    func randomViewsMatchTheSortedDefinition(_ count: Int) {
        var generator = SeededGenerator(seed: UInt64(count))
        for shape in 0..<6 {
            let values: [Float] = (0..<count).map { _ in
                let u = Float.random(in: 0..<1, using: &generator)
                switch shape {
                case 0: return u
                case 1: return powf(10, -8 * u)
                case 2: return u < 0.9 ? 0 : powf(10, -3 * u)
                case 3: return u < 0.02 ? [Float.nan, .infinity, -0.0][Int(u * 150) % 3] : u * u
                case 4: return Float(Int(u * 4)) / 4  // many equal values: ties in one bucket
                default: return u < 0.01 ? 0.9 : 1e-4 * (1 + u)  // a dominant few
                }
            }
            #expect(AutoScaleTests.choose(values) == Self.bySorting(values), "\(count) values, shape \(shape)")
        }
    }
}

/// A small deterministic generator (SplitMix64) for reproducible random views.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
