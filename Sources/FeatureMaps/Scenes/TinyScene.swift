/// A 9×9 map of nine 3×3 blocks in three classes (a Latin square): small enough to show every
/// number on screen when teaching one mechanism step by step.
///
/// Block (i, j) has class (i + j) mod 3; each class has its own code vector on its own channels,
/// plus light texture. A query's class-mates lie on its block diagonals, so windows of 3 and the
/// criss-cross passes give very different answers on a grid one can count by hand.
enum TinyScene {
    /// `scene:tiny`: 8 channels, 9×9.
    static func make() -> FeatureMap {
        let channels = 8, height = 9, width = 9
        var canvas = SceneCanvas(channels: channels, height: height, width: width)
        var random = SplitMix64(seed: 0xA77E_0004)
        let codes = (0 ..< 3).map { canvas.codeVector(on: $0 * 2 ..< $0 * 2 + 2, norm: 3.2, random: &random) }
        let shades: [Float] = [0.9, 0.55, 0.25]
        for row in 0 ..< height {
            for col in 0 ..< width {
                let classIndex = (row / 3 + col / 3) % 3
                canvas.add(codes[classIndex], row: row, col: col)
                canvas.image[row * width + col] = shades[classIndex]
            }
        }
        canvas.addTexture(sigma: 0.2, random: &random)
        return canvas.featureMap(scene: "tiny")
    }
}
