import Testing
@testable import Attention
import FeatureMaps

@Suite struct LocallyEnhancedSelfAttentionTests {
    @Test(arguments: try ReferenceCase.load("lesa"))
    func matchesPyTorchReference(_ reference: ReferenceCase) throws {
        try reference.verify()
    }

    @Test func unaryIsTheSelfShareAndSupportIsThreeByThree() throws {
        let engine = AttentionEngine(map: TestMaps.smooth(channels: 3, height: 6, width: 7))
        for q in TestMaps.positions(height: 6, width: 7) {
            let f = try engine.field(.lesa, at: q, settings: AttentionSettings())
            #expect(f.extras["unary"] == Double(f.weight(at: q)))
            #expect(abs(f.statistics.sum - 1) < 1e-5 && f.offImage == 0)
            #expect(f.illustrative)  // no position tables loaded
        }
        let corner = try engine.field(.lesa, at: Position(row: 0, col: 6), settings: AttentionSettings())
        #expect(corner.overlays == [.window(PixelRect(top: 0, left: 5, height: 2, width: 2))])
        let middle = try engine.field(.lesa, at: Position(row: 3, col: 3), settings: AttentionSettings())
        #expect(middle.overlays == [.window(PixelRect(top: 2, left: 2, height: 3, width: 3))])
    }

    @Test func refusesTablesOfTheWrongShape() {
        let map = TestMaps.smooth(channels: 2, height: 3, width: 3)
        var inputs = AttentionInputs()
        inputs.axialTables = TensorArchive(path: "rel.npz", entries: [
            ("rq", Tensor(shape: [2, 5], values: [Float](repeating: 0, count: 10))),
            ("rk", Tensor(shape: [2, 17], values: [Float](repeating: 0, count: 34))),
        ])
        #expect(throws: AttentionError.self) {
            try AttentionEngine(map: map, inputs: inputs).field(.lesa, at: Position(row: 0, col: 0), settings: AttentionSettings())
        }
        inputs.axialTables = TensorArchive(path: "rel.npz", entries: [
            ("rq", Tensor(shape: [2, 17], values: [Float](repeating: 0, count: 34))),
        ])
        #expect(throws: AttentionError.self) {
            try AttentionEngine(map: map, inputs: inputs).field(.lesa, at: Position(row: 0, col: 0), settings: AttentionSettings())
        }
    }

    @Test func nanFeatureGivesAllNaNMap() throws {
        let map = TestMaps.withNaN(TestMaps.smooth(channels: 2, height: 3, width: 4), at: Position(row: 2, col: 3))
        let f = try AttentionEngine(map: map).field(.lesa, at: Position(row: 0, col: 0), settings: AttentionSettings())
        #expect(f.statistics.nanCount == 12)
        #expect(f.extras["unary"]?.isNaN == true)
    }
}
