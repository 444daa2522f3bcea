import Testing
@testable import Attention
import FeatureMaps

/// Axial attention keeps the height pass of recently used rows: a field from a cached row must be
/// exactly the field a fresh instance computes, whatever the walk, and the rows kept must stay
/// within the byte budget.
@Suite struct AxialRowCacheTests {
    /// A walk that stays on rows, changes rows by 1 and 4, jumps, and comes back to rows seen
    /// before (some of them evicted under a small budget).
    static func walk(height: Int, width: Int) -> [Position] {
        let rows = [2, 2, 3, 7, 0, 2, height - 1, 3, 4, 0, height - 1, 5, 2, 2]
        return rows.enumerated().map { k, r in Position(row: r % height, col: (k * 3 + 1) % width) }
    }

    /// Projections with d = 3 from C = 5 channels (biases included).
    static func projections(channels c: Int, dimension d: Int) -> TensorArchive {
        func values(_ count: Int, _ salt: Int) -> [Float] { (0..<count).map { Float(($0 * 7 + salt) % 11 - 5) * 0.1 } }
        return TensorArchive(path: "proj.npz", entries: [
            ("wq", Tensor(shape: [d, c], values: values(d * c, 1))), ("wk", Tensor(shape: [d, c], values: values(d * c, 4))),
            ("bq", Tensor(shape: [d], values: values(d, 2))), ("bk", Tensor(shape: [d], values: values(d, 3))),
        ])
    }

    /// Every (inputs, passes) variant: plain, --rel tables, projections, both.
    static func variants(channels c: Int, height h: Int, width w: Int) -> [(String, AttentionInputs)] {
        let s = 2 * Swift.max(h, w) + 1  // a table longer than needed, read around its centre
        let d = 3
        let rel = AxialAttentionTests.tables(["rq": [c, s], "rk": [c, s], "rv": [c, s]])  // identity q, k: d = C
        var projected = AttentionInputs()
        projected.projections = projections(channels: c, dimension: d)
        var both = AxialAttentionTests.tables(["rq": [2, d, s], "rk": [2, d, s], "rv": [2, c, s]])
        both.projections = projections(channels: c, dimension: d)
        return [("plain", AttentionInputs()), ("rel", rel), ("proj", projected), ("rel+proj", both)]
    }

    @Test(arguments: [nil, 1, 2] as [Int?])
    func cachedFieldsEqualAFreshInstance(rowBudget: Int?) throws {
        let (c, h, w) = (5, 9, 7)
        let map = CrissCrossAttentionTests.map(channels: c, height: h, width: w, seed: 11)
        for (name, inputs) in Self.variants(channels: c, height: h, width: w) {
            for passes in [1, 2] {
                var settings = AttentionSettings()
                settings.passes = passes
                settings.temperature = 0.7
                // nil: the default rule (every row fits); 1 or 2: room for that many rows only.
                let probe = try AxialAttention(map: map, settings: settings, inputs: inputs)
                _ = try probe.field(at: Position(row: 0, col: 0))
                let budget = rowBudget.map { $0 * probe.rowCache.bytes }
                let cached = try AxialAttention(map: map, settings: settings, inputs: inputs, rowBudget: budget)
                for (k, u) in Self.walk(height: h, width: w).enumerated() {
                    let step = k % cached.steps.count
                    let fresh = try AxialAttention(map: map, settings: settings, inputs: inputs).field(at: u, step: step)
                    let got = try cached.field(at: u, step: step)
                    #expect(got.weights == fresh.weights, "\(name) passes \(passes) step \(step) at \(u)")
                    #expect(got.statistics == fresh.statistics, "\(name) passes \(passes) step \(step) at \(u)")
                    #expect(got.weights.contains { $0 > 0 })
                    if let rowBudget {
                        #expect(cached.rowCache.count <= rowBudget)
                    }
                    #expect(cached.rowCache.bytes <= Swift.max(budget ?? Int.max, probe.rowCache.bytes))
                    #expect(cached.cacheBytes == cached.qk.cacheBytes + cached.rowCache.bytes)
                }
                if rowBudget == nil { #expect(cached.rowCache.count == Set(Self.walk(height: h, width: w).map(\.row)).count) }
            }
        }
    }

    @Test func aBudgetBelowOneRowStillKeepsTheRowInUse() throws {
        let map = CrissCrossAttentionTests.map(channels: 4, height: 6, width: 5, seed: 3)
        let ax = try AxialAttention(map: map, settings: AttentionSettings(), inputs: AttentionInputs(), rowBudget: 0)
        for u in Self.walk(height: 6, width: 5) {
            let f = try ax.field(at: u)
            #expect(f.weights == (try AxialAttention(map: map, settings: AttentionSettings(), inputs: AttentionInputs()).field(at: u).weights))
            #expect(ax.rowCache.count == 1)
            #expect(ax.rowCache.contains(u.row))
        }
    }

    @Test func theLeastRecentlyUsedRowGoesFirst() throws {
        let map = CrissCrossAttentionTests.map(channels: 2, height: 6, width: 4, seed: 5)
        let probe = try AxialAttention(map: map, settings: AttentionSettings(), inputs: AttentionInputs())
        _ = try probe.field(at: Position(row: 0, col: 0))
        let ax = try AxialAttention(map: map, settings: AttentionSettings(), inputs: AttentionInputs(),
                                    rowBudget: 3 * probe.rowCache.bytes)
        for r in [0, 1, 2, 0, 3] { _ = try ax.field(at: Position(row: r, col: 1)) }
        // 1 was used least recently when 3 arrived.
        #expect((0..<6).filter { ax.rowCache.contains($0) } == [0, 2, 3])
        _ = try ax.field(at: Position(row: 2, col: 3))
        _ = try ax.field(at: Position(row: 5, col: 0))
        #expect((0..<6).filter { ax.rowCache.contains($0) } == [2, 3, 5])
        #expect(ax.cacheBytes == 3 * probe.rowCache.bytes)
    }

    /// The budget rule: a quarter of the map, at least 8 MB, less the projected q, k; never more
    /// than the engine's default budget (half the map, at least 8 MB), so an engine holding axial
    /// alone never goes over its budget.
    @Test func theRowBudgetIsAQuarterOfTheMapAtLeast8MBLessTheProjections() {
        let mib = 1 << 20
        for (mapBytes, fixed, expected) in [(1 * mib, 0, 8 * mib), (16 * mib, 0, 8 * mib), (32 * mib, 0, 8 * mib),
                                            (64 * mib, 0, 16 * mib), (256 * mib, 0, 64 * mib),
                                            (64 * mib, 4 * mib, 12 * mib), (4 * mib, 32 * mib, 0)] {
            #expect(AxialAttention.rowBudget(mapBytes: mapBytes, fixedBytes: fixed) == expected)
            #expect(expected + fixed <= AttentionEngine.defaultCacheBudget(mapBytes: mapBytes) || expected == 0)
        }
    }

    /// On a map whose rows do not all fit (here 2×128×160: 80 KB of weights per row, 128 rows,
    /// budget 8 MB), the engine-made mechanism keeps fewer rows than the map has and stays within
    /// the engine's budget while the query walks over every row.
    @Test func aMapTooLargeToCacheEveryRowStaysWithinTheBudget() throws {
        let map = CrissCrossAttentionTests.map(channels: 2, height: 128, width: 160, seed: 9)
        let engine = AttentionEngine(map: map)
        let rowBytes = 128 * 160 * 4
        #expect(128 * rowBytes > engine.cacheBudget)
        for r in 0..<128 {
            _ = try engine.field(.axial, at: Position(row: r, col: r % 160), settings: AttentionSettings())
            #expect(engine.cachedBytes <= engine.cacheBudget)
        }
        let ax = try #require(try engine.mechanism(.axial, settings: AttentionSettings()) as? AxialAttention)
        #expect(ax.rowCache.count < 128)
        #expect(ax.rowCache.count >= engine.cacheBudget / (rowBytes + 2 * 160 * 4 + 20 * 160) - 1)
        let u = Position(row: 3, col: 7)  // evicted long ago: computed again, as a fresh instance does
        #expect(!ax.rowCache.contains(3))
        #expect(try engine.field(.axial, at: u, settings: AttentionSettings()).weights
                == (try AxialAttention(map: map, settings: AttentionSettings(), inputs: AttentionInputs()).field(at: u).weights))
    }
}
