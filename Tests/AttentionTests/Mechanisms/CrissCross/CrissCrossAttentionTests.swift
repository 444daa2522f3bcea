import Testing
@testable import Attention
import FeatureMaps

@Suite struct CrissCrossAttentionTests {
    static func map(channels: Int = 3, height: Int, width: Int, seed: UInt64 = 7) -> FeatureMap {
        let data = TestMaps.signed(channels * height * width, seed: seed)
        return FeatureMap(channels: channels, height: height, width: width, data: data, name: "t", origin: .synthesized(scene: "test"))
    }

    static func make(_ map: FeatureMap, passes: Int? = nil, gamma: Float = 1, inputs: AttentionInputs = AttentionInputs()) throws -> CrissCrossAttention {
        var s = AttentionSettings()
        s.passes = passes
        s.gamma = gamma
        return try CrissCrossAttention(map: map, settings: s, inputs: inputs)
    }

    @Test func matchesTheOfficialForwardPass() throws {
        let cases = try ReferenceCase.load("criss_cross")
        #expect(cases.count >= 18)
        for c in cases { try c.verify() }
    }

    @Test func residualViewMatchesTheProductOfGammaAPlusI() throws {
        let cases = try ReferenceCase.load("criss_cross_residual")
        #expect(cases.count >= 5)
        for c in cases {
            let cc = try CrissCrossAttention(map: c.map, settings: c.settings, inputs: c.inputs)
            for (q, e) in zip(c.queries, c.expected) {
                let f = try cc.residualField(at: q, normalized: true)
                let worst = zip(f.weights, e.weights).map { abs(Double($0) - Double($1)) }.max() ?? .nan
                #expect(worst <= 1e-5, "\(c.name) \(q): max |Δ| \(worst)")
                #expect(abs(f.statistics.sum - 1) < 1e-4)
            }
        }
    }

    @Test func unnormalisedResidualSumsToOnePlusGammaToTheR() throws {
        let cc = try Self.make(Self.map(height: 5, width: 4), passes: 3, gamma: 0.5)
        let f = try cc.residualField(at: Position(row: 2, col: 1), normalized: false)
        #expect(abs(f.statistics.sum - 1.5 * 1.5 * 1.5) < 1e-4)
    }

    @Test func stepsNameEveryPassThenComposed() throws {
        let cc = try Self.make(Self.map(height: 4, width: 4), passes: 3)
        #expect(cc.steps == ["pass 1", "pass 2", "pass 3", "composed"])
        let one = try Self.make(Self.map(height: 4, width: 4), passes: 1)
        #expect(one.steps == ["pass 1", "pass 1 only"])
    }

    @Test func passViewsLieOnTheCrossAndSumToOne() throws {
        let m = Self.map(height: 5, width: 6)
        let cc = try Self.make(m, passes: 3, gamma: 0.5)
        let u = Position(row: 3, col: 2)
        for step in 0..<3 {
            let f = try cc.field(at: u, step: step)
            #expect(abs(f.statistics.sum - 1) < 1e-5)
            #expect(f.statistics.keysAttended == 5 + 6 - 1)
            for r in 0..<5 { for c in 0..<6 where r != u.row && c != u.col {
                #expect(f.weight(at: Position(row: r, col: c)) == 0)
            } }
        }
    }

    @Test func composedMapReachesEveryPixelAndSumsToOne() throws {
        let cc = try Self.make(Self.map(height: 5, width: 6))
        let f = try cc.field(at: Position(row: 1, col: 4))
        #expect(abs(f.statistics.sum - 1) < 1e-5)
        #expect(f.weights.allSatisfy { $0 > 0 })
        #expect(f.overlays == [.cross(row: 1, col: 4)])
        #expect(f.stepLabel == "composed")
    }

    @Test func offAxisTargetsHaveExactlyTwoRoutesSummingToTheWeight() throws {
        let cc = try Self.make(Self.map(height: 5, width: 6))
        let u = Position(row: 1, col: 4), p = Position(row: 3, col: 0)
        let composed = try cc.field(at: u)
        let routes = try cc.routes(from: u, to: p)
        #expect(routes.count == 2)
        #expect(Set(routes.map { $0.positions[1] }) == [Position(row: 1, col: 0), Position(row: 3, col: 4)])
        #expect(routes.allSatisfy { $0.positions.first == u && $0.positions.last == p && $0.positions.count == 3 })
        #expect(abs(routes.map(\.weight).reduce(0, +) - Double(composed.weight(at: p))) < 1e-6)
        #expect(routes[0].weight >= routes[1].weight)
    }

    @Test func targetsOnTheQueryCrossHaveManyRoutesSummingToTheWeight() throws {
        let h = 5, w = 6
        let cc = try Self.make(Self.map(height: h, width: w))
        let u = Position(row: 2, col: 2)
        let composed = try cc.field(at: u)
        let cases: [(Position, Int)] = [(Position(row: 2, col: 5), w), (Position(row: 0, col: 2), h), (u, h + w - 1)]
        for (p, count) in cases {
            let routes = try cc.routes(from: u, to: p)
            #expect(routes.count == count, "\(p)")
            #expect(abs(routes.map(\.weight).reduce(0, +) - Double(composed.weight(at: p))) < 1e-6, "\(p)")
        }
        for r in 0..<h { for c in 0..<w {
            let p = Position(row: r, col: c)
            let sum = try cc.routes(from: u, to: p).map(\.weight).reduce(0, +)
            #expect(abs(sum - Double(composed.weight(at: p))) < 1e-6)
        } }
    }

    @Test func intermediatePositionsAddUpToTheComposedMap() throws {
        let h = 4, w = 7
        let cc = try Self.make(Self.map(height: h, width: w), gamma: 0.8)
        let u = Position(row: 3, col: 1)
        let composed = try cc.field(at: u)
        var total = [Float](repeating: 0, count: h * w)
        var shares = 0.0
        let cross = (0..<h).filter { $0 != u.row }.map { Position(row: $0, col: u.col) } + (0..<w).map { Position(row: u.row, col: $0) }
        for m in cross {
            let f = try cc.intermediateField(at: u, through: m)
            #expect(f.overlays.contains(.cross(row: m.row, col: m.col)))
            shares += f.extras["throughWeight"] ?? .nan
            #expect(abs(f.statistics.sum - (f.extras["throughWeight"] ?? .nan)) < 1e-5)
            for i in total.indices { total[i] += f.weights[i] }
        }
        #expect(abs(shares - 1) < 1e-5)
        for i in total.indices { #expect(abs(total[i] - composed.weights[i]) < 1e-6) }
        #expect(throws: AttentionError.self) { try cc.intermediateField(at: u, through: Position(row: 0, col: 0)) }
    }

    @Test func singlePassRoutesAreDirect() throws {
        let cc = try Self.make(Self.map(height: 3, width: 3), passes: 1)
        let u = Position(row: 1, col: 1)
        let f = try cc.field(at: u)
        let r = try cc.routes(from: u, to: Position(row: 0, col: 1))
        #expect(r.count == 1 && r[0].positions == [u, Position(row: 0, col: 1)])
        #expect(abs(r[0].weight - Double(f.weight(at: Position(row: 0, col: 1)))) < 1e-7)
        #expect(try cc.routes(from: u, to: Position(row: 0, col: 0)).isEmpty)
        #expect(throws: AttentionError.self) { try cc.intermediateField(at: u, through: u) }
        let three = try Self.make(Self.map(height: 3, width: 3), passes: 3)
        #expect(throws: AttentionError.self) { try three.routes(from: u, to: u) }
    }

    @Test func cachedWorkDoesNotLeakBetweenQueries() throws {
        let m = Self.map(height: 5, width: 4)
        let cc = try Self.make(m, passes: 3, gamma: 0.6)
        let a = Position(row: 0, col: 3), b = Position(row: 4, col: 0)
        let first = try cc.field(at: a).weights
        _ = try cc.field(at: b, step: 1)
        _ = try cc.field(at: b)
        #expect(try cc.field(at: a).weights == first)
        #expect(try Self.make(m, passes: 3, gamma: 0.6).field(at: b).weights == (try cc.field(at: b).weights))
    }

    @Test func sharedRowAndColumnWorkMatchesAFreshInstance() throws {
        let m = Self.map(height: 5, width: 6)
        for passes in [2, 3] {
            let cc = try Self.make(m, passes: passes, gamma: 0.7)
            // along a row, along a column, then diagonally: each reuses one line or none
            let walk = [(2, 1), (2, 4), (0, 4), (4, 4), (3, 0), (3, 5), (2, 1)].map { Position(row: $0.0, col: $0.1) }
            for u in walk {
                let fresh = try Self.make(m, passes: passes, gamma: 0.7)
                #expect(try cc.field(at: u).weights == (try fresh.field(at: u).weights), "R=\(passes) \(u)")
                #expect(try cc.residualField(at: u).weights == (try fresh.residualField(at: u).weights))
            }
        }
    }

    @Test func refusesBadSettings() throws {
        let m = Self.map(height: 3, width: 3)
        #expect(throws: AttentionError.self) { try Self.make(m, passes: 0) }
        #expect(throws: AttentionError.self) { try Self.make(m, passes: -2) }
        var s = AttentionSettings()
        s.temperature = 0
        #expect(throws: AttentionError.self) { try CrissCrossAttention(map: m, settings: s, inputs: AttentionInputs()) }
        let cc = try Self.make(m)
        #expect(throws: AttentionError.self) { try cc.field(at: Position(row: 3, col: 0)) }
        #expect(throws: AttentionError.self) { try cc.field(at: Position(row: 0, col: 0), step: 3) }
        #expect(throws: AttentionError.self) { try cc.routes(from: Position(row: 0, col: 0), to: Position(row: -1, col: 0)) }
        var inputs = AttentionInputs()
        inputs.projections = TensorArchive(path: "p.npz", entries: [("wq", Tensor(shape: [2, 4], values: [Float](repeating: 0, count: 8)))])
        #expect(throws: AttentionError.self) { try Self.make(m, inputs: inputs) }
        let big = Self.map(channels: 1, height: 300, width: 300)
        #expect(throws: AttentionError.self) { try Self.make(big, passes: 40) }
    }

    @Test func costAndKeysFollowMechanismsMd() throws {
        let cc = try Self.make(Self.map(channels: 3, height: 5, width: 6), passes: 3)
        let f = try cc.field(at: Position(row: 0, col: 0))
        #expect(f.statistics.keysAttended == 10)
        #expect(f.statistics.cost.macsPerQuery == 2 * 10 * 3 * 3)
        #expect(f.statistics.cost.keysPerQuery == 10)
        #expect(f.statistics.cost.queriesPerLayer == 30)
    }

    /// A NaN feature makes every weight whose routes read it NaN (JSON null); nothing crashes.
    @Test func nanFeatureAtTheQueryMakesTheWholeMapNaN() throws {
        var m = Self.map(height: 4, width: 5)
        m.data[1 * 5 + 2] = .nan  // channel 0 of (1, 2)
        let cc = try Self.make(m)
        let f = try cc.field(at: Position(row: 1, col: 2))
        #expect(f.statistics.nanCount == 20)
        let pass = try cc.field(at: Position(row: 1, col: 2), step: 0)
        #expect(pass.statistics.nanCount == 4 + 5 - 1)
        // a query whose cross misses the NaN pixel still has a defined first pass
        let far = try cc.field(at: Position(row: 3, col: 0), step: 0)
        #expect(far.statistics.nanCount == 0)
    }

    @Test func engineBuildsCrissCross() throws {
        let engine = AttentionEngine(map: Self.map(height: 3, width: 4))
        var s = AttentionSettings()
        s.step = 0
        let f = try engine.field(.crissCross, at: Position(row: 1, col: 1), settings: s)
        #expect(f.stepLabel == "pass 1")
        #expect(f.mode == .crissCross)
    }
}
