import Testing
@testable import Attention
import FeatureMaps

/// axialnet's `AxialBlock` (height then width attention, each its own `AxialAttention`): the
/// height pass's values `wv`, `bv`, the width pass's `wq2`, `wk2`, G heads, per-pass tables,
/// against a stand-in of the block with both softmaxes hooked (`Reference/reference_real_blocks.py`).
@Suite struct AxialBlockTests {
    static func tolerance(_ c: ReferenceCase) -> Double {
        1e-5 * Double(c.expected.flatMap(\.weights).max() ?? 1)
    }

    @Test func viewsMatchTheBlock() throws {
        let cases = try ReferenceCase.load("axial_block")
        #expect(cases.count == 18)
        for c in cases { try c.verify(tolerance: Self.tolerance(c)) }
    }

    @Test func plainReferenceMatchesTheBlock() throws {
        for c in try ReferenceCase.load("axial_block") {
            for (q, e) in zip(c.queries, c.expected) {
                let f = try AxialReference.field(map: c.map, query: q, settings: c.settings, inputs: c.inputs)
                let worst = zip(f.weights, e.weights).map { abs($0 - Double($1)) }.max() ?? .nan
                #expect(worst <= Self.tolerance(c), "\(c.name) \(q): max |Δ| \(worst)")
            }
        }
    }

    /// The composed map of every head sums to 1 (the heads' mean height weights do, per column).
    @Test func composedMapsSumToOne() throws {
        let c = try #require(try ReferenceCase.load("axial_block").first { $0.name == "axial block G=4 tables 5x7 head 3" })
        let field = try AttentionEngine(map: c.map, inputs: c.inputs).field(.axial, at: Position(row: 2, col: 3), settings: c.settings)
        #expect(abs(field.statistics.sum - 1) < 1e-5)
        #expect(field.notes.contains { $0.contains("4 height heads") })
    }

    @Test func badBlockTensorsAreRefusedNamingThem() throws {
        let map = FeatureMap(channels: 4, height: 3, width: 3, data: TestMaps.signed(36, seed: 5), name: "t",
                             origin: .synthesized(scene: "test"))
        func tensor(_ shape: [Int]) -> Tensor { Tensor(shape: shape, values: [Float](repeating: 0.1, count: shape.reduce(1, *))) }
        func message(_ entries: [(String, Tensor)], head: Int = 0) -> String {
            var inputs = AttentionInputs()
            inputs.projections = TensorArchive(path: "b.npz", entries: entries)
            var s = AttentionSettings()
            s.head = head
            do {
                _ = try AxialAttention(map: map, settings: s, inputs: inputs)
                return ""
            } catch {
                return "\(error)"
            }
        }
        let qk = [("wq", tensor([2, 1, 4])), ("wk", tensor([2, 1, 4]))]
        #expect(message(qk + [("wv", tensor([3, 4]))]).contains("do not split into the 2 heads"))
        #expect(message(qk + [("wv", tensor([4, 4])), ("wq2", tensor([2, 1, 3])), ("wk2", tensor([2, 1, 4]))]).contains("'wq2'"))
        #expect(message(qk + [("wv", tensor([6, 4]))]).contains("no 'wq2'"))
        #expect(message(qk + [("wv", tensor([4, 4]))], head: 2).contains("out of range"))
        #expect(message(qk + [("wv", tensor([4, 4]))]).isEmpty)
    }

    /// Per-head tables (2, G, rows, 2S − 1) must have one table per height head.
    @Test func perHeadTablesMustMatchTheHeads() throws {
        let map = FeatureMap(channels: 4, height: 3, width: 3, data: TestMaps.signed(36, seed: 5), name: "t",
                             origin: .synthesized(scene: "test"))
        func tensor(_ shape: [Int]) -> Tensor { Tensor(shape: shape, values: TestMaps.signed(shape.reduce(1, *), seed: 9)) }
        var inputs = AttentionInputs()
        inputs.projections = TensorArchive(path: "b.npz", entries: [("wq", tensor([2, 1, 4])), ("wk", tensor([2, 1, 4])), ("wv", tensor([4, 4]))])
        inputs.axialTables = TensorArchive(path: "rel.npz", entries: [("rq", tensor([2, 3, 1, 5]))])
        #expect(throws: AttentionError.self) { try AxialAttention(map: map, settings: AttentionSettings(), inputs: inputs) }
        inputs.axialTables = TensorArchive(path: "rel.npz", entries: [("rq", tensor([2, 2, 1, 5])), ("rv", tensor([2, 2, 2, 5]))])
        let field = try AxialAttention(map: map, settings: AttentionSettings(), inputs: inputs).field(at: Position(row: 1, col: 1))
        #expect(abs(field.statistics.sum - 1) < 1e-5)
    }
}
