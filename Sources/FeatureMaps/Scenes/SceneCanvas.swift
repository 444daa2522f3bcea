import Foundation

/// A feature map under construction: planar values plus the companion grey picture.
struct SceneCanvas {
    let channels: Int, height: Int, width: Int
    var data: [Float]
    var image: [Float]

    /// An all-zero canvas.
    init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
        data = FloatStorage.make(count: channels * height * width) { buffer in
            buffer.initialize(repeating: 0)
            return buffer.count
        }
        image = [Float](repeating: 0, count: height * width)
    }

    /// Adds `vector` (length `channels`) to the features at (row, col).
    mutating func add(_ vector: [Float], row: Int, col: Int, weight: Float = 1) {
        let pixel = row * width + col, plane = height * width
        for channel in 0 ..< channels { data[channel * plane + pixel] += weight * vector[channel] }
    }

    /// Adds Gaussian texture of standard deviation `sigma` to every value.
    mutating func addTexture(sigma: Float, random: inout SplitMix64) {
        for index in data.indices { data[index] += sigma * random.normal() }
    }

    /// Adds a smooth positional code to channels `first..<first+2·frequencies.count·2`:
    /// sin and cos of the row and of the column at each frequency (cycles per map side).
    mutating func addPositionalCode(firstChannel first: Int, frequencies: [Float], amplitude: Float) {
        let plane = height * width
        var channel = first
        for frequency in frequencies {
            for axisIsRow in [true, false] {
                let length = Float(axisIsRow ? height : width)
                for row in 0 ..< height {
                    for col in 0 ..< width {
                        let t = Float(axisIsRow ? row : col) / length * 2 * .pi * frequency
                        let pixel = row * width + col
                        if channel < channels { data[channel * plane + pixel] += amplitude * sin(t) }
                        if channel + 1 < channels { data[(channel + 1) * plane + pixel] += amplitude * cos(t) }
                    }
                }
                channel += 2
            }
        }
    }

    /// A vector of `norm` supported on channels `range` (random direction from `random`).
    func codeVector(on range: Range<Int>, norm: Float, random: inout SplitMix64) -> [Float] {
        var vector = [Float](repeating: 0, count: channels)
        for channel in range where channel < channels { vector[channel] = random.normal() }
        let length = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return vector.map { $0 / max(length, 1e-6) * norm }
    }

    /// The finished map.
    func featureMap(scene: String) -> FeatureMap {
        var map = FeatureMap(channels: channels, height: height, width: width, data: data,
                             name: "scene:\(scene)", origin: .synthesized(scene: scene))
        map.image = image
        return map
    }
}
