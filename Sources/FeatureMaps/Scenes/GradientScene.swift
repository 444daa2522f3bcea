/// Features that are nothing but a smooth code of position: the scene where attention is a blob
/// around the query, so global attention behaves like a soft local window.
///
/// Channels hold sines and cosines of the row and of the column at four frequencies (a
/// Transformer-style positional encoding, no content), so similarity falls with distance.
/// Useful to compare how window, neighborhood and lka cut or shape that blob at the borders.
enum GradientScene {
    /// `scene:gradient`: 16 channels, 28×40.
    static func make() -> FeatureMap {
        let channels = 16, height = 28, width = 40
        var canvas = SceneCanvas(channels: channels, height: height, width: width)
        canvas.addPositionalCode(firstChannel: 0, frequencies: [0.25, 0.5, 1, 2], amplitude: 2.5)
        for row in 0 ..< height {
            for col in 0 ..< width {
                canvas.image[row * width + col] = 0.1 + 0.8 * Float(row * width + col) / Float(height * width - 1)
            }
        }
        return canvas.featureMap(scene: "gradient")
    }
}
