import Testing
@testable import Attention
import FeatureMaps

/// CCNet with its value projection (`wv`, `bv`): the recurrence `x + γ·Σ A·(Wv·x + bv)` between
/// passes, against a stand-in of CCNet's `CrissCrossAttention` run as `RCCAModule` runs it
/// (`Reference/reference_real_blocks.py`, the passes' softmax hooked).
@Suite struct CrissCrossValueTests {
    /// 1e-5 × the largest expected weight of the case.
    static func tolerance(_ c: ReferenceCase) -> Double {
        1e-5 * Double(c.expected.flatMap(\.weights).max() ?? 1)
    }

    @Test func passesAndComposedMapMatchTheRecurrenceWithValues() throws {
        let cases = try ReferenceCase.load("criss_cross_values")
        #expect(cases.count == 8)
        for c in cases {
            #expect(c.inputs.projections?.tensors["wv"] != nil)
            try c.verify(tolerance: Self.tolerance(c))
        }
    }

    @Test func plainReferenceMatchesTheRecurrenceWithValues() throws {
        for c in try ReferenceCase.load("criss_cross_values") {
            for (q, e) in zip(c.queries, c.expected) {
                let f = try CrissCrossReference.field(map: c.map, query: q, settings: c.settings, inputs: c.inputs)
                let worst = zip(f.weights, e.weights).map { abs($0 - Double($1)) }.max() ?? .nan
                #expect(worst <= Self.tolerance(c), "\(c.name) \(q): max |Δ| \(worst)")
            }
        }
    }

    @Test func residualViewUsesThePassesOfTheRecurrenceWithValues() throws {
        let cases = try ReferenceCase.load("criss_cross_values_residual")
        #expect(cases.count == 2)
        for c in cases {
            let cc = try CrissCrossAttention(map: c.map, settings: c.settings, inputs: c.inputs)
            for (q, e) in zip(c.queries, c.expected) {
                let f = try cc.residualField(at: q, normalized: true)
                let worst = zip(f.weights, e.weights).map { abs(Double($0) - Double($1)) }.max() ?? .nan
                #expect(worst <= Self.tolerance(c), "\(c.name) \(q): max |Δ| \(worst)")
                let plain = try CrissCrossReference.residualField(map: c.map, query: q, settings: c.settings, inputs: c.inputs)
                let plainWorst = zip(plain.weights, e.weights).map { abs($0 - Double($1)) }.max() ?? .nan
                #expect(plainWorst <= Self.tolerance(c), "\(c.name) \(q): reference max |Δ| \(plainWorst)")
            }
        }
    }

    /// Without the value projection the same weights give other maps from pass 2 on: the values
    /// are really used.
    @Test func droppingTheValuesChangesPassTwo() throws {
        let c = try #require(try ReferenceCase.load("criss_cross_values").first { $0.name == "cc values R=2 5x7" })
        var inputs = c.inputs
        let archive = try #require(inputs.projections)
        inputs.projections = TensorArchive(path: archive.path, entries: archive.names.filter { $0 != "wv" && $0 != "bv" }
            .map { ($0, archive.tensors[$0]!) })
        let without = try CrissCrossAttention(map: c.map, settings: c.settings, inputs: inputs)
        let with = try CrissCrossAttention(map: c.map, settings: c.settings, inputs: c.inputs)
        let u = c.queries[4]
        #expect(try without.field(at: u, step: 0).weights == with.field(at: u, step: 0).weights)
        let a = try without.field(at: u).weights, b = try with.field(at: u).weights
        #expect(zip(a, b).map { abs($0 - $1) }.max()! > 1e-3)
    }

    @Test func badValueProjectionsAreRefused() throws {
        let map = FeatureMap(channels: 4, height: 3, width: 3, data: TestMaps.signed(36, seed: 3), name: "t",
                             origin: .synthesized(scene: "test"))
        let w = Tensor(shape: [2, 4], values: [Float](repeating: 0.1, count: 8))
        func inputs(_ extra: [(String, Tensor)]) -> AttentionInputs {
            var i = AttentionInputs()
            i.projections = TensorArchive(path: "p.npz", entries: [("wq", w), ("wk", w)] + extra)
            return i
        }
        let cases: [[(String, Tensor)]] = [
            [("wv", Tensor(shape: [3, 4], values: [Float](repeating: 0, count: 12)))],  // not C×C
            [("wv", Tensor(shape: [4, 4], values: [Float](repeating: 0, count: 16))), ("bv", Tensor(shape: [3], values: [0, 0, 0]))],
            [("bv", Tensor(shape: [4], values: [0, 0, 0, 0]))],  // bv alone
            [("wv", Tensor(shape: [4, 4], values: [Float](repeating: .nan, count: 16)))],
        ]
        for extra in cases {
            #expect(throws: AttentionError.self) {
                try CrissCrossAttention(map: map, settings: AttentionSettings(), inputs: inputs(extra))
            }
        }
    }
}
