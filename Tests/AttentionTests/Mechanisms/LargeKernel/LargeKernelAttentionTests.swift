import Testing
import FeatureMaps
@testable import Attention

@Suite struct LargeKernelAttentionTests {
    @Test func matchesPyTorchReference() throws {
        let cases = try SamplingFixtures.cases(.lka)
        #expect(cases.count == 6)
        for c in cases { try c.verify() }
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
