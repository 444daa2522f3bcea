import Testing
@testable import Attention
import FeatureMaps

/// The projection file's qk-norm members (timm `qk_norm=True`) and their refusals; the numbers
/// themselves are checked against timm's blocks in `GlobalPrefixTokenTests`.
@Suite struct ProjectionTests {
    /// Identity-like (heads, d, C) = (2, 4, 4) projections with the given extra members.
    static func archive(_ extra: [(String, Tensor)]) -> TensorArchive {
        var eye = [Float](repeating: 0, count: 32)
        for h in 0..<2 { for r in 0..<4 { eye[h * 16 + r * 4 + r] = 1 } }
        return TensorArchive(path: "p.npz", entries: [("wq", Tensor(shape: [2, 4, 4], values: eye)),
                                                      ("wk", Tensor(shape: [2, 4, 4], values: eye))] + extra)
    }

    @Test func theNormIsALayerNormOverEachHeadsD() throws {
        let p = try Projection(archive: Self.archive([
            ("q_norm_w", Tensor(shape: [4], values: [1, 1, 1, 1])), ("q_norm_b", Tensor(shape: [4], values: [0, 0, 0, 0])),
            ("norm_eps", Tensor(shape: [], values: [0])),
        ]), head: 0, channels: 4)
        // mean 2.5, biased variance 1.25: (x − 2.5)/√1.25
        let q = p.query(of: [1, 2, 3, 4])
        let expected: [Float] = [-1.3416408, -0.4472136, 0.4472136, 1.3416408]
        #expect(zip(q, expected).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(p.keyNorm == nil && p.key(of: [1, 2, 3, 4]) == [1, 2, 3, 4])
    }

    @Test func perHeadParametersPickTheHeadsRow() throws {
        let extra: [(String, Tensor)] = [("k_norm_w", Tensor(shape: [2, 4], values: [1, 1, 1, 1, 2, 2, 2, 2])),
                                         ("k_norm_b", Tensor(shape: [2, 4], values: [0, 0, 0, 0, 5, 5, 5, 5]))]
        let head1 = try Projection(archive: Self.archive(extra), head: 1, channels: 4)
        #expect(head1.keyNorm?.weight == [2, 2, 2, 2] && head1.keyNorm?.bias == [5, 5, 5, 5])
        #expect(head1.keyNorm?.epsilon == HeadNorm.defaultEpsilon)
        // A padding token's key (all-zero input) is the normalised bias: a constant vector → b.
        #expect(head1.paddingKey == [5, 5, 5, 5])
    }

    @Test func aNormWeightAloneHasAZeroShift() throws {
        let p = try Projection(archive: Self.archive([("q_norm_w", Tensor(shape: [4], values: [2, 2, 2, 2]))]), head: 0, channels: 4)
        #expect(p.queryNorm?.bias == [0, 0, 0, 0])
    }

    @Test func misshapenNormMembersAreRefused() {
        #expect(throws: AttentionError.tensorShape(source: "p.npz", problem: "'q_norm_w' has shape 3; expected (4) or (2, 4)")) {
            try Projection(archive: Self.archive([("q_norm_w", Tensor(shape: [3], values: [1, 1, 1]))]), head: 0, channels: 4)
        }
        #expect(throws: AttentionError.tensorShape(source: "p.npz", problem: "'norm_eps' has shape 2; expected a scalar (LayerNorm's eps)")) {
            try Projection(archive: Self.archive([("norm_eps", Tensor(shape: [2], values: [1e-5, 1e-5]))]), head: 0, channels: 4)
        }
        #expect(throws: AttentionError.tensorShape(source: "p.npz", problem: "'norm_eps' is -1.0; expected a finite value >= 0")) {
            try Projection(archive: Self.archive([("norm_eps", Tensor(shape: [], values: [-1]))]), head: 0, channels: 4)
        }
    }

    @Test func theHeadCountIsWqsLeadingDimension() {
        #expect(Projection.headCount(in: Self.archive([])) == 2)
        #expect(Projection.headCount(in: TensorArchive(path: "p", entries: [("wq", Tensor(shape: [4, 3], values: [Float](repeating: 0, count: 12)))])) == 1)
        #expect(Projection.headCount(in: TensorArchive(path: "p", entries: [])) == nil)
    }

    /// Criss-cross's last pass reads keys as a linear direction in x, which a k-norm is not.
    @Test func crissCrossTakesAKeyNormOnlyWithOnePass() throws {
        var inputs = AttentionInputs()
        inputs.projections = Self.archive([("k_norm_w", Tensor(shape: [4], values: [1, 2, 1, 2]))])
        let map = TestMaps.smooth(channels: 4, height: 4, width: 5)
        var s = AttentionSettings()
        s.passes = 2
        #expect(throws: AttentionError.limit(mode: .crissCross, problem: "a k-norm (k_norm_w, k_norm_b) is supported with --passes 1 only")) {
            try AttentionEngine(map: map, inputs: inputs).field(.crissCross, at: Position(row: 1, col: 1), settings: s)
        }
        s.passes = 1
        let one = try AttentionEngine(map: map, inputs: inputs).field(.crissCross, at: Position(row: 1, col: 1), settings: s)
        #expect(abs(one.statistics.sum - 1) < 1e-5)
    }
}
