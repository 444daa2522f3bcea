/// A periodic plaid where every row carries a code for its phase along the height and every
/// column one for its phase along the width: the scene where axial and criss-cross attention shine.
///
/// Row phase `row mod 7` and column phase `col mod 8` are one-hot codes on separate channel
/// blocks, so a query matches, along its own column, the rows of its phase (every 7th) and, along
/// its row, the columns of its phase (every 8th). Global attention shows the whole lattice; axial
/// and criss-cross attention reach it through their row and column passes; windows see one cell.
enum StripesScene {
    /// `scene:stripes`: 16 channels, 28×40.
    static func make() -> FeatureMap {
        let channels = 16, height = 28, width = 40
        let rowPeriod = 7, colPeriod = 8
        var canvas = SceneCanvas(channels: channels, height: height, width: width)
        var random = SplitMix64(seed: 0xA77E_0002)
        let amplitude: Float = 3.0
        let plane = height * width
        for row in 0 ..< height {
            for col in 0 ..< width {
                let pixel = row * width + col
                canvas.data[(row % rowPeriod) * plane + pixel] += amplitude
                canvas.data[(rowPeriod + col % colPeriod) * plane + pixel] += amplitude
                canvas.data[(channels - 1) * plane + pixel] += 1
                let rowBand: Float = row % rowPeriod == 0 ? 0.5 : 0
                let colBand: Float = col % colPeriod == 0 ? 0.4 : 0
                canvas.image[pixel] = 0.1 + rowBand + colBand
            }
        }
        canvas.addTexture(sigma: 0.25, random: &random)
        return canvas.featureMap(scene: "stripes")
    }
}
