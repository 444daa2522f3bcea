import Attention
import FeatureMaps
import Foundation

/// What `attnscope info BUNDLE` prints: the model, each block (index, path, mode, heads, H×W,
/// settings) and every member with its shape and dtype, then the statistics of the block that
/// opens by default (or `--block`).
enum BundleInfo {
    /// The report for `bundle`, whose `opened` block's map statistics end it.
    static func report(_ bundle: BundleFile, opened: OpenedMap) -> String {
        var text = bundle.path + "\n"
        text += "  format  attnscope bundle (\(BundleFile.descriptionMember) format 1, NumPy .npz archive)\n"
        text += "  model   \(bundle.model)\n"
        text += "  blocks  \(bundle.blocks.count)\(bundle.isMultiBlock ? " (--block 0…\(bundle.blocks.count - 1))" : "")\n"
        for block in bundle.blocks {
            let members = bundle.members(of: block)
            let grid = members.tensors["features"].map { size(of: $0) } ?? "no features"
            let settings = block.settings.map { "\($0.key) \($0.value.text)" }.joined(separator: ", ")
            text += "    \(block.index)  \(block.path)  \(block.mode)  \(block.heads) head\(block.heads == 1 ? "" : "s")  \(grid)"
            text += settings.isEmpty ? "\n" : "  \(settings)\n"
        }
        text += "  members\n"
        let width = min(24, bundle.archive.names.map(\.count).max() ?? 0)
        for name in bundle.archive.names {
            guard let tensor = bundle.archive.tensors[name] else { continue }
            text += "    " + name.padding(toLength: max(width, name.count), withPad: " ", startingAt: 0)
                + "  \(tensor.shapeDescription) \(tensor.dtype)\n"
        }
        let map = opened.map, stats = map.statistics
        let block = opened.block.map { bundle.isMultiBlock ? "block \($0.index) " : "" } ?? ""
        text += "  \(block)map \(map.channels)×\(map.height)×\(map.width) (C×H×W), min \(Info.number(Double(stats.minimum))), "
            + "max \(Info.number(Double(stats.maximum))), mean \(Info.number(stats.mean)), NaN \(stats.nanCount), Inf \(stats.infinityCount)\n"
        return text
    }

    /// `H×W` of a C×H×W member (its last two dimensions).
    private static func size(of features: Tensor) -> String {
        let shape = features.shape
        guard shape.count >= 2 else { return features.shapeDescription }
        return "\(shape[shape.count - 2])×\(shape[shape.count - 1])"
    }
}
