import FeatureMaps
@testable import Attention

/// Small helpers shared by the dcn, dat and lka tests.
enum SamplingFixtures {
    /// A deterministic C×H×W map whose values vary smoothly with a few edges.
    static func map(channels: Int = 3, height: Int, width: Int, seed: Int = 1) -> FeatureMap {
        var data = [Float](repeating: 0, count: channels * height * width)
        for c in 0..<channels {
            for r in 0..<height {
                for col in 0..<width {
                    let v = Float((r * 7 + col * 3 + c * 5 + seed) % 11) / 11 - 0.5
                    let edge: Float = col > width / 2 ? 1 : 0
                    data[(c * height + r) * width + col] = v + edge
                }
            }
        }
        return FeatureMap(channels: channels, height: height, width: width, data: data,
                          name: "fixture", origin: .synthesized(scene: "fixture"))
    }

    /// Loads the reference cases of one mode from `Vectors/sampling.json`.
    static func cases(_ mode: Mode) throws -> [ReferenceCase] {
        try ReferenceCase.load("sampling").filter { $0.mode == mode }
    }

    /// Σ M (finite entries) + offImage.
    static func total(_ field: AttentionField) -> Double {
        field.weights.reduce(0.0) { $1.isNaN ? $0 : $0 + Double($1) } + field.offImage
    }
}
