import Attention
import FeatureMaps
import Testing

/// `--dcn-offsets` and friends: a mode's own tensors take the shared ones' place for that mode
/// only, and the engine makes each mechanism with its own.
@Suite struct PerModeInputsTests {
    static func tensor(_ shape: [Int], _ value: Float) -> Tensor {
        Tensor(shape: shape, values: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    @Test func aModesOwnTensorsReplaceTheSharedOnesForItAlone() {
        var inputs = AttentionInputs()
        inputs.offsets = Self.tensor([2, 3, 3], 1)
        var dcn = AttentionInputs()
        dcn.offsets = Self.tensor([18, 4, 4], 2)
        dcn.modulation = Self.tensor([9, 4, 4], 0.5)
        inputs.perMode[.dcn] = dcn
        #expect(!inputs.isEmpty)
        let forDCN = inputs.inputs(for: .dcn)
        #expect(forDCN.offsets?.shape == [18, 4, 4] && forDCN.modulation?.shape == [9, 4, 4] && forDCN.perMode.isEmpty)
        let forDAT = inputs.inputs(for: .dat)
        #expect(forDAT.offsets?.shape == [2, 3, 3] && forDAT.modulation == nil)
        var onlyOwn = AttentionInputs()
        onlyOwn.perMode[.dat] = AttentionInputs()
        #expect(onlyOwn.isEmpty, "an empty set of own tensors loads nothing")
    }

    @Test func theEngineMakesEachMechanismWithItsOwnTensors() throws {
        let map = FeatureMap(channels: 2, height: 4, width: 4, data: (0..<32).map { Float($0 % 7) / 7 }, name: "m",
                             origin: .synthesized(scene: "test"))
        var inputs = AttentionInputs()
        // DCN-shaped offsets for every mode that reads them: DAT refuses them...
        inputs.offsets = Self.tensor([18, 4, 4], 0)
        let shared = AttentionEngine(map: map, inputs: inputs)
        #expect(throws: AttentionError.self) { try shared.field(.dat, at: Position(row: 1, col: 1), settings: AttentionSettings()) }
        // ...unless DAT has its own positions.
        var dat = AttentionInputs()
        dat.positions = Tensor(shape: [2, 2, 2], values: [-0.5, -0.5, -0.5, 0.5, 0.5, -0.5, 0.5, 0.5])
        inputs.perMode[.dat] = dat
        let own = AttentionEngine(map: map, inputs: inputs)
        let field = try own.field(.dat, at: Position(row: 1, col: 1), settings: AttentionSettings())
        #expect(!field.illustrative && field.samples.count == 4)
        #expect(try own.field(.dcn, at: Position(row: 1, col: 1), settings: AttentionSettings()).illustrative == false)
    }
}
