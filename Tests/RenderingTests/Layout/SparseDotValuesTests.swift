import Testing
import Attention
import Rendering

/// The renderer's dots of a sparse map, accumulated from its entries, are those of the dense map
/// bit for bit, pooled, enlarged or panned.
@Suite struct SparseDotValuesTests {
    /// Entries at scattered pixels (some adjacent, some in one pool block), with a NaN, a
    /// negative weight and a −0.
    static func entries(_ h: Int, _ w: Int) -> SparseWeights {
        var s: UInt64 = 0x9E37_79B9_7F4A_7C15
        var indices = Set<Int>()
        for _ in 0..<max(4, h * w / 9) {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17
            let i = Int(s % UInt64(h * w))
            indices.insert(i)
            if i + 1 < h * w { indices.insert(i + 1) }
        }
        let sorted = indices.sorted()
        var values = sorted.map { Float($0 % 97) / 97 + 0.001 }
        values[0] = .nan
        values[1] = -0.25
        values[2] = -0.0
        return SparseWeights(count: h * w, indices: sorted, values: values)
    }

    static func expectSameDots(_ vp: Viewport, _ entries: SparseWeights, _ label: String) {
        let sparse = vp.dotValues(FieldWeights.sparse(entries))
        let dense = vp.dotValues(entries.dense())
        #expect(sparse.map(\.bitPattern) == dense.map(\.bitPattern), "\(label) pool \(vp.pool) ×\(vp.enlargement)")
    }

    @Test(arguments: [(256, 256, 60, 100), (37, 53, 10, 9), (24, 32, 4, 10), (100, 7, 13, 50), (5, 300, 20, 20)])
    func pooledDotsMatch(_ h: Int, _ w: Int, _ rows: Int, _ cols: Int) {
        let vp = Viewport.make(mapHeight: h, mapWidth: w, availableRows: rows, availableCols: cols,
                               policy: .fit, query: Position(row: 0, col: 0), minimumPooledDots: 1)
        #expect(vp.pool > 1)
        Self.expectSameDots(vp, Self.entries(h, w), "fit")
    }

    @Test func enlargedAndPannedDotsMatch() {
        for (h, w, rows, cols) in [(6, 8, 40, 40), (7, 5, 22, 16), (9, 9, 9, 9)] {
            let vp = Viewport.make(mapHeight: h, mapWidth: w, availableRows: rows, availableCols: cols,
                                   policy: .fit, query: Position(row: 0, col: 0))
            Self.expectSameDots(vp, Self.entries(h, w), "enlarged")
        }
        for query in [Position(row: 0, col: 0), Position(row: 30, col: 41), Position(row: 63, col: 63)] {
            let vp = Viewport.make(mapHeight: 64, mapWidth: 64, availableRows: 20, availableCols: 25,
                                   policy: .pan, query: query)
            #expect(vp.originRow > 0 || vp.originCol > 0 || query.row == 0)
            Self.expectSameDots(vp, Self.entries(64, 64), "panned")
        }
        // Explicit viewports: enlarged and panned at once, pooled from an origin, clipped dots.
        Self.expectSameDots(Viewport(mapHeight: 10, mapWidth: 12, enlargement: 3, pool: 1, originRow: 2, originCol: 5,
                                     dotRows: 17, dotCols: 20), Self.entries(10, 12), "enlarged+panned")
        Self.expectSameDots(Viewport(mapHeight: 30, mapWidth: 31, enlargement: 1, pool: 4, originRow: 3, originCol: 2,
                                     dotRows: 5, dotCols: 6), Self.entries(30, 31), "pooled from origin")
        Self.expectSameDots(Viewport(mapHeight: 30, mapWidth: 31, enlargement: 1, pool: 2, originRow: 0, originCol: 0,
                                     dotRows: 15, dotCols: 16), SparseWeights(count: 30 * 31), "empty")
    }
}
