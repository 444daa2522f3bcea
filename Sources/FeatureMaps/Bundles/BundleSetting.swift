/// One entry of a block's `settings` in `attnscope.json`, typed: the exporter writes an int, or
/// `[h, w]` where the library keeps one value per axis, a number for a scale, a word for a variant.
public enum BundleSetting: Sendable, Equatable {
    /// A whole number (`"window": 7`).
    case integer(Int)
    /// One whole number per axis, rows first (`"window": [7, 7]`).
    case pair(Int, Int)
    /// Any other number (`"scale": 0.125`).
    case number(Double)
    /// A string (`"variant": "timm"`).
    case text(String)
    /// Anything else, kept as read (a setting this attnscope may not know yet).
    case other(BundleJSON)

    /// The typed value of `json`.
    init(_ json: BundleJSON) {
        switch json {
        case let .integer(value): self = .integer(value)
        case let .number(value): self = .number(value)
        case let .string(value): self = .text(value)
        case let .array(items):
            if items.count == 2, case let .integer(h) = items[0], case let .integer(w) = items[1] {
                self = .pair(h, w)
            } else {
                self = .other(json)
            }
        default: self = .other(json)
        }
    }

    /// The value as `attnscope.json` writes it (`7`, `[7, 7]`, `"timm"`).
    public var text: String {
        switch self {
        case let .integer(value): String(value)
        case let .pair(h, w): "[\(h), \(w)]"
        case let .number(value): String(value)
        case let .text(value): BundleJSON.quoted(value)
        case let .other(json): json.text
        }
    }

    /// `text` cut to 40 characters, for a message about a value that may be any size.
    public var brief: String {
        let full = text
        return full.count <= 40 ? full : String(full.prefix(39)) + "…"
    }
}
