import Testing
@testable import Attention
import FeatureMaps

/// DAT with G offset groups at once and its position bias (rpe_table or dense), against a
/// stand-in of DAT's `DAttentionBaseline` whose softmax is hooked (`Reference/reference_real_blocks.py`).
@Suite struct DeformableAttentionGroupTests {
    static func tolerance(_ c: ReferenceCase) -> Double {
        1e-5 * Double(c.expected.flatMap(\.weights).max() ?? 1)
    }

    @Test func groupsAndBiasMatchTheBlock() throws {
        let cases = try ReferenceCase.load("dat_groups")
        #expect(cases.count == 11)
        for c in cases { try c.verify(tolerance: Self.tolerance(c)) }
    }

    @Test func plainReferenceMatchesTheBlock() throws {
        for c in try ReferenceCase.load("dat_groups") {
            for (q, e) in zip(c.queries, c.expected) {
                let f = try DeformableAttentionReference.field(map: c.map, query: q, settings: c.settings, inputs: c.inputs)
                let worst = zip(f.weights, e.weights).map { abs($0 - Double($1)) }.max() ?? .nan
                #expect(worst <= Self.tolerance(c), "\(c.name) \(q): max |Δ| \(worst)")
                #expect(abs(f.offImage - e.offImage) <= 1e-5, "\(c.name) \(q): offImage")
                #expect(f.samples.count == e.samples?.count)
            }
        }
    }

    @Test func everyGroupsPointsAreListed() throws {
        let c = try #require(try ReferenceCase.load("dat_groups").first { $0.name == "dat G=2 offsets clamp head 0" })
        let field = try AttentionEngine(map: c.map, inputs: c.inputs).field(.dat, at: Position(row: 2, col: 3), settings: c.settings)
        #expect(field.samples.count == 2 * 3 * 4)
        #expect(field.statistics.keysAttended == 3 * 4)
        #expect(abs(field.samples.reduce(0) { $0 + $1.weight } - 1) < 1e-6)
    }

    @Test func aGroupOtherThanZeroIsRefusedWhenEveryGroupIsUsed() throws {
        let c = try #require(try ReferenceCase.load("dat_groups").first { $0.name == "dat G=2 offsets clamp head 0" })
        var s = c.settings
        s.group = 1
        #expect {
            try AttentionEngine(map: c.map, inputs: c.inputs).field(.dat, at: Position(row: 0, col: 0), settings: s)
        } throws: { error in
            "\(error)".contains("uses them all at once")
        }
    }

    @Test func groupsThatDoNotSplitTheChannelsAndBadBiasesAreRefused() throws {
        let map = FeatureMap(channels: 3, height: 5, width: 6, data: TestMaps.signed(90, seed: 2), name: "t",
                             origin: .synthesized(scene: "test"))
        var inputs = AttentionInputs()
        inputs.offsets = Tensor(shape: [2, 2, 3, 3], values: [Float](repeating: 0, count: 36))
        #expect(throws: AttentionError.self) {
            try AttentionEngine(map: map, inputs: inputs).field(.dat, at: Position(row: 0, col: 0), settings: AttentionSettings())
        }
        inputs.offsets = Tensor(shape: [2, 3, 3], values: [Float](repeating: 0, count: 18))
        for shape in [[2, 9, 10], [1, 30, 8], [4, 4]] {  // neither (heads, 9, 11) nor (heads, 30, 9)
            inputs.relativeBias = Tensor(shape: shape, values: [Float](repeating: 0, count: shape.reduce(1, *)))
            #expect(throws: AttentionError.self) {
                try AttentionEngine(map: map, inputs: inputs).field(.dat, at: Position(row: 0, col: 0), settings: AttentionSettings())
            }
        }
        inputs.relativeBias = Tensor(shape: [2, 9, 11], values: [Float](repeating: 0, count: 198))
        var s = AttentionSettings()
        s.head = 2
        #expect(throws: AttentionError.self) {
            try AttentionEngine(map: map, inputs: inputs).field(.dat, at: Position(row: 0, col: 0), settings: s)
        }
    }
}
