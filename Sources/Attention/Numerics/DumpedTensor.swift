import FeatureMaps

/// Reads a tensor as dumped by real model code, which may carry leading batch and group
/// dimensions in front of the shape a mechanism needs.
///
/// The trailing dimensions are the tensor proper; every leading dimension is flattened into one
/// group index (size-1 dimensions therefore vanish), and `group` (`AttentionSettings.group`) picks one group.
struct DumpedTensor {
    /// The shape of one group (the trailing dimensions).
    let shape: [Int]
    /// The values of the picked group, row-major.
    let values: [Float]
    /// How many groups the file holds.
    let groupCount: Int

    /// Picks group `group` of `tensor`, whose trailing `coreRank` dimensions form one group.
    /// `source` says which input it is, `expected` describes the wanted core shape.
    init(_ tensor: Tensor, coreRank: Int, group: Int, source: AttentionInput, expected: String) throws {
        guard tensor.shape.count >= coreRank else {
            throw AttentionError.input(source,
                problem: "has shape \(tensor.shapeDescription); expected \(expected)")
        }
        let core = Array(tensor.shape.suffix(coreRank))
        let size = core.reduce(1, *)
        guard size > 0 else {
            throw AttentionError.input(source,
                problem: "has shape \(tensor.shapeDescription), which is empty; expected \(expected)")
        }
        let groups = tensor.count / size
        guard group >= 0, group < groups else {
            throw AttentionError.setting(SettingError(setting: .group, rule: .mapLimit(
                "is out of range: \(source.words) of shape \(tensor.shapeDescription) holds \(groups) group(s) of \(expected)"),
                value: .integer(group)))
        }
        shape = core
        values = Array(tensor.values[(group * size)..<((group + 1) * size)])
        groupCount = groups
    }

    /// The shape written as messages print it (`2×7×7`).
    var shapeDescription: String { shape.map(String.init).joined(separator: "×") }
}
