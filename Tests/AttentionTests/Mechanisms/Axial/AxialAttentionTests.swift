import Testing
@testable import Attention
import FeatureMaps

@Suite struct AxialAttentionTests {
    static func make(_ map: FeatureMap, passes: Int? = nil, inputs: AttentionInputs = AttentionInputs()) throws -> AxialAttention {
        var s = AttentionSettings()
        s.passes = passes
        return try AxialAttention(map: map, settings: s, inputs: inputs)
    }

    static func tables(_ shapes: [String: [Int]]) -> AttentionInputs {
        var inputs = AttentionInputs()
        inputs.axialTables = TensorArchive(path: "rel.npz", entries: shapes.sorted { $0.key < $1.key }.map { name, shape in
            (name, Tensor(shape: shape, values: (0..<shape.reduce(1, *)).map { Float($0 % 7) * 0.01 }))
        })
        return inputs
    }

    @Test func matchesTheOfficialForwardPass() throws {
        let cases = try ReferenceCase.load("axial")
        #expect(cases.count >= 15)
        for c in cases { try c.verify() }
    }

    @Test func stepsDependOnPasses() throws {
        let m = CrissCrossAttentionTests.map(height: 4, width: 5)
        #expect(try Self.make(m).steps == ["height pass", "width pass", "composed"])
        #expect(try Self.make(m, passes: 1).steps == ["height pass"])
    }

    @Test func viewsHaveTheirSupportAndSumToOne() throws {
        let h = 4, w = 5
        let ax = try Self.make(CrissCrossAttentionTests.map(height: h, width: w))
        let u = Position(row: 2, col: 3)
        let height = try ax.field(at: u, step: 0)
        let width = try ax.field(at: u, step: 1)
        let composed = try ax.field(at: u)
        for f in [height, width, composed] { #expect(abs(f.statistics.sum - 1) < 1e-5) }
        for r in 0..<h { for c in 0..<w {
            let p = Position(row: r, col: c)
            if c != u.col { #expect(height.weight(at: p) == 0) }
            if r != u.row { #expect(width.weight(at: p) == 0) }
        } }
        #expect(composed.weights.allSatisfy { $0 > 0 })
        #expect(height.statistics.keysAttended == h)
        #expect(width.statistics.keysAttended == w)
        #expect(composed.statistics.keysAttended == h + w)
        #expect(composed.statistics.cost.macsPerQuery == Double(2 * (h + w) * 3))
        #expect(composed.stepLabel == "composed")
        // one route per pixel: column w of the composed map is A_W(u → (i, w)) times a height pass
        for c in 0..<w {
            let colSum = (0..<h).map { Double(composed.weight(at: Position(row: $0, col: c))) }.reduce(0, +)
            #expect(abs(colSum - Double(width.weight(at: Position(row: u.row, col: c)))) < 1e-6)
        }
    }

    @Test func rowCacheDoesNotLeakBetweenRows() throws {
        let m = CrissCrossAttentionTests.map(height: 5, width: 4)
        let ax = try Self.make(m)
        let a = Position(row: 0, col: 1), b = Position(row: 3, col: 1)
        let first = try ax.field(at: a).weights
        _ = try ax.field(at: b)
        #expect(try ax.field(at: a).weights == first)
        #expect(try Self.make(m).field(at: b).weights == (try ax.field(at: b).weights))
    }

    @Test func refusesBadSettingsAndTables() throws {
        let m = CrissCrossAttentionTests.map(channels: 3, height: 4, width: 5)
        for p in [0, 3, -1] { #expect(throws: AttentionError.self) { try Self.make(m, passes: p) } }
        let ax = try Self.make(m, passes: 1)
        #expect(throws: AttentionError.self) { try ax.field(at: Position(row: 0, col: 0), step: 1) }
        #expect(throws: AttentionError.self) { try ax.field(at: Position(row: 4, col: 0)) }
        // good: shared (d, 2S−1) with S ≥ max(H, W), and per-axis (2, d, 2S−1)
        _ = try Self.make(m, inputs: Self.tables(["rq": [3, 9], "rk": [3, 9], "rv": [3, 9]]))
        _ = try Self.make(m, inputs: Self.tables(["rq": [1, 2, 3, 11]]))
        let bad: [[String: [Int]]] = [
            ["rq": [3, 7]],            // S = 4 < W = 5
            ["rq": [3, 10]],           // even length
            ["rq": [2, 9]],            // wrong channel count
            ["rv": [3, 3, 9]],         // 3 axes
            ["rq": [3, 9], "rk": [3, 11]],  // disagreeing lengths
            ["wq": [3, 9]],            // no table at all
        ]
        for t in bad {
            #expect(throws: AttentionError.self, "\(t)") { try Self.make(m, inputs: Self.tables(t)) }
        }
    }

    @Test func tablesMakeTheFieldPositionSensitiveAndSaySo() throws {
        let m = CrissCrossAttentionTests.map(channels: 3, height: 4, width: 5)
        let plain = try Self.make(m).field(at: Position(row: 1, col: 1))
        let rel = try Self.make(m, inputs: Self.tables(["rq": [3, 9], "rk": [3, 9], "rv": [3, 9]])).field(at: Position(row: 1, col: 1))
        #expect(plain.weights != rel.weights)
        #expect(!rel.illustrative)
        #expect(rel.notes.contains { $0.contains("position-sensitive") })
        #expect(plain.notes.contains { $0.contains("content only") })
    }

    /// A NaN feature makes the affected softmaxes NaN (JSON null); nothing crashes.
    @Test func nanFeatureAtTheQueryMakesTheMapNaN() throws {
        var m = CrissCrossAttentionTests.map(height: 4, width: 5)
        m.data[2 * 5 + 3] = .nan
        let ax = try Self.make(m)
        #expect(try ax.field(at: Position(row: 2, col: 3)).statistics.nanCount == 20)
        #expect(try ax.field(at: Position(row: 2, col: 3), step: 0).statistics.nanCount == 4)
        // the height pass of a column without the NaN stays defined
        #expect(try ax.field(at: Position(row: 2, col: 0), step: 0).statistics.nanCount == 0)
    }
}
