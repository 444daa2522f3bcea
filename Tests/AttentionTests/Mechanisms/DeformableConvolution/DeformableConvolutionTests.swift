import Testing
import FeatureMaps
@testable import Attention

@Suite struct DeformableConvolutionTests {
    @Test func matchesPyTorchReference() throws {
        let cases = try SamplingFixtures.cases(.dcn)
        #expect(cases.count == 7)
        for c in cases { try c.verify() }
    }

    @Test func undeformedKernelIsABoxFilter() throws {
        // Zero offsets: each of the 9 taps puts 1/9 on its own pixel; at a corner 5 taps fall off.
        let map = SamplingFixtures.map(height: 5, width: 6)
        var inputs = AttentionInputs()
        inputs.offsets = Tensor(shape: [18, 5, 6], values: [Float](repeating: 0, count: 18 * 30))
        let engine = AttentionEngine(map: map, inputs: inputs)
        let centre = try engine.field(.dcn, at: Position(row: 2, col: 2), settings: AttentionSettings())
        #expect(!centre.illustrative)
        for r in 1...3 {
            for c in 1...3 { #expect(abs(centre.weight(at: Position(row: r, col: c)) - 1.0 / 9) < 1e-7) }
        }
        #expect(centre.offImage == 0)
        let corner = try engine.field(.dcn, at: Position(row: 0, col: 0), settings: AttentionSettings())
        #expect(abs(corner.offImage - 5.0 / 9) < 1e-12)
        #expect(abs(corner.statistics.sum - 4.0 / 9) < 1e-6)
        #expect(corner.samples.count == 9)
        #expect(corner.overlays.contains(.window(PixelRect(top: 0, left: 0, height: 2, width: 2))))
        #expect(corner.statistics.keysAttended == 9)
        #expect(corner.statistics.cost.macsPerQuery == 9 * 3)
    }

    @Test func syntheticOffsetsAreIllustrativeDeterministicAndPositionDependent() throws {
        let map = SamplingFixtures.map(channels: 4, height: 12, width: 14)
        let a = try AttentionEngine(map: map).field(.dcn, at: Position(row: 5, col: 6), settings: AttentionSettings())
        let b = try AttentionEngine(map: map).field(.dcn, at: Position(row: 5, col: 6), settings: AttentionSettings())
        #expect(a.illustrative)
        #expect(a.weights == b.weights)
        #expect(a.samples == b.samples)
        #expect(abs(SamplingFixtures.total(a) - 1) < 1e-6)
        let mechanism = try DeformableConvolution(map: map, settings: AttentionSettings(), inputs: AttentionInputs())
        let here = mechanism.offsets(at: Position(row: 5, col: 6)).map { [$0.dy, $0.dx] }
        let there = mechanism.offsets(at: Position(row: 9, col: 2)).map { [$0.dy, $0.dx] }
        #expect(here.count == 9)
        #expect(here != there)
    }

    @Test func nanOffsetsSendTheirTapOffImage() throws {
        let map = SamplingFixtures.map(height: 4, width: 4)
        var values = [Float](repeating: 0, count: 18 * 16)
        values[8 * 16 + 5] = .nan  // Δy of the centre tap at (1, 1)
        var inputs = AttentionInputs()
        inputs.offsets = Tensor(shape: [18, 4, 4], values: values)
        let field = try AttentionEngine(map: map, inputs: inputs).field(.dcn, at: Position(row: 1, col: 1), settings: AttentionSettings())
        #expect(field.weights.allSatisfy { !$0.isNaN })
        #expect(abs(field.offImage - 1.0 / 9) < 1e-12)
        #expect(field.weight(at: Position(row: 1, col: 1)) == 0)
        #expect(abs(SamplingFixtures.total(field) - 1) < 1e-6)
    }

    @Test func nanFeaturesKeepTheSyntheticFieldDefined() throws {
        var map = SamplingFixtures.map(height: 6, width: 6)
        map.data[7] = .nan
        let engine = AttentionEngine(map: map)
        for q in [Position(row: 1, col: 1), Position(row: 0, col: 0), Position(row: 5, col: 5)] {
            let field = try engine.field(.dcn, at: q, settings: AttentionSettings())
            #expect(field.weights.allSatisfy { !$0.isNaN })
            #expect(abs(SamplingFixtures.total(field) - 1) < 1e-6)
        }
    }

    @Test(arguments: [(2, 1), (0, 1), (-3, 1), (3, 0), (257, 1)])
    func rejectsInvalidKernelAndDilation(kernel: Int, dilation: Int) {
        var s = AttentionSettings()
        s.kernel = kernel
        s.dilation = dilation
        let engine = AttentionEngine(map: SamplingFixtures.map(height: 5, width: 5))
        #expect(throws: AttentionError.self) { try engine.field(.dcn, at: Position(row: 0, col: 0), settings: s) }
    }

    @Test func wrongOffsetShapeNamesTheExpectedShape() throws {
        var inputs = AttentionInputs()
        inputs.offsets = Tensor(shape: [18, 4, 5], values: [Float](repeating: 0, count: 18 * 20))
        let engine = AttentionEngine(map: SamplingFixtures.map(height: 5, width: 5), inputs: inputs)
        do {
            _ = try engine.field(.dcn, at: Position(row: 0, col: 0), settings: AttentionSettings())
            Issue.record("expected a shape error")
        } catch let error as AttentionError {
            guard case let .input(source, problem) = error else { Issue.record("wrong error \(error)"); return }
            #expect(source == .offsets)
            #expect(problem.contains("(18, 5, 5)"))
        }
    }

    @Test func offsetsForAnotherKernelSuggestIt() throws {
        var inputs = AttentionInputs()
        inputs.offsets = Tensor(shape: [50, 3, 3], values: [Float](repeating: 0, count: 50 * 9))
        let engine = AttentionEngine(map: SamplingFixtures.map(height: 3, width: 3), inputs: inputs)
        do {
            _ = try engine.field(.dcn, at: Position(row: 0, col: 0), settings: AttentionSettings())
            Issue.record("expected a shape error")
        } catch let error as AttentionError {
            #expect(error.description.contains("it would fit kernel 5"))
        }
        var s = AttentionSettings()
        s.kernel = 5
        let field = try engine.field(.dcn, at: Position(row: 1, col: 1), settings: s)
        #expect(field.samples.count == 25)
    }

    @Test func wrongModulationShapeAndGroupAreRefused() {
        let map = SamplingFixtures.map(height: 4, width: 4)
        var inputs = AttentionInputs()
        inputs.offsets = Tensor(shape: [1, 36, 4, 4], values: [Float](repeating: 0, count: 36 * 16))
        inputs.modulation = Tensor(shape: [8, 4, 4], values: [Float](repeating: 1, count: 8 * 16))
        #expect(throws: AttentionError.self) {
            try AttentionEngine(map: map, inputs: inputs).field(.dcn, at: Position(row: 0, col: 0), settings: AttentionSettings())
        }
        inputs.modulation = nil
        var s = AttentionSettings()
        s.group = 2  // the offsets hold 2 groups
        #expect(throws: AttentionError.self) {
            try AttentionEngine(map: map, inputs: inputs).field(.dcn, at: Position(row: 0, col: 0), settings: s)
        }
        s.group = 1
        #expect(throws: Never.self) {
            try AttentionEngine(map: map, inputs: inputs).field(.dcn, at: Position(row: 0, col: 0), settings: s)
        }
    }
}
