import Testing
@testable import Attention
import FeatureMaps

@Suite struct WindowAttentionTests {
    @Test(arguments: try ReferenceCase.load("window"))
    func matchesPyTorchReference(_ reference: ReferenceCase) throws {
        try reference.verify()
    }

    private func settings(window: Int, shift: Int) -> AttentionSettings {
        var s = AttentionSettings()
        s.window = window
        s.shift = shift
        return s
    }

    @Test(arguments: [(0, 0), (7, 7), (7, -1), (7, 9), (-2, 0)])
    func refusesBadWindowOrShift(_ window: Int, _ shift: Int) {
        let engine = AttentionEngine(map: TestMaps.smooth(channels: 2, height: 14, width: 14))
        #expect(throws: AttentionError.self) {
            try engine.field(.window, at: Position(row: 0, col: 0), settings: settings(window: window, shift: shift))
        }
    }

    @Test func massOnPaddingIsOffImageAndTotalsOne() throws {
        let engine = AttentionEngine(map: TestMaps.smooth(channels: 3, height: 9, width: 13))
        for shift in 0..<4 {
            var sawOffImage = false
            for q in TestMaps.positions(height: 9, width: 13) {
                let f = try engine.field(.window, at: q, settings: settings(window: 4, shift: shift))
                #expect(abs(f.statistics.sum + f.offImage - 1) < 1e-5, "shift \(shift) query \(q)")
                #expect(f.statistics.keysAttended == 16)
                if f.offImage > 1e-6 { sawOffImage = true }
            }
            #expect(sawOffImage == (shift != 1), "shift \(shift)")  // s = 1 masks every padding token (−100)
        }
    }

    @Test func unshiftedWindowOverlays() throws {
        let engine = AttentionEngine(map: TestMaps.smooth(channels: 2, height: 14, width: 14))
        let f = try engine.field(.window, at: Position(row: 3, col: 10), settings: settings(window: 7, shift: 0))
        #expect(f.overlays == [
            .window(PixelRect(top: 0, left: 7, height: 7, width: 7)),
            .rolledWindow(PixelRect(top: 0, left: 7, height: 7, width: 7), roll: SwinRoll(height: 14, width: 14, paddedHeight: 14, paddedWidth: 14, shiftRows: 0, shiftCols: 0)),
        ])
        #expect(f.weights.filter { $0 > 0 }.count == 49)
        #expect(f.notes.isEmpty)
    }

    @Test func shiftedWindowIsCutWhereTheRollWrapped() throws {
        let engine = AttentionEngine(map: TestMaps.smooth(channels: 2, height: 14, width: 14))
        let corner = try engine.field(.window, at: Position(row: 0, col: 0), settings: settings(window: 7, shift: 3))
        #expect(corner.overlays.first == .window(PixelRect(top: 0, left: 0, height: 3, width: 3)))
        #expect(corner.overlays.contains(.rolledWindow(PixelRect(top: 7, left: 7, height: 7, width: 7), roll: SwinRoll(height: 14, width: 14, paddedHeight: 14, paddedWidth: 14, shiftRows: 3, shiftCols: 3))))
        let regions = corner.overlays.compactMap { o -> (Int, Bool)? in
            if case let .maskRegion(_, label, matches) = o { return (label, matches) } else { return nil }
        }
        #expect(regions.map(\.0) == Array(0..<9))
        #expect(regions.filter(\.1).map(\.0) == [8])
        // Only the 3×3 same-region keys carry real mass; the rest of the tile got −100.
        #expect(corner.weights.filter { $0 > 1e-20 }.count == 9)
        let middle = try engine.field(.window, at: Position(row: 5, col: 5), settings: settings(window: 7, shift: 3))
        #expect(middle.overlays.first == .window(PixelRect(top: 3, left: 3, height: 7, width: 7)))
    }

    @Test func notesSayWhichRuleApplied() throws {
        let small = try AttentionEngine(map: TestMaps.smooth(channels: 2, height: 5, width: 9))
            .field(.window, at: Position(row: 4, col: 8), settings: settings(window: 7, shift: 3))
        #expect(small.notes.contains { $0.contains("window shrank to min(H,W)=5") && $0.contains("<= rule") })
        #expect(small.notes.contains { $0.contains("padded to 5×10") })
        #expect(small.overlays.contains(.rolledWindow(PixelRect(top: 0, left: 5, height: 5, width: 5), roll: SwinRoll(height: 5, width: 9, paddedHeight: 5, paddedWidth: 10, shiftRows: 0, shiftCols: 0))))
        let equal = try AttentionEngine(map: TestMaps.smooth(channels: 2, height: 7, width: 10))
            .field(.window, at: Position(row: 0, col: 0), settings: settings(window: 7, shift: 3))
        #expect(equal.notes.contains { $0.contains("shift 3 dropped to 0") })
    }

    @Test func refusesBiasTablesThatDoNotFit() {
        let map = TestMaps.smooth(channels: 2, height: 8, width: 8)
        var inputs = AttentionInputs()
        inputs.relativeBias = Tensor(shape: [50], values: [Float](repeating: 0, count: 50))
        #expect(throws: AttentionError.self) {
            try AttentionEngine(map: map, inputs: inputs).field(.window, at: Position(row: 0, col: 0), settings: settings(window: 4, shift: 0))
        }
        inputs.relativeBias = Tensor(shape: [2, 49], values: [Float](repeating: 0, count: 98))
        var s = settings(window: 4, shift: 2)
        s.head = 2
        #expect(throws: AttentionError.setting(SettingError(setting: .head,
            rule: .mapLimit("is out of range: the relative position bias table has 2 head(s)"), value: .integer(2)))) {
            try AttentionEngine(map: map, inputs: inputs).field(.window, at: Position(row: 0, col: 0), settings: s)
        }
        // A table sized for the requested window is refused when the window shrank, and says so.
        inputs.relativeBias = Tensor(shape: [169], values: [Float](repeating: 0, count: 169))
        do {
            _ = try AttentionEngine(map: TestMaps.smooth(channels: 2, height: 5, width: 5), inputs: inputs)
                .field(.window, at: Position(row: 0, col: 0), settings: settings(window: 7, shift: 0))
            Issue.record("expected a shape error")
        } catch {
            #expect("\(error)".contains("shrank from 7 to 5"))
        }
    }

    @Test func nanInsideTheWindowMakesItNaNIncludingPadding() throws {
        let map = TestMaps.withNaN(TestMaps.smooth(channels: 2, height: 9, width: 13), at: Position(row: 8, col: 12))
        let f = try AttentionEngine(map: map).field(.window, at: Position(row: 8, col: 12), settings: settings(window: 4, shift: 0))
        #expect(f.statistics.nanCount == 1)  // the one in-image key of that padded tile
        #expect(f.offImage.isNaN)
        let other = try AttentionEngine(map: map).field(.window, at: Position(row: 0, col: 0), settings: settings(window: 4, shift: 0))
        #expect(other.statistics.nanCount == 0 && !other.offImage.isNaN)
    }
}
