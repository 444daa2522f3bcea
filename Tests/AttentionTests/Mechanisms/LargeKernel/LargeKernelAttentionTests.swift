import Testing
import FeatureMaps
@testable import Attention

@Suite struct LargeKernelAttentionTests {
    @Test func matchesPyTorchReference() throws {
        let cases = try SamplingFixtures.cases(.lka)
        #expect(cases.count == 6)
        for c in cases { try c.verify() }
    }

    /// torch's depthwise Conv2d with LKA's shapes and seeded kernels, differentiated by autograd.
    @Test(arguments: try ReferenceCase.load("lka_kernels"))
    func realKernelsMatchAutograd(_ reference: ReferenceCase) throws {
        try reference.verify()
        for (q, e) in zip(reference.queries, reference.expected) {
            let f = try References.field(reference.mode, map: reference.map, query: q, settings: reference.settings,
                                         inputs: reference.inputs)
            ReferenceVectorTests.expectClose(f, e, "\(reference.name) \(q) (plain reference)")
        }
    }

    static func kernels(channels: Int, first: Int = 5, dilated: Int = 7, value: Float = 1,
                        names: (String, String) = ("conv0", "conv_spatial")) -> AttentionInputs {
        var inputs = AttentionInputs()
        inputs.kernels = TensorArchive(path: "k.npz", entries: [
            (names.0, Tensor(shape: [channels, 1, first, first], values: [Float](repeating: value, count: channels * first * first))),
            (names.1, Tensor(shape: [channels, 1, dilated, dilated], values: [Float](repeating: value, count: channels * dilated * dilated)))])
        return inputs
    }

    /// All-ones kernels (any constant) give the path-count map of the all-ones default.
    @Test func allOnesKernelsGiveTheDefaultMap() throws {
        let map = SamplingFixtures.map(channels: 3, height: 26, width: 9)
        let plain = AttentionEngine(map: map)
        let loaded = AttentionEngine(map: map, inputs: Self.kernels(channels: 3, value: -0.5))
        for q in [Position(row: 0, col: 0), Position(row: 13, col: 4), Position(row: 25, col: 8), Position(row: 2, col: 7)] {
            let a = try plain.field(.lka, at: q, settings: AttentionSettings())
            let b = try loaded.field(.lka, at: q, settings: AttentionSettings())
            #expect(zip(a.weights, b.weights).allSatisfy { abs($0 - $1) < 1e-6 }, "\(q)")
            #expect(b.notes.contains { $0.contains("real kernels") })
        }
    }

    @Test func kernelsThatDoNotFitAreRefusedNamingTheMember() {
        let map = SamplingFixtures.map(channels: 3, height: 10, width: 10)
        let cases: [(AttentionInputs, String)] = [
            (Self.kernels(channels: 3, first: 3), "'conv0' has shape 3×1×3×3"),
            (Self.kernels(channels: 2), "'conv0' has shape 2×1×5×5"),
            (Self.kernels(channels: 3, dilated: 5), "'conv_spatial' has shape 3×1×5×5"),
            (Self.kernels(channels: 3, names: ("conv0", "spatial")), "no array 'conv_spatial'"),
        ]
        for (inputs, words) in cases {
            do {
                _ = try AttentionEngine(map: map, inputs: inputs).field(.lka, at: Position(row: 0, col: 0), settings: AttentionSettings())
                Issue.record("accepted: \(words)")
            } catch let error as AttentionError {
                #expect(error.description.contains(words) && error.description.contains("k.npz"), "\(error)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func receptiveFieldIs23x23ForVANDefaults() throws {
        let engine = AttentionEngine(map: SamplingFixtures.map(height: 40, width: 41))
        let field = try engine.field(.lka, at: Position(row: 20, col: 20), settings: AttentionSettings())
        var rows = Set<Int>(), cols = Set<Int>()
        for (i, w) in field.weights.enumerated() where w > 0 {
            rows.insert(i / 41)
            cols.insert(i % 41)
        }
        #expect(rows == Set(9...31))
        #expect(cols == Set(9...31))
        #expect(field.statistics.keysAttended == 23 * 23)
        #expect(abs(field.statistics.sum - 1) < 1e-6)
        #expect(field.offImage == 0)
        // Along an axis u itself is reached by one path (the 7×7's centre tap; its ±3 taps' 5×5
        // footprints end at u ± 1), u + 1 by two (the centre tap and the +3 tap).
        let centre = field.weight(at: Position(row: 20, col: 20))
        #expect(abs(field.weight(at: Position(row: 20, col: 21)) - 2 * centre) < 1e-9)
        #expect(abs(field.weight(at: Position(row: 21, col: 21)) - 4 * centre) < 1e-9)
    }

    @Test func doesNotDependOnTheFeatures() throws {
        let a = AttentionEngine(map: SamplingFixtures.map(channels: 2, height: 15, width: 12, seed: 1))
        let b = AttentionEngine(map: SamplingFixtures.map(channels: 5, height: 15, width: 12, seed: 9))
        for q in [Position(row: 0, col: 0), Position(row: 7, col: 5), Position(row: 14, col: 11)] {
            let fa = try a.field(.lka, at: q, settings: AttentionSettings())
            let fb = try b.field(.lka, at: q, settings: AttentionSettings())
            #expect(fa.weights == fb.weights)
        }
    }

    @Test func costFollowsMechanismsMd() throws {
        let engine = AttentionEngine(map: SamplingFixtures.map(channels: 8, height: 30, width: 30))
        let field = try engine.field(.lka, at: Position(row: 15, col: 15), settings: AttentionSettings())
        #expect(field.statistics.cost.macsPerQuery == Double((25 + 49) * 8))
        #expect(field.statistics.cost.queriesPerLayer == 900)
        #expect(field.overlays.contains(.window(PixelRect(top: 4, left: 4, height: 23, width: 23))))
    }

    @Test(arguments: [(0, 3), (21, 0), (12, 3), (7, 2), (-1, 1)])
    func rejectsInvalidKernelAndDilation(kernel: Int, dilation: Int) {
        var s = AttentionSettings()
        s.kernel = kernel
        s.dilation = dilation
        let engine = AttentionEngine(map: SamplingFixtures.map(height: 10, width: 10))
        #expect(throws: AttentionError.self) { try engine.field(.lka, at: Position(row: 0, col: 0), settings: s) }
    }

    @Test func queryOutsideTheMapIsRefused() {
        let engine = AttentionEngine(map: SamplingFixtures.map(height: 4, width: 4))
        #expect(throws: AttentionError.queryOutsideMap(query: Position(row: 4, col: 0), height: 4, width: 4)) {
            try engine.field(.lka, at: Position(row: 4, col: 0), settings: AttentionSettings())
        }
    }
}
