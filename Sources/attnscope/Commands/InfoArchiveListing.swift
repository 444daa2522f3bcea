import FeatureMaps

/// `info` on an archive that holds no feature map to pick (a projections or bias archive:
/// several tensors, none called `features`, no `--tensor`): its tensors listed instead of the
/// loader's refusal.
enum InfoArchiveListing {
    /// The listing of `archive` read from `spec`, or nil when `info` should read a map from it.
    static func text(spec: String, archive: TensorArchive, tensor: String?) -> String? {
        guard tensor == nil, archive.format == .npz || archive.format == .safetensors,
              archive.names.count > 1, archive.tensors["features"] == nil else { return nil }
        let width = min(24, archive.names.map(\.count).max() ?? 0)
        var text = spec + "\n"
        text += "  format  " + (archive.format == .npz ? "NumPy .npz archive" : "safetensors") + "\n"
        text += "  tensors \(archive.names.count), none called 'features' (pick a map with --tensor NAME)\n"
        for name in archive.names {
            guard let t = archive.tensors[name] else { continue }
            text += "    " + name.padding(toLength: max(width, name.count), withPad: " ", startingAt: 0)
                + "  \(t.shapeDescription) \(t.dtype)\n"
        }
        return text
    }
}
