/// The built-in synthetic scenes, opened as `scene:NAME`.
///
/// Every scene is deterministic (seeded) and comes with a companion grey picture
/// (`FeatureMap.image`) the renderer can draw dimmed under the weights.
public enum Scenes {
    /// The scene names, `default` first.
    public static let names = ["default", "stripes", "gradient", "tiny", "large"]

    /// A one-line description of the scene called `name` (nil for an unknown name).
    public static func summary(of name: String) -> String? {
        switch name {
        case "default": "objects of three classes, 24×28×40: global attention finds same-class objects far away, windows cannot"
        case "stripes": "periodic plaid of row and column phase codes, 16×28×40: where axial and criss-cross attention shine"
        case "gradient": "pure positional code, 16×28×40: attention is a blob around the query; compare how local modes cut it"
        case "tiny": "nine 3×3 blocks of three classes, 8×9×9: small enough to count every weight when teaching"
        case "large": "objects of three classes on a jittered grid, 32×96×128: for scrolling and speed"
        default: nil
        }
    }

    /// Makes the scene called `name`.
    public static func make(_ name: String) throws -> FeatureMap {
        switch name {
        case "default": return ObjectsScene.standard()
        case "stripes": return StripesScene.make()
        case "gradient": return GradientScene.make()
        case "tiny": return TinyScene.make()
        case "large": return ObjectsScene.large()
        default: throw FeatureMapError.unknownScene(name: name, available: names)
        }
    }
}
