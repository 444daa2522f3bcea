import Attention
import FeatureMaps

/// The map FILE opens to, with what a bundle fixes: its mode, settings and tensors
/// (`BundleKeys` says which), which the command line's options then override.
struct OpenedMap {
    /// The feature map.
    var map: FeatureMap
    /// The bundle and the block opened, when FILE is one.
    var bundle: BundleFile?
    /// The block of `bundle` that was opened.
    var block: BundleBlock?
    /// The bundle's mode (nil for other files).
    var mode: Mode?
    /// The bundle's settings over the defaults (the defaults for other files).
    var settings = AttentionSettings()
    /// The settings the bundle set.
    var bundleSettings: Set<Setting> = []
    /// The bundle's tensors.
    var inputs = AttentionInputs()
    /// For each slot the bundle filled: its members, plain name → archive name (`bias` → `b1.bias`).
    var members: [AttentionInput: [String: String]] = [:]
    /// What the opening noticed and ignored (settings and members this attnscope does not use).
    var notes: [String] = []

    /// A plain file or scene.
    init(map: FeatureMap) {
        self.map = map
    }

    /// Block `index` of `bundle`, with its mode, settings and tensors applied through `BundleKeys`.
    init(bundle: BundleFile, block index: Int) throws {
        let file = bundle.path
        guard bundle.blocks.indices.contains(index) else {
            let count = bundle.blocks.count
            throw CommandError("--block \(index): \(file) holds \(count == 1 ? "1 block (0)" : "\(count) blocks (0…\(count - 1))")")
        }
        let block = bundle.blocks[index]
        let which = bundle.isMultiBlock ? " block \(index)" : ""
        guard let mode = Mode(rawValue: block.mode) else {
            throw CommandError("\(file): \(BundleFile.descriptionMember)\(which) has mode '\(block.mode)', which this attnscope does not compute (\(Mechanisms.names))")
        }
        map = try bundle.featureMap(of: block)
        self.bundle = bundle
        self.block = block
        self.mode = mode

        var ignored: [String] = []
        for (key, value) in block.settings {
            guard let entry = BundleKeys.settings[key] else {
                if BundleKeys.derivedSettings.contains(key) { continue }
                ignored.append("\(key) \(value.brief)")
                continue
            }
            if let problem = entry.apply(&settings, value) {
                throw CommandError("\(file): \(BundleFile.descriptionMember)\(which) setting '\(key)' \(problem)")
            }
            bundleSettings.insert(entry.setting)
        }

        // The exporter writes the nominal shift (DESIGN.md); on a map no larger than the window
        // every library drops it, as attnscope's window rules do, so it is not refused there.
        if bundleSettings.contains(.shift), settings.shift >= settings.window, min(map.height, map.width) <= settings.window {
            settings.shift = 0
        }

        let archive = bundle.members(of: block)
        var projections: [(String, Tensor)] = [], tables: [(String, Tensor)] = [], kernels: [(String, Tensor)] = []
        var unused: [String] = []
        for name in archive.names {
            guard let tensor = archive.tensors[name] else { continue }
            guard let slot = BundleKeys.members[name] else {
                if !BundleKeys.silent.contains(name) { unused.append(bundle.memberName(name, of: block)) }
                continue
            }
            members[slot.input, default: [:]][name] = bundle.memberName(name, of: block)
            switch slot {
            case .projections: projections.append((name, tensor))
            case .axialTables: tables.append((name, tensor))
            case .kernels: kernels.append((name, tensor))
            case let .tensor(field, _): inputs[keyPath: field] = tensor
            }
        }
        if !projections.isEmpty { inputs.projections = TensorArchive(path: file, entries: projections, format: .npz) }
        if !tables.isEmpty { inputs.axialTables = TensorArchive(path: file, entries: tables, format: .npz) }
        if !kernels.isEmpty { inputs.kernels = TensorArchive(path: file, entries: kernels, format: .npz) }
        inputs.prefixNames = block.prefixTokens

        if !ignored.isEmpty {
            notes.append("note: \(file)\(which): settings this attnscope does not know, ignored: \(ignored.joined(separator: ", "))")
        }
        if !unused.isEmpty {
            notes.append("note: \(file)\(which): members this attnscope does not read: \(FeatureMapError.nameList(unused))")
        }
    }

    /// Writes the notes to stderr (once the command knows it will not fail on this map).
    func printNotes() {
        for note in notes { StandardOutput.note(note) }
    }

    /// The engine's `error` about a tensor the bundle supplied, naming its member; nil when the
    /// error is about something else, or the slot was `overridden` by an option.
    func memberMessage(for error: AttentionError, overridden: Set<AttentionInput>) -> String? {
        guard let bundle else { return nil }
        switch error {
        case let .input(input, problem):
            guard !overridden.contains(input), let names = members[input], names.count == 1, let name = names.first?.value else { return nil }
            return "\(bundle.path): member '\(name)' \(problem)"
        case let .tensorShape(source, problem):
            if source == "--bias", !overridden.contains(.relativeBias), let name = members[.relativeBias]?.first?.value {
                return "\(bundle.path): member '\(name)' \(problem)"
            }
            guard source == bundle.path else { return nil }
            // The archives' messages start with the array's quoted name: `'wq' has shape …`.
            for input in [AttentionInput.projections, .axialTables, .kernels] where !overridden.contains(input) {
                for (plain, stored) in members[input] ?? [:] where problem.hasPrefix("'\(plain)' ") {
                    return "\(bundle.path): member '\(stored)' " + problem.dropFirst(plain.count + 3)
                }
            }
            // A missing array is a missing member of this block: `no array 'wk'` → `no member 'b1.wk'`.
            if problem.hasPrefix("no array '") {
                return "\(bundle.path): no member '\(block?.memberPrefix ?? "")" + problem.dropFirst("no array '".count)
            }
            return "\(bundle.path): \(problem)"
        default:
            return nil
        }
    }
}
