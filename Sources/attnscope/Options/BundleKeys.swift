import Attention
import FeatureMaps

/// What a bundle's `attnscope.json` settings and `.npy` members mean to attnscope: the one table
/// that turns them into `AttentionSettings` fields and `AttentionInputs` slots (docs/bundles.md).
///
/// A new setting or input is one line here. A settings key missing from `settings` is ignored
/// with a notice on stderr (a newer exporter may write keys this attnscope cannot use yet); a
/// member missing from `members` and from `silent` is named in a notice as not used.
enum BundleKeys {
    /// Settings key → the `AttentionSettings` field it sets (the option that overrides it has the
    /// same name).
    static let settings: [String: SettingKey] = [
        "window": .largestOfAxes(\.window, .window),
        "shift": .largestOfAxes(\.shift, .shift),
        "kernel": .optionalInteger(\.kernel, .kernel),
        "dilation": .optionalInteger(\.dilation, .dilation),
        "passes": .optionalInteger(\.passes, .passes),
        "stride": .optionalInteger(\.stride, .stride),
        "scale": .optionalReal(\.scale, .scale),
        "gamma": .real(\.gamma, .gamma),
        "offset_range": .real(\.offsetRange, .offsetRange),
        "variant": .variant,
    ]

    /// Member name → the `AttentionInputs` slot it fills. Archive slots collect every member
    /// listed for them (the projection archive: `wq`, `wk`, `bq`, `bk`).
    static let members: [String: MemberSlot] = [
        "wq": .projections, "wk": .projections, "bq": .projections, "bk": .projections,
        "q_norm_w": .projections, "q_norm_b": .projections, "k_norm_w": .projections, "k_norm_b": .projections,
        "norm_eps": .projections, "logit_scale": .projections,
        "wv": .projections, "bv": .projections,
        "wq2": .projections, "wk2": .projections, "bq2": .projections, "bk2": .projections,
        "rq": .axialTables, "rk": .axialTables, "rv": .axialTables,
        "conv0": .kernels, "conv_spatial": .kernels,
        "prefix": .tensor(\.prefix, .prefix),
        "bias": .tensor(\.relativeBias, .relativeBias),
        "offsets": .tensor(\.offsets, .offsets),
        "mask": .tensor(\.modulation, .modulation),
        "positions": .tensor(\.positions, .positions),
        "attention": .tensor(\.attention, .attention),
    ]

    /// Members read by the opening itself (`features` is the map, `image` its picture) or kept
    /// only for checking an export (`input`): no notice for them. The model's own `attention`
    /// feeds `--mode loaded`.
    static let silent: Set<String> = ["features", "image", "input"]

    /// Settings keys that describe what the tensors already say (DAT's `groups`: the group
    /// dimension of its offsets and positions): read for `info`, no notice.
    static let derivedSettings: Set<String> = ["groups"]
}

/// How one settings value is applied.
struct SettingKey: Sendable {
    /// The field's setting, for messages and for knowing which option overrides it.
    let setting: Setting
    /// Writes the value into the settings, or says in a phrase why it cannot.
    let apply: @Sendable (inout AttentionSettings, BundleSetting) -> String?

    /// A Swin window or shift: `[h, w]` as the largest of the two. The libraries store a window
    /// already shrunk on a short axis (timm: 5×7 on a 5×10 stage) and a shift dropped there; the
    /// window rules of the bundle's variant shrink and drop exactly so from the largest value.
    static func largestOfAxes(_ field: WritableKeyPath<AttentionSettings, Int> & Sendable, _ setting: Setting) -> SettingKey {
        SettingKey(setting: setting) { settings, value in
            switch value {
            case let .integer(number): settings[keyPath: field] = number; return nil
            case let .pair(h, w): settings[keyPath: field] = max(h, w); return nil
            default: return "is \(value.brief); expected an integer or [h, w]"
            }
        }
    }

    /// An optional whole-number field.
    static func optionalInteger(_ field: WritableKeyPath<AttentionSettings, Int?> & Sendable, _ setting: Setting) -> SettingKey {
        SettingKey(setting: setting) { settings, value in
            switch wholeNumber(value) {
            case .success(let number): settings[keyPath: field] = number; return nil
            case .failure(let problem): return problem.text
            }
        }
    }

    /// A real-number field.
    static func real(_ field: WritableKeyPath<AttentionSettings, Float> & Sendable, _ setting: Setting) -> SettingKey {
        SettingKey(setting: setting) { settings, value in
            guard let number = realNumber(value) else { return "is \(value.brief); expected a number" }
            settings[keyPath: field] = number
            return nil
        }
    }

    /// An optional real-number field.
    static func optionalReal(_ field: WritableKeyPath<AttentionSettings, Float?> & Sendable, _ setting: Setting) -> SettingKey {
        SettingKey(setting: setting) { settings, value in
            guard let number = realNumber(value) else { return "is \(value.brief); expected a number" }
            settings[keyPath: field] = number
            return nil
        }
    }

    /// Swin's window rules (`official`, `timm`, `torchvision`).
    static let variant = SettingKey(setting: .window) { settings, value in  // the window rules go with the window
        guard case let .text(name) = value, let variant = SwinVariant(rawValue: name) else {
            return "is \(value.brief); expected one of \(SwinVariant.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))"
        }
        settings.variant = variant
        return nil
    }

    /// Why a value is not one whole number.
    struct Problem: Error {
        let text: String
    }

    /// An integer, or an `[h, w]` pair with h = w (attnscope keeps one value for both axes).
    private static func wholeNumber(_ value: BundleSetting) -> Result<Int, Problem> {
        switch value {
        case let .integer(number): return .success(number)
        case let .pair(h, w) where h == w: return .success(h)
        case let .pair(h, w):
            return .failure(Problem(text: "is [\(h), \(w)]: attnscope has one value for both axes, and per-axis values that differ are not supported yet"))
        default:
            return .failure(Problem(text: "is \(value.brief); expected an integer or [h, w]"))
        }
    }

    /// A number (an integer counts), finite as Float.
    private static func realNumber(_ value: BundleSetting) -> Float? {
        switch value {
        case let .integer(number): return Float(number)
        case let .number(number): return Float(number).isFinite ? Float(number) : nil
        default: return nil
        }
    }
}

/// Which `AttentionInputs` slot a member fills.
enum MemberSlot: Sendable {
    /// Part of the projection archive (`AttentionInputs.projections`).
    case projections
    /// Part of the axial position tables (`AttentionInputs.axialTables`).
    case axialTables
    /// Part of lka's kernels (`AttentionInputs.kernels`: `conv0`, `conv_spatial`).
    case kernels
    /// A single-tensor slot.
    case tensor(WritableKeyPath<AttentionInputs, Tensor?> & Sendable, AttentionInput)

    /// The input the mechanisms name in their errors.
    var input: AttentionInput {
        switch self {
        case .projections: .projections
        case .axialTables: .axialTables
        case .kernels: .kernels
        case let .tensor(_, input): input
        }
    }
}
