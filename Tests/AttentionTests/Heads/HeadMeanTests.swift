import Testing
@testable import Attention
import FeatureMaps

/// `--head mean` for every mode that reads projection heads: the mean of the single heads' fields
/// (each of which the modes' own reference tests check), statistics of the averaged map, and the
/// refusals. Global's head mean is checked against timm's own softmax in `GlobalPrefixTokenTests`.
@Suite struct HeadMeanTests {
    static let heads = 3, d = 4, channels = 6

    /// A seeded projection file with `heads` heads of (d, C), biases included.
    static func projections() -> TensorArchive {
        let size = heads * d * channels
        return TensorArchive(path: "proj.npz", entries: [
            ("wq", Tensor(shape: [heads, d, channels], values: TestMaps.signed(size, seed: 11).map { $0 * 1.5 })),
            ("wk", Tensor(shape: [heads, d, channels], values: TestMaps.signed(size, seed: 12).map { $0 * 1.5 })),
            ("bq", Tensor(shape: [heads, d], values: TestMaps.signed(heads * d, seed: 13))),
            ("bk", Tensor(shape: [heads, d], values: TestMaps.signed(heads * d, seed: 14))),
        ])
    }

    static func settings(_ mode: Mode) -> AttentionSettings {
        var s = AttentionSettings()
        if mode == .window { s.window = 3; s.shift = 1 }
        if mode == .neighborhood { s.kernel = 3 }
        if mode == .dat { s.stride = 3 }
        return s
    }

    static let modes: [Mode] = [.global, .window, .axial, .crissCross, .dat, .neighborhood, .lesa]

    @Test(arguments: modes)
    func theMeanIsTheAverageOfTheHeadsMaps(_ mode: Mode) throws {
        let map = TestMaps.smooth(channels: Self.channels, height: 7, width: 8)
        var inputs = AttentionInputs()
        inputs.projections = Self.projections()
        let engine = AttentionEngine(map: map, inputs: inputs)
        var headsDiffer = false
        for query in [Position(row: 0, col: 0), Position(row: 3, col: 4), Position(row: 6, col: 7)] {
            var mean = Self.settings(mode)
            mean.meanOfHeads = true
            let averaged = try engine.field(mode, at: query, settings: mean)
            let single = try (0..<Self.heads).map { h -> AttentionField in
                var s = Self.settings(mode)
                s.head = h
                return try engine.field(mode, at: query, settings: s)
            }
            let expected = (0..<(7 * 8)).map { i in single.reduce(0.0) { $0 + Double($1.weights[i]) } / Double(Self.heads) }
            let worst = zip(averaged.weights, expected).map { abs(Double($0) - $1) }.max()!
            #expect(worst <= 1e-6 * (expected.max() ?? 1), "\(mode.name) \(query): max |Δ| \(worst)")
            if single[0].weights != single[1].weights { headsDiffer = true }
            let offImage = single.reduce(0) { $0 + $1.offImage } / Double(Self.heads)
            #expect(abs(averaged.offImage - offImage) < 1e-12)
            #expect(abs(averaged.statistics.sum + averaged.offImage - 1) < 1e-5, "\(mode.name): total mass")
            // Statistics are the averaged map's own.
            let own = FieldStatistics(averaged.storedWeights, keysAttended: averaged.statistics.keysAttended, cost: averaged.statistics.cost)
            #expect(abs(averaged.statistics.entropy - own.entropy) < 1e-9)
            #expect(averaged.statistics.cost.macsPerQuery == single[0].statistics.cost.macsPerQuery * Double(Self.heads))
            if mode == .dat {
                let mass = averaged.samples.reduce(0) { $0 + $1.weight }
                #expect(abs(mass - 1) < 1e-5, "dat: the samples carry the whole mass")
            }
        }
        // The heads differ, so the mean is not any one of them.
        #expect(headsDiffer, "\(mode.name): heads 0 and 1 give the same maps")
    }

    @Test func eachStepIsTheMeanOfTheHeadsStep() throws {
        let map = TestMaps.smooth(channels: Self.channels, height: 6, width: 6)
        var inputs = AttentionInputs()
        inputs.projections = Self.projections()
        let engine = AttentionEngine(map: map, inputs: inputs)
        var mean = AttentionSettings()
        mean.meanOfHeads = true
        mean.step = 0
        let averaged = try engine.field(.axial, at: Position(row: 2, col: 3), settings: mean)
        let single = try (0..<Self.heads).map { h -> [Float] in
            var s = AttentionSettings()
            s.head = h
            s.step = 0
            return try engine.field(.axial, at: Position(row: 2, col: 3), settings: s).weights
        }
        for i in 0..<36 {
            #expect(abs(Double(averaged.weights[i]) - single.reduce(0.0) { $0 + Double($1[i]) } / 3) < 1e-6)
        }
    }

    @Test func stackedLayersAverageTheHeadsInEachLayer() throws {
        let map = TestMaps.smooth(channels: Self.channels, height: 6, width: 6)
        var inputs = AttentionInputs()
        inputs.projections = Self.projections()
        var s = AttentionSettings()
        s.kernel = 3
        s.layers = 2
        s.meanOfHeads = true
        let field = try AttentionEngine(map: map, inputs: inputs).field(.neighborhood, at: Position(row: 3, col: 3), settings: s)
        #expect(abs(field.statistics.sum - 1) < 1e-5)
        #expect(field.notes.contains { $0.hasPrefix("layer 2 of 2") })
    }

    @Test func theMeanNeedsAProjectionFile() {
        var s = AttentionSettings()
        s.meanOfHeads = true
        #expect(throws: AttentionError.limit(mode: .global, problem: "--head mean averages the heads of a projection file; load one with --proj")) {
            try AttentionEngine(map: TestMaps.smooth(channels: 2, height: 3, width: 3)).field(.global, at: Position(row: 0, col: 0), settings: s)
        }
    }

    @Test func aModeWithoutHeadsRefusesTheMean() {
        var s = AttentionSettings()
        s.meanOfHeads = true
        var inputs = AttentionInputs()
        inputs.projections = Self.projections()
        #expect(throws: AttentionError.limit(mode: .dcn, problem: "has no heads to average (--head mean)")) {
            try AttentionEngine(map: TestMaps.smooth(channels: Self.channels, height: 5, width: 5), inputs: inputs)
                .field(.dcn, at: Position(row: 0, col: 0), settings: s)
        }
    }
}
