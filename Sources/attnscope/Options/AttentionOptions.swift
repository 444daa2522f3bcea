import ArgumentParser
import Foundation
import Attention
import FeatureMaps

/// The mode, query and every mechanism setting of the command line (the README's "Commands").
///
/// Numeric options parse unconditionally so that negative values work as the next argument
/// (`--offset-range -1`).
struct AttentionOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Logit temperature T (divides content and bias logits; default: 1).")
    var temperature: Float?
    @Option(parsing: .unconditional, help: "Logit scale (default: the mode's, 1/sqrt(d) or 1).")
    var scale: Float?
    @Option(parsing: .unconditional, help: "Projection file with wq, wk (d, C) or (heads, d, C), optional bq, bk.", completion: .tensorArchive)
    var proj: String?
    @Option(parsing: .unconditional, help: "Projection head to use (0-based; default: 0), or mean: the average of every head's map.")
    var head: HeadArgument?

    @Option(parsing: .unconditional, help: "Swin window size M (default: 7).")
    var window: Int?
    @Option(parsing: .unconditional, help: "Swin shift S, in [0, M).")
    var shift: Int?
    @Flag(help: "Swin shifted windows (S = M/2).")
    var shifted = false
    @Option(parsing: .unconditional, help: "Relative position bias: Swin (2M-1)^2 or (heads, (2M-1)^2); neighborhood NATTEN rpb (heads, 2K-1, 2K-1).", completion: .tensorFile)
    var bias: String?
    @Option(help: "Swin window rules: official (also HF transformers), timm or torchvision.")
    var variant: SwinVariant?

    @Option(parsing: .unconditional, help: "Axial: 1 (height pass) or 2 (composed); criss-cross: R >= 1 (default 2).")
    var passes: Int?
    @Option(parsing: .unconditional, help: "Criss-cross residual weight gamma (default: 1).")
    var gamma: Float?
    @Option(parsing: .unconditional, help: "Axial position tables rq, rk, rv.", completion: .tensorArchive)
    var rel: String?

    @Option(parsing: .unconditional, help: "Kernel size K (dcn 3, neighborhood 7, lka 21).")
    var kernel: Int?
    @Option(parsing: .unconditional, help: "Dilation (dcn 1, neighborhood 1; > 1 is DiNAT, lka 3).")
    var dilation: Int?
    @Option(parsing: .unconditional, help: "Offsets: dcn (2K^2, H, W); dat (2, Hk, Wk) raw offset-network output.", completion: .tensorFile)
    var offsets: String?
    @Option(parsing: .unconditional, help: "DCNv2 modulation, (K^2, H, W).", completion: .tensorFile)
    var mask: String?
    @Option(parsing: .unconditional, help: "DAT sampling positions, (Hk, Wk, 2) normalised (y, x).", completion: .tensorFile)
    var positions: String?
    @Option(parsing: .unconditional, help: "LKA depthwise kernels conv0 (C,1,k0,k0) and conv_spatial (C,1,k1,k1).", completion: .tensorArchive)
    var kernels: String?
    @Option(parsing: .unconditional, help: "Group to use when a dumped tensor has a group dimension > 1 (default: 0).")
    var group: Int?
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
    @Option(parsing: .unconditional, help: "DAT synthetic offset-network stride r.")
    var stride: Int?
    @Option(name: .customLong("offset-range"), parsing: .unconditional, help: "DAT offset range factor f (< 0: clamp; default: -1).")
    var offsetRange: Float?
    @Option(parsing: .unconditional,
            help: "Stack L identical layers (window: W-MSA/SW-MSA alternating, neighborhood, dcn, lka); default 1.")
    var layers: Int?

    // Inputs of real blocks (DESIGN.md "Inputs a real block needs").
    @Option(parsing: .unconditional,
            help: "Prefix tokens (class first, then distillation/registers), (P, C): keys of global and lesa's softmax.",
            completion: .tensorFile)
    var prefix: String?
    @Option(parsing: .unconditional,
            help: "The model's own attention probabilities for --mode loaded: (heads, N, N) or (N, N), N = P + H*W, or Swin's (windows, heads, M^2, M^2).",
            completion: .tensorFile)
    var attention: String?

    /// The settings these options describe (validated by the mechanism when it is made).
    var settings: AttentionSettings { settings(over: AttentionSettings()) }

    /// `base` (a bundle's settings, or the defaults) with every option given on the command line
    /// put over it; `--shifted` halves the resulting window.
    func settings(over base: AttentionSettings) -> AttentionSettings {
        var s = base
        if let temperature { s.temperature = temperature }
        if let scale { s.scale = scale }
        if let window { s.window = window }
        if let shift { s.shift = shift } else if shifted { s.shift = s.window / 2 }
        if let variant { s.variant = variant }
        if let passes { s.passes = passes }
        if let gamma { s.gamma = gamma }
        if let kernel { s.kernel = kernel }
        if let dilation { s.dilation = dilation }
        if let stride { s.stride = stride }
        if let offsetRange { s.offsetRange = offsetRange }
        if let head {
            s.head = head.index ?? 0
            s.meanOfHeads = head.index == nil
        }
        if let group { s.group = group }
        if let layers { s.layers = layers }
        return s
    }

    /// Refuses values no mode accepts, naming the option (ArgumentParser runs this before `run`).
    ///
    /// The rules are `SettingsValidation.common`, the ones tours, sessions and keys use too;
    /// mode-specific ones (an even kernel for dcn, three axial passes) are checked by
    /// `check(for:)` where the mode is known. Without `--window`, the window may come from a
    /// bundle, so a shift is checked against it later (`check(_:for:opened:)`).
    func validate() throws {
        if let shift, let window, shift < 0 || shift >= window, window >= 1 {
            throw ValidationError(SettingError(setting: .shift, rule: .below(.window, window), value: .integer(shift)).message(naming: SettingError.flag))
        }
        var s = settings
        if window == nil, let shift { s.window = max(s.window, shift + 1) }
        if let error = SettingsValidation.common(s) { throw ValidationError(error.message(naming: SettingError.flag)) }
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
    /// With an opening `mode` that reads a loaded offsets, mask, positions or kernels file (dcn, dat, lka), the
    /// mechanism is made once too (cheap with a file), so that a misfit or `--group` out of range
    /// is refused before the screen opens.
    func checkInputs(_ inputs: AttentionInputs, for map: FeatureMap, opening mode: Mode? = nil,
                     settings: AttentionSettings? = nil, opened: OpenedMap? = nil) throws {
        let settings = settings ?? self.settings
        if let mode, !inputs.has(mode.descriptor.needs) {
            let missing = AttentionInput.allCases.filter { mode.descriptor.needs.contains($0) && !inputs.has([$0]) }
            throw CommandError("--mode \(mode.name) needs " + missing.map { "\($0.words) (\(Self.option(for: $0)) FILE)" }.joined(separator: " and "))
        }
        if mode.map({ $0.descriptor.inputs.contains(.attention) }) == true {
            do {
                _ = try Mechanisms.make(mode!, map: map, settings: settings, inputs: inputs)
            } catch let error as AttentionError {
                throw commandError(error, opened: opened)
            }
            return
        }
        if settings.meanOfHeads && inputs.projections == nil {
            throw CommandError("--head mean averages the heads of a projection file; load one with --proj")
        }
        if let projections = inputs.projections {
            do {
                let projection = try Projection(archive: projections, head: settings.head, channels: map.channels)
                _ = try PrefixTokens(inputs: inputs, channels: map.channels, projection: projection)
            } catch let error as AttentionError {
                throw commandError(error, opened: opened)
            }
        } else {
            do {
                _ = try PrefixTokens(inputs: inputs, channels: map.channels, projection: nil)
            } catch let error as AttentionError {
                throw commandError(error, opened: opened)
            }
        }
        // A sampling mode that reads a loaded offsets, mask or positions file, or lka its kernels.
        let sampled: Set<AttentionInput> = [.offsets, .modulation, .positions, .kernels]
        let own = mode.map { inputs.inputs(for: $0) } ?? inputs
        let loaded = sampled.filter { input in
            switch input {
            case .offsets: return own.offsets != nil
            case .modulation: return own.modulation != nil
            case .positions: return own.positions != nil
            case .kernels: return own.kernels != nil
            default: return false
            }
        }
        if let mode, !mode.descriptor.inputs.isDisjoint(with: loaded) {
            do {
                _ = try Mechanisms.make(mode, map: map, settings: settings, inputs: own)
            } catch let error as AttentionError {
                throw commandError(error, opened: opened)
            }
        }
    }

    /// The engine's `error` in the command line's words, a tensor that does not fit named by the
    /// option that loaded its file (`--rel rel.npz: no array 'rq' …`).
    ///
    /// With a bundle (`opened`), a tensor the bundle supplied is named by its member
    /// (`s.npz: member 'b1.bias' has shape …`) and a setting it fixed by its key.
    func commandError(_ error: AttentionError, opened: OpenedMap? = nil) -> CommandError {
        if case let .setting(setting) = error { return CommandError(message(for: setting, opened: opened)) }
        if case let .tensorShape(source, _) = error {
            let loaded: [(String, String?)] = [("--proj", proj), ("--bias", bias), ("--rel", rel)]
            if let option = loaded.first(where: { $0.1 == source })?.0 { return CommandError("\(option) \(error)") }
        }
        if let opened, let message = opened.memberMessage(for: error, overridden: overridden) { return CommandError(message) }
        return CommandError(attention: error)
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
        case .kernels: return "--kernels"
        case .prefix: return "--prefix"
        case .attention: return "--attention"
        }
    }

    /// Reads every tensor file the options name, each replacing the slot it fills in `base` (a
    /// bundle's tensors); a problem names the option and the file.
    func loadInputs(over base: AttentionInputs = AttentionInputs()) throws -> AttentionInputs {
        var inputs = base
        if let proj { inputs.projections = try read(proj, option: "--proj") }
        if let bias { inputs.relativeBias = try tensor(bias, option: "--bias", preferring: "bias") }
        if let rel { inputs.axialTables = try read(rel, option: "--rel") }
        if let offsets { inputs.offsets = try tensor(offsets, option: "--offsets", preferring: "offsets") }
        if let mask { inputs.modulation = try tensor(mask, option: "--mask", preferring: "mask") }
        if let positions { inputs.positions = try tensor(positions, option: "--positions", preferring: "positions") }
        if let kernels { inputs.kernels = try read(kernels, option: "--kernels") }
        if let prefix { inputs.prefix = try tensor(prefix, option: "--prefix", preferring: "prefix") }
        if let attention { inputs.attention = try tensor(attention, option: "--attention", preferring: "attention") }
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

    /// The one tensor of `path` for `option`: the one called `name`, else the only one (never
    /// another member of an archive: `--bias` on a bundle without `bias` must not read its
    /// features).
    private func tensor(_ path: String, option: String, preferring name: String) throws -> Tensor {
        let archive = try read(path, option: option)
        if let preferred = archive.tensors[name] { return preferred }
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

extension SwinVariant: ExpressibleByArgument {}

/// `--head`: a 0-based head, or `mean` (every head's map averaged).
struct HeadArgument: ExpressibleByArgument {
    /// The head, nil for the mean.
    let index: Int?

    /// Head `index` (nil: the mean).
    init(index: Int?) { self.index = index }

    init?(argument: String) {
        if argument == "mean" { index = nil; return }
        guard let value = Int(argument.trimmingCharacters(in: .whitespaces)) else { return nil }
        index = value
    }

    var defaultValueDescription: String { index.map(String.init) ?? "mean" }
}

/// `--query`: `R,C` (a 0-based row and column), `token:I` (prefix token I) or `cls` (the class token).
struct QueryArgument: ExpressibleByArgument {
    /// What the query is.
    enum Kind: Equatable {
        /// A grid position.
        case grid(Position)
        /// Prefix token I (0 = the first).
        case token(Int)
        /// The class token.
        case classToken
    }

    let kind: Kind

    init?(argument: String) {
        if argument == "cls" { kind = .classToken; return }
        if argument.hasPrefix("token:") {
            guard let i = Int(argument.dropFirst("token:".count)), i >= 0 else { return nil }
            kind = .token(i)
            return
        }
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let r = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let c = Int(parts[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        kind = .grid(Position(row: r, col: c))
    }

    /// The grid position, nil for a prefix token.
    var position: Position? {
        if case let .grid(p) = kind { return p }
        return nil
    }

    /// Throws a `--query` error unless a grid position lies on `map`.
    func check(in map: FeatureMap) throws {
        guard let q = position else { return }
        guard q.row < 0 || q.row >= map.height || q.col < 0 || q.col >= map.width else { return }
        throw CommandError("--query: \(AttentionError.queryOutsideMap(query: q, height: map.height, width: map.width))")
    }

    /// The prefix token this query names, nil for a grid position; refuses `cls` when the model
    /// has no class token and a token beyond the loaded ones.
    /// A loaded attention tensor without `--prefix` counts its own prefix tokens (N − H·W), so
    /// the mechanism checks the token then.
    func prefixToken(in inputs: AttentionInputs, mode: Mode? = nil) throws -> Int? {
        let count = PrefixTokens.count(in: inputs)
        if count == nil, let mode, mode.descriptor.inputs.contains(.attention), inputs.attention != nil {
            switch kind {
            case .grid: return nil
            case .classToken: return 0
            case let .token(i): return i
            }
        }
        switch kind {
        case .grid: return nil
        case .classToken:
            guard count != nil else { throw CommandError("--query cls: no prefix tokens are loaded (--prefix FILE)") }
            guard let index = inputs.classTokenIndex else {
                throw CommandError("--query cls: this model has no class token (its prefix tokens: \((inputs.prefixNames ?? []).joined(separator: ", ")))")
            }
            return index
        case let .token(i):
            guard let count else { throw CommandError("--query token:\(i): no prefix tokens are loaded (--prefix FILE)") }
            guard i < count else { throw CommandError("--query token:\(i): \(count) prefix token\(count == 1 ? "" : "s") loaded (token:0…token:\(count - 1))") }
            return i
        }
    }

    /// The field of this query under `mode` (a grid position or a prefix token), the engine's
    /// errors in the command line's words.
    func field(_ engine: AttentionEngine, mode: Mode, settings: AttentionSettings, options: AttentionOptions,
               opened: OpenedMap? = nil) throws -> AttentionField {
        let token = try prefixToken(in: engine.inputs, mode: mode)
        do {
            if let token { return try engine.field(mode, prefixToken: token, settings: settings) }
            return try engine.field(mode, at: position!, settings: settings)
        } catch let error as AttentionError {
            throw options.commandError(error, opened: opened)
        }
    }
}
