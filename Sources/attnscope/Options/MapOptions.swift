import ArgumentParser
import FeatureMaps

/// How to read the feature map: `--layout` and `--tensor`.
struct MapOptions: ParsableArguments {
    @Option(help: "Axis order of 3-D arrays: chw or hwc.")
    var layout: Layout = .chw

    @Option(help: "The tensor to read from an .npz or .safetensors file (default: 'features', else the only one).")
    var tensor: String?

    /// Loads the map named by `spec` (a path or `scene:NAME`).
    /// A 3-D array read channels-first whose shape looks channels-last gets one notice on stderr.
    func load(_ spec: String) throws -> FeatureMap {
        let map = try FeatureMapLoader.load(spec, layout: layout, tensor: tensor)
        if layout == .chw, map.isLoaded,
           let hint = LayoutHint.notice(channels: map.channels, height: map.height, width: map.width, path: spec) {
            StandardOutput.note(hint)
        }
        return map
    }
}

extension Layout: ExpressibleByArgument {}
