import Foundation
import Testing
@testable import Attention
import FeatureMaps

@Suite struct NeighborhoodAttentionTests {
    @Test(arguments: try ReferenceCase.load("neighborhood"))
    func matchesPyTorchReference(_ reference: ReferenceCase) throws {
        try reference.verify()
    }

    /// natten 0.21.7's own NeighborhoodAttention2D (NAT and DiNAT), and NATTEN's rpb (older rule).
    @Test(arguments: try ReferenceCase.load("natten"))
    func matchesNattensModule(_ reference: ReferenceCase) throws {
        try reference.verify()
        for (q, e) in zip(reference.queries, reference.expected) {
            let f = try References.field(reference.mode, map: reference.map, query: q, settings: reference.settings,
                                         inputs: reference.inputs)
            ReferenceVectorTests.expectClose(f, e, "\(reference.name) \(q) (plain reference)")
        }
    }

    /// DiNAT: each axis splits into d interleaved sub-grids; the window is K positions of the
    /// query's own sub-grid, pushed inward at the sub-grid's ends (11 columns, d = 2: sub-grids
    /// 0, 2, …, 10 (6 long) and 1, 3, …, 9 (5 long)).
    @Test func dilatedWindowsStayOnTheQuerysSubGrid() throws {
        var s = AttentionSettings()
        s.kernel = 3
        s.dilation = 2
        let engine = AttentionEngine(map: TestMaps.smooth(channels: 3, height: 9, width: 11))
        let expectedColumns: [Int: [Int]] = [0: [0, 2, 4], 1: [1, 3, 5], 5: [3, 5, 7], 9: [5, 7, 9], 10: [6, 8, 10], 8: [6, 8, 10]]
        for (col, columns) in expectedColumns {
            let f = try engine.field(.neighborhood, at: Position(row: 8, col: col), settings: s)
            var seen: Set<Int> = [], rows: Set<Int> = []
            for (i, w) in f.weights.enumerated() where w > 0 { seen.insert(i % 11); rows.insert(i / 11) }
            #expect(seen == Set(columns), "column \(col)")
            #expect(rows == [4, 6, 8], "row 8 (sub-grid 0, 2, 4, 6, 8)")
            #expect(f.statistics.keysAttended == 9 && abs(f.statistics.sum - 1) < 1e-5)
            #expect(f.overlays.first == .window(PixelRect(top: 4, left: columns[0], height: 5, width: 5)))
        }
    }

    /// Beyond NATTEN's K·d ≤ L a sub-grid shorter than K is taken whole, like an axis shorter than K.
    @Test func aSubGridShorterThanTheKernelIsTakenWhole() throws {
        var s = AttentionSettings()
        s.kernel = 5
        s.dilation = 3
        let f = try AttentionEngine(map: TestMaps.smooth(channels: 2, height: 7, width: 20))
            .field(.neighborhood, at: Position(row: 6, col: 19), settings: s)
        // Rows ≡ 0 mod 3: 0, 3, 6 (3 < 5, whole); columns ≡ 1 mod 3: 1, 4, …, 19 (7), the last five.
        var rows: Set<Int> = [], cols: Set<Int> = []
        for (i, w) in f.weights.enumerated() where w > 0 { rows.insert(i / 20); cols.insert(i % 20) }
        #expect(rows == [0, 3, 6] && cols == [7, 10, 13, 16, 19])
        #expect(f.statistics.keysAttended == 15)
        #expect(f.notes.contains { $0.contains("sub-grids") })
    }

    /// NATTEN's get_pb_start: at the corner (0, 0) with K = 3 the keys take rpb[2...4, 2...4]
    /// (the offsets 0, 1, 2 plus K − 1); with equal content logits the map is softmax of those.
    @Test func rpbIsIndexedByTheKeysOffsetPlusKMinusOne() throws {
        let map = FeatureMap(channels: 1, height: 6, width: 6, data: [Float](repeating: 0, count: 36), name: "zeros",
                             origin: .synthesized(scene: "zeros"))
        let table = (0..<25).map { Float($0) * 0.1 }
        var inputs = AttentionInputs()
        inputs.relativeBias = Tensor(shape: [1, 5, 5], values: table)
        var s = AttentionSettings()
        s.kernel = 3
        let engine = AttentionEngine(map: map, inputs: inputs)
        let corner = try engine.field(.neighborhood, at: Position(row: 0, col: 0), settings: s)
        let middle = try engine.field(.neighborhood, at: Position(row: 3, col: 3), settings: s)
        func expected(_ rows: Range<Int>, _ cols: Range<Int>) -> [Double] {
            let e = rows.flatMap { r in cols.map { c in exp(Double(table[r * 5 + c])) } }
            let total = e.reduce(0, +)
            return e.map { $0 / total }
        }
        let got = (0..<3).flatMap { r in (0..<3).map { c in Double(corner.weights[r * 6 + c]) } }
        #expect(zip(got, expected(2..<5, 2..<5)).allSatisfy { abs($0 - $1) < 1e-6 })
        let centre = (2..<5).flatMap { r in (2..<5).map { c in Double(middle.weights[r * 6 + c]) } }
        #expect(zip(centre, expected(1..<4, 1..<4)).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test(arguments: [[9], [3, 5, 5], [2, 4, 4], [2, 5, 6]])
    func refusesAnRpbThatDoesNotFitK(_ shape: [Int]) {
        var inputs = AttentionInputs()
        inputs.relativeBias = Tensor(shape: shape, values: [Float](repeating: 0, count: shape.reduce(1, *)))
        var s = AttentionSettings()
        s.kernel = 3
        s.head = shape == [3, 5, 5] ? 3 : 0
        let engine = AttentionEngine(map: TestMaps.smooth(channels: 2, height: 6, width: 6), inputs: inputs)
        #expect(throws: AttentionError.self) { try engine.field(.neighborhood, at: Position(row: 0, col: 0), settings: s) }
    }

    @Test func captionNamesDiNATWhenDilated() {
        var s = AttentionSettings()
        #expect(!NeighborhoodAttention.descriptor.caption(s, MapDimensions(height: 9, width: 9)).contains("DiNAT"))
        s.dilation = 2
        #expect(NeighborhoodAttention.descriptor.caption(s, MapDimensions(height: 9, width: 9)).contains("DiNAT, d = 2"))
        #expect(NeighborhoodAttention.descriptor.knobs.map(\.setting) == [.kernel, .dilation])
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
