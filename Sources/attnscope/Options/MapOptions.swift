import ArgumentParser
import FeatureMaps

/// How to read the feature map: `--layout` and `--tensor`.
struct MapOptions: ParsableArguments {
    @Option(help: "Axis order of 3-D arrays: chw or hwc.")
    var layout: Layout = .chw

    @Option(help: "The tensor to read from an .npz or .safetensors file (default: 'features', else the only one).")
    var tensor: String?

    /// Loads the map named by `spec` (a path or `scene:NAME`).
    func load(_ spec: String) throws -> FeatureMap {
        try FeatureMapLoader.load(spec, layout: layout, tensor: tensor)
    }
}

extension Layout: ExpressibleByArgument {}
