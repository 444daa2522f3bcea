import ArgumentParser
import Foundation
import Attention
import FeatureMaps

/// The mode, query and every mechanism setting of the command line (the README's "Commands").
///
/// Numeric options parse unconditionally so that negative values work as the next argument
/// (`--offset-range -1`).
struct AttentionOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Logit temperature T (divides content and bias logits).")
    var temperature: Float = 1
    @Option(parsing: .unconditional, help: "Logit scale (default: the mode's, 1/sqrt(d) or 1).")
    var scale: Float?
    @Option(parsing: .unconditional, help: "Projection file with wq, wk (d, C) or (heads, d, C), optional bq, bk.", completion: .tensorArchive)
    var proj: String?
    @Option(parsing: .unconditional, help: "Projection head to use.")
    var head: Int = 0

    @Option(parsing: .unconditional, help: "Swin window size M.")
    var window: Int = 7
    @Option(parsing: .unconditional, help: "Swin shift S, in [0, M).")
    var shift: Int?
    @Flag(help: "Swin shifted windows (S = M/2).")
    var shifted = false
    @Option(parsing: .unconditional, help: "Swin relative position bias table, (2M-1)^2 or (heads, (2M-1)^2).", completion: .tensorFile)
    var bias: String?

    @Option(parsing: .unconditional, help: "Axial: 1 (height pass) or 2 (composed); criss-cross: R >= 1 (default 2).")
    var passes: Int?
    @Option(parsing: .unconditional, help: "Criss-cross residual weight gamma.")
    var gamma: Float = 1
    @Option(parsing: .unconditional, help: "Axial position tables rq, rk, rv.", completion: .tensorArchive)
    var rel: String?

    @Option(parsing: .unconditional, help: "Kernel size K (dcn 3, neighborhood 7, lka 21).")
    var kernel: Int?
    @Option(parsing: .unconditional, help: "Dilation (dcn 1, lka 3).")
    var dilation: Int?
    @Option(parsing: .unconditional, help: "Offsets: dcn (2K^2, H, W); dat (2, Hk, Wk) raw offset-network output.", completion: .tensorFile)
    var offsets: String?
    @Option(parsing: .unconditional, help: "DCNv2 modulation, (K^2, H, W).", completion: .tensorFile)
    var mask: String?
    @Option(parsing: .unconditional, help: "DAT sampling positions, (Hk, Wk, 2) normalised (y, x).", completion: .tensorFile)
    var positions: String?
    @Option(name: .customLong("dcn-offsets"), parsing: .unconditional,
            help: "DCN's own offsets (2K^2, H, W), in place of --offsets for dcn (compare DCN and DAT).", completion: .tensorFile)
    var dcnOffsets: String?
    @Option(name: .customLong("dcn-mask"), parsing: .unconditional, help: "DCN's own modulation (K^2, H, W), in place of --mask.",
            completion: .tensorFile)
    var dcnMask: String?
    @Option(name: .customLong("dat-offsets"), parsing: .unconditional,
            help: "DAT's own raw offsets (2, Hk, Wk), in place of --offsets for dat.", completion: .tensorFile)
    var datOffsets: String?
    @Option(name: .customLong("dat-positions"), parsing: .unconditional,
            help: "DAT's own sampling positions (Hk, Wk, 2), in place of --positions.", completion: .tensorFile)
    var datPositions: String?
    @Option(parsing: .unconditional, help: "Group to use when a dumped tensor has a group dimension > 1.")
    var group: Int = 0
    @Option(parsing: .unconditional, help: "DAT synthetic offset-network stride r.")
    var stride: Int?
    @Option(name: .customLong("offset-range"), parsing: .unconditional, help: "DAT offset range factor f (< 0: clamp).")
    var offsetRange: Float = -1
    @Option(parsing: .unconditional,
            help: "Stack L identical layers (window: W-MSA/SW-MSA alternating, neighborhood, dcn, lka); default 1.")
    var layers: Int?

    /// The settings these options describe (validated by the mechanism when it is made).
    var settings: AttentionSettings {
        var s = AttentionSettings()
        s.temperature = temperature
        s.scale = scale
        s.window = window
        s.shift = shift ?? (shifted ? window / 2 : 0)
        s.passes = passes
        s.gamma = gamma
        s.kernel = kernel
        s.dilation = dilation
        s.stride = stride
        s.offsetRange = offsetRange
        s.head = head
        s.group = group
        s.layers = layers
        return s
    }

    /// Refuses values no mode accepts, naming the option (ArgumentParser runs this before `run`).
    ///
    /// The rules are `SettingsValidation.common`, the ones tours, sessions and keys use too;
    /// mode-specific ones (an even kernel for dcn, three axial passes) are checked by
    /// `check(for:)` where the mode is known.
    func validate() throws {
        if let shift, shift < 0 || shift >= window, window >= 1 {
            throw ValidationError(SettingError(setting: .shift, rule: .below(.window, window), value: .integer(shift)).message(naming: SettingError.flag))
        }
        if let error = SettingsValidation.common(settings) { throw ValidationError(error.message(naming: SettingError.flag)) }
    }

    /// Refuses settings `mode` cannot use, with the option names (the descriptor's rules). A
    /// mode that cannot stack layers ignores `--layers` in the explorer (`stackedOnly`).
    func check(for mode: Mode, stackedOnly: Bool = false) throws {
        var s = settings
        if stackedOnly && !mode.descriptor.traits.contains(.stackable) { s.layers = nil }
        if let error = mode.descriptor.validate(s) { throw ValidationError(error.message(naming: SettingError.flag)) }
    }

    /// Checks the loaded tensors every mode shares against `map` (the projection head), so that
    /// the explorer refuses them before it opens instead of showing the error in every mode.
    ///
    /// With an opening `mode` that reads a loaded offsets, mask or positions file (dcn, dat), the
    /// mechanism is made once too (cheap with a file), so that a misfit or `--group` out of range
    /// is refused before the screen opens.
    func checkInputs(_ inputs: AttentionInputs, for map: FeatureMap, opening mode: Mode? = nil) throws {
        if let projections = inputs.projections {
            do {
                _ = try Projection(archive: projections, head: head, channels: map.channels)
            } catch let error as AttentionError {
                throw commandError(error)
            }
        }
        // A sampling mode that reads a loaded offsets, mask or positions file.
        let sampled: Set<AttentionInput> = [.offsets, .modulation, .positions]
        let own = mode.map { inputs.inputs(for: $0) } ?? inputs
        let loaded = sampled.filter { input in
            switch input {
            case .offsets: return own.offsets != nil
            case .modulation: return own.modulation != nil
            case .positions: return own.positions != nil
            default: return false
            }
        }
        if let mode, !mode.descriptor.inputs.isDisjoint(with: loaded) {
            do {
                _ = try Mechanisms.make(mode, map: map, settings: settings, inputs: own)
            } catch let error as AttentionError {
                throw commandError(error)
            }
        }
    }

    /// The engine's `error` in the command line's words, a tensor that does not fit named by the
    /// option that loaded its file (`--rel rel.npz: no array 'rq' …`).
    func commandError(_ error: AttentionError) -> CommandError {
        guard case let .tensorShape(source, _) = error else { return CommandError(attention: error) }
        let loaded: [(String, String?)] = [("--proj", proj), ("--bias", bias), ("--rel", rel)]
        guard let option = loaded.first(where: { $0.1 == source })?.0 else { return CommandError(attention: error) }
        return CommandError("\(option) \(error)")
    }

    /// The option that loads `input` (`--offsets`), for the engine's errors about it.
    static func option(for input: AttentionInput) -> String {
        switch input {
        case .projections: return "--proj"
        case .relativeBias: return "--bias"
        case .axialTables: return "--rel"
        case .offsets: return "--offsets"
        case .modulation: return "--mask"
        case .positions: return "--positions"
        }
    }

    /// Reads every tensor file the options name; a problem names the option and the file.
    func loadInputs() throws -> AttentionInputs {
        var inputs = AttentionInputs()
        if let proj { inputs.projections = try read(proj, option: "--proj") }
        if let bias { inputs.relativeBias = try tensor(bias, option: "--bias", preferring: "bias") }
        if let rel { inputs.axialTables = try read(rel, option: "--rel") }
        if let offsets { inputs.offsets = try tensor(offsets, option: "--offsets", preferring: "offsets") }
        if let mask { inputs.modulation = try tensor(mask, option: "--mask", preferring: "mask") }
        if let positions { inputs.positions = try tensor(positions, option: "--positions", preferring: "positions") }
        var dcn = AttentionInputs(), dat = AttentionInputs()
        if let dcnOffsets { dcn.offsets = try tensor(dcnOffsets, option: "--dcn-offsets", preferring: "offsets") }
        if let dcnMask { dcn.modulation = try tensor(dcnMask, option: "--dcn-mask", preferring: "mask") }
        if let datOffsets { dat.offsets = try tensor(datOffsets, option: "--dat-offsets", preferring: "offsets") }
        if let datPositions { dat.positions = try tensor(datPositions, option: "--dat-positions", preferring: "positions") }
        if !dcn.isEmpty { inputs.perMode[.dcn] = dcn }
        if !dat.isEmpty { inputs.perMode[.dat] = dat }
        return inputs
    }

    /// Reads `path` for `option`, prefixing any problem with the option's name.
    private func read(_ path: String, option: String) throws -> TensorArchive {
        do {
            return try TensorFiles.read(path)
        } catch let error as FeatureMapError {
            throw CommandError("\(option) \(error)")
        }
    }

    /// The one tensor of `path` for `option`: the only one, or the one called `name` (or
    /// `features`).
    private func tensor(_ path: String, option: String, preferring name: String) throws -> Tensor {
        let archive = try read(path, option: option)
        if let preferred = archive.tensors[name] ?? archive.tensors["features"] { return preferred }
        guard archive.names.count == 1, let only = archive.tensors[archive.names[0]] else {
            throw CommandError("\(option) \(path): several arrays and none is called '\(name)' (\(FeatureMapError.nameList(archive.names)))")
        }
        return only
    }
}

extension Mode: ExpressibleByArgument {
    /// A registered mode's name (`--mode criss-cross`).
    public init?(argument: String) { self.init(rawValue: argument) }

    /// Every registered mode, for `--help` and completions.
    public static var allValueStrings: [String] { Mode.allCases.map(\.name) }
}

/// `R,C`: a 0-based row and column.
struct QueryArgument: ExpressibleByArgument {
    let position: Position

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let r = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let c = Int(parts[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        position = Position(row: r, col: c)
    }

    /// Throws a `--query` error unless the position lies on `map`.
    func check(in map: FeatureMap) throws {
        let q = position
        guard q.row < 0 || q.row >= map.height || q.col < 0 || q.col >= map.width else { return }
        throw CommandError("--query: \(AttentionError.queryOutsideMap(query: q, height: map.height, width: map.width))")
    }
}
