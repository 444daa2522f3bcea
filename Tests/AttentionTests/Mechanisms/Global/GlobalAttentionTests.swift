import Testing
@testable import Attention
import FeatureMaps

@Suite struct GlobalAttentionTests {
    @Test(arguments: try ReferenceCase.load("global"))
    func matchesPyTorchReference(_ reference: ReferenceCase) throws {
        try reference.verify()
    }

    @Test func massSumsToOneWithNoOffImage() throws {
        let map = TestMaps.smooth(channels: 4, height: 5, width: 7)
        let engine = AttentionEngine(map: map)
        for q in TestMaps.positions(height: 5, width: 7) {
            let f = try engine.field(.global, at: q, settings: AttentionSettings())
            #expect(abs(f.statistics.sum + f.offImage - 1) < 1e-5)
            #expect(f.offImage == 0)
            #expect(f.statistics.keysAttended == 35)
            #expect(f.statistics.cost.macsPerQuery == 2 * 35 * 4)
        }
    }

    /// A NaN logit leaves no distribution: the whole map is NaN and counted (Softmax's rule).
    @Test func nanFeatureGivesAllNaNMap() throws {
        let map = TestMaps.withNaN(TestMaps.smooth(channels: 3, height: 4, width: 4), at: Position(row: 2, col: 1))
        let f = try AttentionEngine(map: map).field(.global, at: Position(row: 0, col: 0), settings: AttentionSettings())
        let allNaN = f.weights.allSatisfy { $0.isNaN }
        #expect(allNaN)
        #expect(f.statistics.nanCount == 16)
    }

    @Test func refusesNonPositiveTemperature() {
        var s = AttentionSettings()
        s.temperature = 0
        #expect(throws: AttentionError.self) {
            try AttentionEngine(map: TestMaps.smooth(channels: 2, height: 3, width: 3)).field(.global, at: Position(row: 0, col: 0), settings: s)
        }
    }

    @Test func refusesQueryOutsideTheMap() {
        let engine = AttentionEngine(map: TestMaps.smooth(channels: 2, height: 3, width: 3))
        #expect(throws: AttentionError.queryOutsideMap(query: Position(row: 3, col: 0), height: 3, width: 3)) {
            try engine.field(.global, at: Position(row: 3, col: 0), settings: AttentionSettings())
        }
        #expect(throws: AttentionError.queryOutsideMap(query: Position(row: 0, col: -1), height: 3, width: 3)) {
            try engine.mechanism(.global, settings: AttentionSettings()).field(at: Position(row: 0, col: -1))
        }
    }
}
