import ArgumentParser
import Attention
import FeatureMaps

/// How the command line's options meet a bundle's settings and tensors: which options were
/// given (they override the bundle), the checks on the resolved settings, and errors worded by
/// whoever set the value.
extension AttentionOptions {
    /// The settings given on the command line (they override a bundle's).
    var given: Set<Setting> {
        let values: [(Setting, Bool)] = [(.temperature, temperature != nil), (.scale, scale != nil), (.window, window != nil),
                                         (.shift, shift != nil || shifted), (.passes, passes != nil), (.gamma, gamma != nil),
                                         (.kernel, kernel != nil), (.dilation, dilation != nil), (.stride, stride != nil),
                                         (.offsetRange, offsetRange != nil), (.head, head != nil), (.group, group != nil),
                                         (.layers, layers != nil)]
        return Set(values.filter(\.1).map(\.0))
    }

    /// `check(for:)` for a bundle's block: the resolved `settings`, a rule broken by a value the
    /// bundle set named as its `attnscope.json` key, one broken by an option by the option.
    func check(_ settings: AttentionSettings, for mode: Mode, opened: OpenedMap, stackedOnly: Bool = false) throws {
        var s = settings
        if stackedOnly && !mode.descriptor.traits.contains(.stackable) { s.layers = nil }
        if let error = mode.descriptor.validate(s) { throw CommandError(message(for: error, opened: opened)) }
    }

    /// A settings error in the words of whoever set the value: the option, or the bundle.
    func message(for error: SettingError, opened: OpenedMap?) -> String {
        guard let opened, let bundle = opened.bundle, opened.bundleSettings.contains(error.setting),
              !given.contains(error.setting) else { return error.message(naming: SettingError.flag) }
        return "\(bundle.path): \(BundleFile.descriptionMember): " + error.message(naming: SettingError.keyword)
    }

    /// The input slots a tensor option fills (they override a bundle's members).
    var overridden: Set<AttentionInput> {
        let options: [(AttentionInput, String?)] = [(.projections, proj), (.relativeBias, bias), (.axialTables, rel),
                                                    (.offsets, offsets), (.modulation, mask), (.positions, positions),
                                                    (.kernels, kernels), (.prefix, prefix), (.attention, attention)]
        return Set(options.compactMap { $0.1 == nil ? nil : $0.0 })
    }
}

extension Mode {
    /// `mode`, or the usage error ArgumentParser gives for a missing `--mode` (a bundle supplies
    /// its own mode, so the option is optional on the command line).
    static func required(_ mode: Mode?) throws -> Mode {
        guard let mode else { throw ValidationError("Missing expected argument '--mode <mode>'") }
        return mode
    }
}
