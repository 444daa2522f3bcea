/// Opens what the user names on the command line: a file path or `scene:NAME`.
public enum FeatureMapLoader {
    /// Loads a feature map from a path (.npy, .npz, .safetensors, .pgm/.ppm) or `scene:NAME`.
    public static func load(_ spec: String, layout: Layout = .chw, tensor: String? = nil) throws -> FeatureMap {
        if spec.hasPrefix("scene:") { return try Scenes.make(String(spec.dropFirst(6))) }
        throw FeatureMapError.invalidFile(path: spec, problem: "file readers are not built yet")
    }
}

/// Reads every tensor of a file, whatever its format.
public enum TensorFiles {
    /// Reads the named tensors of a .npy, .npz, .safetensors or PGM/PPM file.
    public static func read(_ path: String) throws -> TensorArchive {
        throw FeatureMapError.invalidFile(path: path, problem: "file readers are not built yet")
    }
}

/// The built-in synthetic scenes.
public enum Scenes {
    /// The scene names, `default` first.
    public static let names = ["default"]

    /// Makes the scene called `name`.
    public static func make(_ name: String) throws -> FeatureMap {
        guard name == "default" else { throw FeatureMapError.unknownScene(name: name, available: names) }
        let c = 8, h = 24, w = 32
        var data = [Float](repeating: 0, count: c * h * w)
        for ch in 0..<c { for y in 0..<h { for x in 0..<w {
            data[ch * h * w + y * w + x] = Float(((y / 6 + x / 8 + ch) % 3)) - 1
        } } }
        return FeatureMap(channels: c, height: h, width: w, data: data, name: "scene:default", origin: .synthesized(scene: "default"))
    }
}
