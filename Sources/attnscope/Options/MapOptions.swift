import ArgumentParser
import FeatureMaps

/// How to read the feature map: `--layout`, `--tensor`, and `--block` for bundles.
struct MapOptions: ParsableArguments {
    @Option(help: "Axis order of 3-D arrays: chw or hwc.")
    var layout: Layout = .chw

    @Option(help: "The tensor to read from an .npz or .safetensors file (default: 'features', else the only one); on a bundle it reads the file as a plain archive.")
    var tensor: String?

    @Option(parsing: .unconditional, help: "The block of a multi-block bundle, 0-based (default: 0).")
    var block: Int?

    /// Loads the map named by `spec` (a path or `scene:NAME`) as a plain file.
    /// A 3-D array read channels-first whose shape looks channels-last gets one notice on stderr
    /// (never a bundle's, which is C×H×W by contract).
    func load(_ spec: String) throws -> FeatureMap {
        let map = try FeatureMapLoader.load(spec, layout: layout, tensor: tensor)
        // A bundle's features are C×H×W by the exporter's contract: no hint for them.
        if layout == .chw, map.isLoaded, !BundleFile.isBundle(spec),
           let hint = LayoutHint.notice(channels: map.channels, height: map.height, width: map.width, path: spec) {
            StandardOutput.note(hint)
        }
        return map
    }

    /// Whether `spec` opens as a bundle: a bundle file, and no `--tensor` asking for a plain read.
    func isBundle(_ spec: String) -> Bool {
        tensor == nil && BundleFile.isBundle(spec)
    }

    /// Opens `spec`: a bundle's block (`--block`, default 0) with its mode, settings and
    /// tensors, or a plain map. The command prints the bundle's notes once its checks pass, so a
    /// refusal stays one line.
    func open(_ spec: String) throws -> OpenedMap {
        if tensor == nil, let bundle = try BundleFile.open(spec) {
            return try OpenedMap(bundle: bundle, block: block ?? 0)
        }
        if let block {
            throw CommandError(tensor != nil ? "--block \(block): --tensor reads the file as a plain archive, which has no blocks"
                                             : "--block \(block): \(spec) is not a bundle (no \(BundleFile.descriptionMember) member)")
        }
        return OpenedMap(map: try load(spec))
    }

    /// Refuses `--block` values no bundle has (ArgumentParser runs this before `run`).
    func validate() throws {
        if let block, block < 0 { throw ValidationError("--block must be 0 or more (got \(block))") }
    }
}

extension Layout: ExpressibleByArgument {}
