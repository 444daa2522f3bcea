import ArgumentParser
import FeatureMaps
import Foundation

/// `attnscope info`: prints a feature map's shape, dtype, layout and value statistics.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prints a feature map's shape, dtype, layout and value statistics.",
        discussion: "FILE is a .npy, .npz, .safetensors, .pgm/.ppm file or scene:NAME (\(Scenes.names.joined(separator: ", "))). "
            + "For a bundle: the model, its blocks (index, path, mode, heads, HxW, settings) and members.")

    @Argument(help: "A feature-map file or scene:NAME.", completion: .featureMap)
    var file: String

    @OptionGroup var map: MapOptions

    func run() throws {
        do {
            if map.tensor == nil, let bundle = try BundleFile.open(file) {
                let opened = try OpenedMap(bundle: bundle, block: map.block ?? 0)
                try StandardOutput.write(BundleInfo.report(bundle, opened: opened))
                return
            }
            try StandardOutput.write(try Self.report(for: file, options: map))
        } catch let error as FeatureMapError {
            throw CommandError(error.description)
        } catch let error as FileWriteError {
            throw CommandError(error.description)
        }
    }

    /// The text `info` prints for `spec`.
    static func report(for spec: String, options: MapOptions) throws -> String {
        var lines: [(String, String)] = []
        let featureMap: FeatureMap
        let layout: String
        if spec.hasPrefix("scene:") {
            featureMap = try options.load(spec)
            let name = String(spec.dropFirst(6))
            lines.append(("scene", Scenes.summary(of: name) ?? name))
            layout = "chw (synthesized)"
        } else {
            let archive = try TensorFiles.read(spec)
            if let listing = InfoArchiveListing.text(spec: spec, archive: archive, tensor: options.tensor) { return listing }
            let chosen = try archive.tensor(named: options.tensor)
            let chosenName = options.tensor ?? (archive.tensors["features"] != nil ? "features" : archive.names.first ?? "")
            featureMap = try FeatureMap(tensor: chosen, path: spec, layout: archive.format == .netpbm ? .chw : options.layout)
            if archive.format != .netpbm, options.layout == .chw, let hint = LayoutHint.notice(channels: featureMap.channels, height: featureMap.height, width: featureMap.width, path: spec) { StandardOutput.note(hint) }
            lines.append(("format", formatName(archive.format)))
            if archive.format == .npz || archive.format == .safetensors {
                let listing = archive.names.map { name -> String in
                    guard let tensor = archive.tensors[name] else { return name }
                    return "\(name) (\(tensor.shapeDescription) \(tensor.dtype))" + (name == chosenName ? " *" : "")
                }
                lines.append(("tensors", listing.joined(separator: ", ")))
            }
            lines.append(("stored", "\(chosen.shapeDescription) \(chosen.dtype)"))
            if archive.format == .netpbm {
                layout = featureMap.channels == 1 ? "grey image (1 channel)" : "colour image (3 channels, RGB)"
            } else if chosen.shape.count - chosen.shape.prefix(while: { $0 == 1 }).count <= 2 && chosen.shape.count <= 3 {
                layout = "2-D array (1 channel)"
            } else {
                layout = options.layout.rawValue
            }
        }
        let stats = featureMap.statistics
        lines.append(("shape", "\(featureMap.channels)×\(featureMap.height)×\(featureMap.width) (C×H×W)"))
        lines.append(("dtype", featureMap.sourceDType))
        lines.append(("layout", layout))
        lines.append(("min", number(Double(stats.minimum))))
        lines.append(("max", number(Double(stats.maximum))))
        lines.append(("mean", number(stats.mean)))
        lines.append(("NaN", String(stats.nanCount)))
        lines.append(("Inf", String(stats.infinityCount)))
        var text = featureMap.isLoaded ? spec + "\n" : "scene:\(spec.dropFirst(6))\n"
        for (key, value) in lines {
            text += "  " + key.padding(toLength: 8, withPad: " ", startingAt: 0) + value + "\n"
        }
        return text
    }

    /// A format's display name.
    private static func formatName(_ format: TensorFileFormat) -> String {
        switch format {
        case .npy: "NumPy .npy"
        case .npz: "NumPy .npz archive"
        case .safetensors: "safetensors"
        case .netpbm: "Netpbm image (PGM/PPM)"
        }
    }

    /// A number with 7 significant digits, or `none` when there were no finite values.
    static func number(_ value: Double) -> String {
        value.isNaN ? "none (no finite values)" : String(format: "%.7g", value)
    }
}
