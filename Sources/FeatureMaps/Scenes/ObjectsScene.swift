/// Objects of a few classes on a textured background: the scene where global attention finds
/// same-class objects far away while windowed and local attention cannot.
///
/// Each class has its own code vector on its own block of channels (so classes are orthogonal);
/// the background has a weaker code of its own; every pixel also gets a smooth positional code
/// (low-frequency sines and cosines) and Gaussian texture. With q = k = x and 1/√C scaling a query
/// inside an object puts most of its mass on the pixels of its class, spread over them (neither
/// uniform nor one-hot); a background query spreads widely with a positional bias.
struct ObjectsScene {
    /// An object's outline.
    enum Shape { case disc, square, diamond }

    /// One object: its class (0, 1, 2) and where it sits.
    struct Object {
        var shape: Shape
        var row: Int, col: Int, radius: Int
        /// The classes are the shapes.
        var classIndex: Int {
            switch shape { case .disc: 0; case .square: 1; case .diamond: 2 }
        }

        /// Whether (r, c) lies inside the object.
        func contains(row r: Int, col c: Int) -> Bool {
            let dy = r - row, dx = c - col
            switch shape {
            case .disc: return dy * dy + dx * dx <= radius * radius + radius
            case .square: return abs(dy) <= radius && abs(dx) <= radius
            case .diamond: return abs(dy) + abs(dx) <= radius
            }
        }
    }

    /// The grey level each class is drawn with in the companion picture.
    static let classShades: [Float] = [0.95, 0.7, 0.45]
    static let backgroundShade: Float = 0.12

    /// Builds the scene.
    static func make(name: String, channels: Int, height: Int, width: Int, objects: [Object], seed: UInt64) -> FeatureMap {
        var canvas = SceneCanvas(channels: channels, height: height, width: width)
        var random = SplitMix64(seed: seed)
        // Channel blocks: a quarter of the channels for each of three classes, the rest shared by
        // the background code and the positional code.
        let block = channels / 4
        let classCodes = (0 ..< 3).map { canvas.codeVector(on: $0 * block ..< ($0 + 1) * block, norm: 4.6, random: &random) }
        let backgroundCode = canvas.codeVector(on: 3 * block ..< channels, norm: 1.6, random: &random)
        for row in 0 ..< height {
            for col in 0 ..< width {
                if let object = objects.last(where: { $0.contains(row: row, col: col) }) {
                    canvas.add(classCodes[object.classIndex], row: row, col: col)
                    canvas.image[row * width + col] = classShades[object.classIndex]
                } else {
                    canvas.add(backgroundCode, row: row, col: col)
                    canvas.image[row * width + col] = backgroundShade + 0.1 * Float(row + col) / Float(height + width)
                }
            }
        }
        canvas.addPositionalCode(firstChannel: 3 * block, frequencies: [0.5, 1], amplitude: 0.6)
        canvas.addTexture(sigma: 0.3, random: &random)
        return canvas.featureMap(scene: name)
    }

    /// `scene:default`: 24 channels, 28×40, seven objects of three classes.
    static func standard() -> FeatureMap {
        let objects = [
            Object(shape: .disc, row: 6, col: 6, radius: 3),
            Object(shape: .disc, row: 21, col: 31, radius: 3),
            Object(shape: .disc, row: 14, col: 19, radius: 2),
            Object(shape: .square, row: 6, col: 22, radius: 3),
            Object(shape: .square, row: 21, col: 13, radius: 3),
            Object(shape: .diamond, row: 7, col: 35, radius: 4),
            Object(shape: .diamond, row: 20, col: 4, radius: 4),
        ]
        return make(name: "default", channels: 24, height: 28, width: 40, objects: objects, seed: 0xA77E_0001)
    }

    /// `scene:large`: 32 channels, 96×128, objects of the three classes on a jittered grid.
    static func large() -> FeatureMap {
        var random = SplitMix64(seed: 0xA77E_0005)
        var objects: [Object] = []
        let shapes: [Shape] = [.disc, .square, .diamond]
        for cellRow in 0 ..< 4 {
            for cellCol in 0 ..< 5 {
                let row = cellRow * 24 + 6 + random.integer(below: 12)
                let col = cellCol * 25 + 6 + random.integer(below: 13)
                let radius = 3 + random.integer(below: 3)
                objects.append(Object(shape: shapes[random.integer(below: 3)], row: row, col: col, radius: radius))
            }
        }
        return make(name: "large", channels: 32, height: 96, width: 128, objects: objects, seed: 0xA77E_0006)
    }
}
