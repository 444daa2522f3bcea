import Testing
@testable import Attention
import FeatureMaps

@Suite struct NeighborhoodAttentionTests {
    @Test(arguments: try ReferenceCase.load("neighborhood"))
    func matchesPyTorchReference(_ reference: ReferenceCase) throws {
        try reference.verify()
    }

    @Test(arguments: [0, -3, 2, 4])
    func refusesBadKernels(_ k: Int) {
        var s = AttentionSettings()
        s.kernel = k
        #expect(throws: AttentionError.self) {
            try AttentionEngine(map: TestMaps.smooth(channels: 2, height: 9, width: 9)).field(.neighborhood, at: Position(row: 0, col: 0), settings: s)
        }
    }

    @Test func windowShiftsInwardAtBorders() throws {
        var s = AttentionSettings()
        s.kernel = 5
        let engine = AttentionEngine(map: TestMaps.smooth(channels: 3, height: 9, width: 11))
        let corner = try engine.field(.neighborhood, at: Position(row: 0, col: 10), settings: s)
        #expect(corner.overlays == [.window(PixelRect(top: 0, left: 6, height: 5, width: 5))])
        #expect(corner.statistics.keysAttended == 25)
        let middle = try engine.field(.neighborhood, at: Position(row: 4, col: 5), settings: s)
        #expect(middle.overlays == [.window(PixelRect(top: 2, left: 3, height: 5, width: 5))])
        for q in TestMaps.positions(height: 9, width: 11) {
            let f = try engine.field(.neighborhood, at: q, settings: s)
            #expect(abs(f.statistics.sum - 1) < 1e-5 && f.offImage == 0)
            #expect(f.weights.filter { $0 > 0 }.count == 25)
        }
    }

    @Test func kernelLargerThanMapUsesWholeAxis() throws {
        let f = try AttentionEngine(map: TestMaps.smooth(channels: 2, height: 3, width: 20))
            .field(.neighborhood, at: Position(row: 1, col: 19), settings: AttentionSettings())
        #expect(f.overlays == [.window(PixelRect(top: 0, left: 13, height: 3, width: 7))])
        #expect(f.statistics.keysAttended == 21)
        #expect(f.notes.contains { $0.contains("window is 3×7") })
    }

    @Test func nanInsideTheNeighbourhoodMakesItsKeysNaN() throws {
        let map = TestMaps.withNaN(TestMaps.smooth(channels: 2, height: 9, width: 9), at: Position(row: 1, col: 1))
        var s = AttentionSettings()
        s.kernel = 3
        let f = try AttentionEngine(map: map).field(.neighborhood, at: Position(row: 0, col: 0), settings: s)
        #expect(f.statistics.nanCount == 9)
        let far = try AttentionEngine(map: map).field(.neighborhood, at: Position(row: 8, col: 8), settings: s)
        #expect(far.statistics.nanCount == 0)
    }
}
