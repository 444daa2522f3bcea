import FeatureMaps

/// Explains, in one note, why a field holds NaN: which input was not finite, or that the logits
/// overflowed.
///
/// The mechanisms compute with IEEE arithmetic exactly as PyTorch does: one NaN or ±∞ logit
/// (∞ − ∞, 0·∞) makes the whole softmax NaN, and a NaN sampling position reads zeros, so its
/// mass counts as off-image. Nothing is clamped or skipped silently; instead the engine puts this
/// explanation first in `AttentionField.notes`, which `weights` prints on stderr and `render` and
/// the explorer show in the caption.
struct NonFiniteDiagnosis {
    /// The map's non-finite feature values, scanned once per engine (only when a field needs it).
    struct MapScan: Sendable {
        /// How many values are NaN.
        var nanCount = 0
        /// How many values are +∞ or −∞.
        var infinityCount = 0
        /// The first non-finite value in planar order: (channel, position).
        var first: (channel: Int, position: Position)?

        /// Scans the planar data of `map`.
        init(_ map: FeatureMap) {
            let plane = map.pixelCount
            map.data.withUnsafeBufferPointer { values in
                for i in 0..<values.count where !values[i].isFinite {
                    if values[i].isNaN { nanCount += 1 } else { infinityCount += 1 }
                    if first == nil {
                        let p = i % plane
                        first = (i / plane, Position(row: p / map.width, col: p % map.width))
                    }
                }
            }
        }
    }

    /// The map the field was computed on.
    let map: FeatureMap
    /// The loaded tensors.
    let inputs: AttentionInputs
    /// The settings of the field.
    let settings: AttentionSettings

    /// Whether `field` has anything non-finite to explain (NaN weights, sample positions or
    /// weights, or a NaN off-image mass); `note(for:scan:)` is nil when not.
    static func applies(to field: AttentionField) -> Bool {
        field.statistics.nanCount > 0 || field.offImage.isNaN
            || field.samples.contains { !$0.y.isFinite || !$0.x.isFinite || $0.weight.isNaN }
    }

    /// The note explaining the non-finite parts of `field`, or nil when it has none.
    ///
    /// `scan` is called only when the query's own features are finite and the cause has to be
    /// looked for in the rest of the map.
    func note(for field: AttentionField, scan: () -> MapScan) -> String? {
        let nanWeights = field.statistics.nanCount
        let nanPositions = field.samples.filter { !$0.y.isFinite || !$0.x.isFinite }.count
        let nanSampleWeights = field.samples.filter { $0.weight.isNaN }.count
        guard nanWeights > 0 || nanPositions > 0 || nanSampleWeights > 0 || field.offImage.isNaN else { return nil }

        var parts: [String] = []
        if nanWeights > 0 {
            let all = nanWeights == field.statistics.keysAttended || nanWeights == field.storedWeights.count
            parts.append(all ? "the map is NaN (\(nanWeights) weights)" : "\(nanWeights) weights are NaN")
        }
        if nanSampleWeights > 0 && nanWeights == 0 {
            parts.append("the \(nanSampleWeights) sample weights are NaN")
        }
        if nanPositions > 0 {
            parts.append("\(nanPositions) sample position\(nanPositions == 1 ? " is" : "s are") NaN or infinite: "
                         + "\(nanPositions == 1 ? "it reads" : "they read") zeros and \(nanPositions == 1 ? "its" : "their") "
                         + "mass counts as off-image")
        }
        return "NaN: " + parts.joined(separator: "; ") + " because " + cause(of: field, scan: scan)
    }

    /// The most direct cause found, in words.
    private func cause(of field: AttentionField, scan: () -> MapScan) -> String {
        let u = field.query
        // 1. The features of the query itself.
        var queryNaN = false, queryInfinite = false
        for c in 0..<map.channels {
            let v = map.value(channel: c, row: u.row, col: u.col)
            if v.isNaN { queryNaN = true } else if !v.isFinite { queryInfinite = true }
        }
        let softmax = Mechanisms.descriptor(for: field.mode)?.traits.contains(.softmax) ?? true
        let softmaxIsNaN = field.statistics.nanCount > 0 || field.samples.contains { $0.weight.isNaN }
        let spread = softmax && softmaxIsNaN ? ", and one NaN logit makes the whole softmax NaN (as in PyTorch)" : ""
        if queryNaN { return "the features at the query (\(u.row),\(u.col)) are NaN\(spread)" }
        if queryInfinite {
            return "the features at the query (\(u.row),\(u.col)) are infinite: ∞·0 and ∞ − ∞ are NaN in its logits\(spread)"
        }
        // 2. Loaded tensors the mode reads.
        for (name, nonFinite) in loadedFiles(for: field.mode) where nonFinite > 0 {
            return "\(name) holds \(nonFinite) NaN or infinite value\(nonFinite == 1 ? "" : "s")\(spread)"
        }
        // 3. The rest of the map.
        let found = scan()
        if let first = found.first {
            let kind = found.nanCount > 0 && found.infinityCount > 0 ? "NaN and infinite"
                : found.nanCount > 0 ? "NaN" : "infinite"
            let count = found.nanCount + found.infinityCount
            return "the map holds \(count) \(kind) feature value\(count == 1 ? "" : "s") (\(count == 1 ? "" : "the first ")at "
                + "(\(first.position.row),\(first.position.col)), channel \(first.channel))\(spread)"
        }
        // 4. Nothing non-finite anywhere: the arithmetic overflowed.
        return "the logits overflowed to ±∞ (\(settings.scale.map { "scale \($0)" } ?? "the mode's scale"), T \(settings.temperature)), "
            + "and ∞ − ∞ is NaN in the softmax; try a smaller scale or a larger temperature"
    }

    /// The loaded tensors `mode` reads (its descriptor's `inputs`), with how many non-finite
    /// values each holds.
    private func loadedFiles(for mode: Mode) -> [(name: String, nonFinite: Int)] {
        func count(_ tensor: Tensor) -> Int { tensor.values.reduce(0) { $0 + ($1.isFinite ? 0 : 1) } }
        func count(_ archive: TensorArchive) -> Int { archive.names.compactMap { archive.tensors[$0] }.reduce(0) { $0 + count($1) } }
        let reads = Mechanisms.descriptor(for: mode)?.inputs ?? []
        return AttentionInput.allCases.filter(reads.contains).compactMap { input in
            switch input {
            case .projections: return inputs.projections.map { ("\(input.words) \($0.path)", count($0)) }
            case .relativeBias: return inputs.relativeBias.map { (input.words, count($0)) }
            case .axialTables: return inputs.axialTables.map { ("\(input.words) \($0.path)", count($0)) }
            case .offsets: return inputs.offsets.map { (input.words, count($0)) }
            case .modulation: return inputs.modulation.map { (input.words, count($0)) }
            case .positions: return inputs.positions.map { (input.words, count($0)) }
            case .kernels: return inputs.kernels.map { ("\(input.words) \($0.path)", count($0)) }
            case .prefix: return inputs.prefix.map { (input.words, count($0)) }
            case .attention: return inputs.attention.map { (input.words, count($0)) }
            }
        }
    }
}
