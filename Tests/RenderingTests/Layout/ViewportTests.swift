import Testing
import Attention
import Rendering

@Suite struct ViewportTests {
    /// A deterministic pseudo-random map (xorshift), values in [0, 1).
    static func map(_ h: Int, _ w: Int, seed: UInt64 = 88172645463325252) -> [Float] {
        var s = seed
        return (0..<(h * w)).map { _ in
            s ^= s << 13; s ^= s >> 7; s ^= s << 17
            return Float(s % 10_000) / 10_000
        }
    }

    @Test(arguments: [(256, 256, 60, 100), (37, 53, 10, 9), (24, 32, 4, 10), (100, 7, 13, 50), (5, 300, 20, 20)])
    func poolingPreservesMass(_ h: Int, _ w: Int, _ rows: Int, _ cols: Int) {
        let values = Self.map(h, w)
        let vp = Viewport.make(mapHeight: h, mapWidth: w, availableRows: rows, availableCols: cols,
                               policy: .fit, query: Position(row: 0, col: 0), minimumPooledDots: 1)
        #expect(vp.pool > 1)
        #expect(vp.dotRows <= rows && vp.dotCols <= cols)
        let dots = vp.dotValues(values)
        let total = values.reduce(0.0) { $0 + Double($1) }
        let pooled = dots.reduce(0.0) { $0 + Double($1) }
        #expect(abs(total - pooled) < 1e-6 * total + 1e-3)
        // Each dot is the sum of its block (checked independently for one dot).
        let p = vp.pool
        var first: Double = 0
        for y in 0..<min(p, h) { for x in 0..<min(p, w) { first += Double(values[y * w + x]) } }
        #expect(abs(Double(dots[0]) - first) < 1e-4)
    }

    @Test func poolingKeepsAspect() {
        let vp = Viewport.make(mapHeight: 256, mapWidth: 128, availableRows: 64, availableCols: 200, policy: .fit,
                               query: Position(row: 0, col: 0))
        #expect(vp.pool == 4)
        #expect(vp.dotRows == 64 && vp.dotCols == 32)
    }

    @Test func tinyWindowsPanInsteadOfPoolingToAFewDots() {
        // 24×32 in 4×10 dots would pool by 8 to 3×4 dots: pan at native scale instead.
        let q = Position(row: 20, col: 30)
        let vp = Viewport.make(mapHeight: 24, mapWidth: 32, availableRows: 4, availableCols: 10, policy: .fit, query: q)
        #expect(vp.pool == 1 && vp.enlargement == 1)
        #expect(vp.dotRows == 4 && vp.dotCols == 10)
        #expect(vp.dot(of: q) != nil)
        // A large map in a normal window still pools (256×256 in 40×80 → pool 7, 37×37 dots).
        let big = Viewport.make(mapHeight: 256, mapWidth: 256, availableRows: 40, availableCols: 80, policy: .fit, query: q)
        #expect(big.pool == 7 && big.dotRows == 37)
    }

    @Test func smallMapsAreEnlargedByOneFactor() {
        let vp = Viewport.make(mapHeight: 7, mapWidth: 9, availableRows: 30, availableCols: 40, policy: .fit,
                               query: Position(row: 3, col: 3))
        #expect(vp.enlargement == 4 && vp.pool == 1)
        #expect(vp.dotRows == 28 && vp.dotCols == 36)
        let dots = vp.dotValues(Self.map(7, 9))
        #expect(dots[0] == dots[3] && dots[0] == dots[3 * 36 + 3])
        #expect(vp.mapPosition(dotRow: 27, dotCol: 35) == Position(row: 6, col: 8))
    }

    @Test func panKeepsTheQueryVisible() {
        for (h, w) in [(256, 256), (300, 40), (40, 300)] {
            for (rows, cols) in [(12, 20), (50, 37), (99, 150)] {
                for q in [Position(row: 0, col: 0), Position(row: h - 1, col: w - 1), Position(row: h / 2, col: 3),
                          Position(row: 17, col: w - 2)] {
                    let vp = Viewport.make(mapHeight: h, mapWidth: w, availableRows: rows, availableCols: cols,
                                           policy: .pan, query: q)
                    #expect(vp.pool == 1)
                    let dot = vp.dot(of: q)
                    #expect(dot != nil, "query \(q) lost in \(h)×\(w) at \(rows)×\(cols)")
                    if let dot { #expect(vp.mapPosition(dotRow: dot.row, dotCol: dot.col) == q) }
                    #expect(vp.dotRows <= rows && vp.dotCols <= cols)
                }
            }
        }
    }

    @Test func panCentresTheQueryAwayFromEdges() {
        let vp = Viewport.make(mapHeight: 256, mapWidth: 256, availableRows: 20, availableCols: 40, policy: .pan,
                               query: Position(row: 128, col: 128))
        #expect(vp.originRow == 118 && vp.originCol == 108)
        #expect(!vp.showsWholeMap)
    }
}
