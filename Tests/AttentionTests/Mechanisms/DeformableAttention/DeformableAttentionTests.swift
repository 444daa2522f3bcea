import Testing
import FeatureMaps
@testable import Attention

@Suite struct DeformableAttentionTests {
    @Test func matchesPyTorchReference() throws {
        let cases = try SamplingFixtures.cases(.dat)
        #expect(cases.count == 10)
        for c in cases { try c.verify() }
    }

    @Test func syntheticNetworkGivesAboutSevenPointsPerAxis() throws {
        for (h, w, hk, wk) in [(56, 56, 7, 7), (14, 14, 7, 7), (64, 64, 7, 7), (20, 40, 4, 7), (3, 9, 2, 5)] {
            let m = try DeformableAttention(map: SamplingFixtures.map(height: h, width: w),
                                            settings: AttentionSettings(), inputs: AttentionInputs())
            #expect(m.gridHeight == hk && m.gridWidth == wk, "\(h)×\(w) → \(m.gridHeight)×\(m.gridWidth)")
            #expect(m.illustrative)
        }
    }

    @Test func syntheticNetworkKernelMatchesDATPlusPlusStages() {
        #expect([8, 4, 2, 1].map { SyntheticOffsetNetwork.kernelSize(stride: $0) } == [9, 7, 5, 3])
    }

    @Test func samplesAreSharedByAllQueriesAndMassIsConserved() throws {
        let engine = AttentionEngine(map: SamplingFixtures.map(channels: 4, height: 16, width: 19))
        let a = try engine.field(.dat, at: Position(row: 0, col: 0), settings: AttentionSettings())
        let b = try engine.field(.dat, at: Position(row: 15, col: 10), settings: AttentionSettings())
        #expect(a.samples.map { [$0.y, $0.x] } == b.samples.map { [$0.y, $0.x] })
        #expect(a.weights != b.weights)
        for f in [a, b] {
            #expect(abs(SamplingFixtures.total(f) - 1) < 1e-6)
            #expect(f.illustrative)
            #expect(f.statistics.keysAttended == f.samples.count)
        }
        let again = try AttentionEngine(map: SamplingFixtures.map(channels: 4, height: 16, width: 19))
            .field(.dat, at: Position(row: 0, col: 0), settings: AttentionSettings())
        #expect(again.weights == a.weights)
    }

    @Test func lastReferencePointLiesBeyondTheMap() throws {
        // f = 0 pins the samples to the reference points: ref(k) = (k + 0.5)/(Hk − 1)·2 − 1.
        var inputs = AttentionInputs()
        inputs.offsets = Tensor(shape: [2, 3, 3], values: [Float](repeating: 0.7, count: 18))
        var s = AttentionSettings()
        s.offsetRange = 0
        let m = try DeformableAttention(map: SamplingFixtures.map(height: 9, width: 9), settings: s, inputs: inputs)
        // Normalised 0.5, 1.5, 2.5 over 2 → −0.5, 0.5, 1.5 → pixels 2, 6, 10 on a 9-pixel axis.
        #expect(m.positions.map(\.y) == [2, 2, 2, 6, 6, 6, 10, 10, 10])
        #expect(m.referencePoints == m.positions)
        #expect(!m.illustrative)
        let field = try AttentionEngine(map: SamplingFixtures.map(height: 9, width: 9), inputs: inputs)
            .field(.dat, at: Position(row: 4, col: 4), settings: s)
        #expect(field.offImage > 0)
        #expect(field.statistics.cost.macsPerQuery == 2 * 9 * 3)
        #expect(field.statistics.cost.macsPerMap == 4 * 9 * 3)
    }

    @Test func rawOffsetsNeedAtLeastTwoPointsPerAxis() {
        var inputs = AttentionInputs()
        inputs.offsets = Tensor(shape: [2, 1, 5], values: [Float](repeating: 0, count: 10))
        let engine = AttentionEngine(map: SamplingFixtures.map(height: 6, width: 6), inputs: inputs)
        #expect(throws: AttentionError.self) { try engine.field(.dat, at: Position(row: 0, col: 0), settings: AttentionSettings()) }
    }

    @Test func channelLastOffsetsAndBadPositionsAreRefused() {
        let map = SamplingFixtures.map(height: 6, width: 6)
        var inputs = AttentionInputs()
        inputs.offsets = Tensor(shape: [1, 4, 4, 2], values: [Float](repeating: 0, count: 32))
        #expect(throws: AttentionError.self) {
            try AttentionEngine(map: map, inputs: inputs).field(.dat, at: Position(row: 0, col: 0), settings: AttentionSettings())
        }
        inputs.offsets = nil
        inputs.positions = Tensor(shape: [3, 4, 3], values: [Float](repeating: 0, count: 36))
        #expect(throws: AttentionError.self) {
            try AttentionEngine(map: map, inputs: inputs).field(.dat, at: Position(row: 0, col: 0), settings: AttentionSettings())
        }
        inputs.positions = Tensor(shape: [2, 3, 4, 2], values: [Float](repeating: 0, count: 48))
        var s = AttentionSettings()
        s.group = 2
        #expect(throws: AttentionError.self) {
            try AttentionEngine(map: map, inputs: inputs).field(.dat, at: Position(row: 0, col: 0), settings: s)
        }
    }

    @Test func invalidStrideTemperatureAndThinMapsAreRefused() {
        var s = AttentionSettings()
        s.stride = 10  // 10×10 map: a 1×1 grid
        let engine = AttentionEngine(map: SamplingFixtures.map(height: 10, width: 10))
        #expect(throws: AttentionError.self) { try engine.field(.dat, at: Position(row: 0, col: 0), settings: s) }
        s.stride = 0
        #expect(throws: AttentionError.self) { try engine.field(.dat, at: Position(row: 0, col: 0), settings: s) }
        var t = AttentionSettings()
        t.temperature = 0
        #expect(throws: AttentionError.self) { try engine.field(.dat, at: Position(row: 0, col: 0), settings: t) }
        let thin = AttentionEngine(map: SamplingFixtures.map(height: 1, width: 8))
        #expect(throws: AttentionError.self) { try thin.field(.dat, at: Position(row: 0, col: 0), settings: AttentionSettings()) }
    }

    @Test func nanOffsetsSampleNothing() throws {
        var values = [Float](repeating: 0.1, count: 2 * 3 * 3)
        values[4] = .nan  // Δy of the centre sample
        var inputs = AttentionInputs()
        inputs.offsets = Tensor(shape: [2, 3, 3], values: values)
        let field = try AttentionEngine(map: SamplingFixtures.map(height: 8, width: 8), inputs: inputs)
            .field(.dat, at: Position(row: 3, col: 3), settings: AttentionSettings())
        #expect(field.weights.allSatisfy { !$0.isNaN })
        #expect(field.samples[4].y.isNaN)
        #expect(field.offImage >= field.samples[4].weight - 1e-12)
        #expect(abs(SamplingFixtures.total(field) - 1) < 1e-6)
    }

    @Test func nanFeaturesGiveANaNMapWithoutCrashing() throws {
        var map = SamplingFixtures.map(height: 8, width: 8)
        map.data[2 * 8 + 2] = .nan  // a corner of the first sample (1.75, 1.75)
        var inputs = AttentionInputs()
        inputs.offsets = Tensor(shape: [2, 3, 3], values: [Float](repeating: 0, count: 18))
        let field = try AttentionEngine(map: map, inputs: inputs).field(.dat, at: Position(row: 0, col: 0), settings: AttentionSettings())
        #expect(field.offImage.isNaN)
        #expect(field.statistics.nanCount > 0)
        #expect(field.weights.contains(0))
    }
}

extension DeformableAttentionTests {
    @Test func tooManySamplingPointsAreRefused() {
        var inputs = AttentionInputs()
        let count = 513 * 512 * 2
        inputs.positions = Tensor(shape: [513, 512, 2], values: [Float](repeating: 0, count: count))
        let engine = AttentionEngine(map: SamplingFixtures.map(channels: 1, height: 4, width: 4), inputs: inputs)
        #expect(throws: AttentionError.self) { try engine.field(.dat, at: Position(row: 0, col: 0), settings: AttentionSettings()) }
    }
}
