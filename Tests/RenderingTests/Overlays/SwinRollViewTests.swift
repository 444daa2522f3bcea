import Testing
import Attention
import FeatureMaps
@testable import Rendering

/// The rolled view follows each variant's roll: timm rolls the unpadded map (padding after it),
/// the others roll the padded one; every weight lands where the mechanism read it.
@Suite struct SwinRollViewTests {
    private func field(_ variant: SwinVariant) throws -> AttentionField {
        var data = [Float](repeating: 0, count: 2 * 81)
        for i in 0..<data.count { data[i] = Float((i * 37) % 11) / 11 }
        let map = FeatureMap(channels: 2, height: 9, width: 9, data: data, name: "t", origin: .synthesized(scene: "test"))
        var s = AttentionSettings()
        s.window = 7
        s.shift = 3
        s.variant = variant
        return try AttentionEngine(map: map).field(.window, at: Position(row: 0, col: 0), settings: s)
    }

    @Test(arguments: [(SwinVariant.timm, 6), (.official, 11), (.torchvision, 11)])
    func theQueryAndItsWeightsSitWhereTheVariantRolledThem(_ variant: SwinVariant, _ at: Int) throws {
        let f = try field(variant)
        let shown = ShownField(FrameView(title: "rolled", field: f, coordinates: .rolled))
        #expect(shown.height == 14 && shown.width == 14)
        #expect(shown.toShown(Position(row: 0, col: 0)) == Position(row: at, col: at))
        let weights = shown.weights.dense()
        for y in 0..<9 {
            for x in 0..<9 {
                let r = shown.toShown(Position(row: y, col: x))!
                #expect(weights[r.row * 14 + r.col] == f.weight(at: Position(row: y, col: x)))
            }
        }
    }
}
