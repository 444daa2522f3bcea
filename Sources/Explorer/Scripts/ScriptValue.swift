import Foundation

/// How a value is spelled in a tour or session line, so that any text (a map path with a newline,
/// spaces at its ends, quotes, backslashes, `#`, any Unicode) reads back exactly as written.
///
/// A value is taken literally (hand-written tours: `caption The query's own cross`) unless it
/// starts with `"`: then it is one double-quoted string, with `\\`, `\"`, `\n`, `\t`, `\r` and
/// `\u{HEX}` escapes, and nothing may follow the closing quote. Session files quote every value
/// that is not plain printable ASCII without spaces at its ends.
enum ScriptValue {
    /// `value` as a line should carry it: as is when that reads back unchanged, else quoted.
    static func spelled(_ value: String) -> String {
        let scalars = value.unicodeScalars
        let plain = !scalars.isEmpty && scalars.first != "\"" && scalars.first != " " && scalars.last != " "
            && scalars.allSatisfy { (0x20...0x7E).contains($0.value) }
        return plain ? value : quoted(value)
    }

    /// `value` in double quotes, escaping `\`, `"` and every character a line could lose or
    /// misread (line breaks, controls, invisible format characters, spaces other than U+0020).
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                let category = scalar.properties.generalCategory
                let invisible = [.control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned].contains(category)
                    || (scalar.properties.isWhitespace && scalar != " ")
                if invisible {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// The text `written` stands for: itself, or the contents of the quoted string it is.
    static func read(_ written: String) -> Result<String, ScriptProblem> {
        var scalars = Substring(written).unicodeScalars[...]
        guard scalars.first == "\"" else { return .success(written) }
        scalars.removeFirst()
        var out = String.UnicodeScalarView()
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\"":
                guard scalars.isEmpty else { return .failure(ScriptProblem("text after the closing quote (a value starting with \" is one quoted string)")) }
                return .success(String(out))
            case "\\":
                guard let escaped = scalars.popFirst() else { break }
                switch escaped {
                case "\\", "\"": out.append(escaped)
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "u":
                    guard scalars.popFirst() == "{", let close = scalars.firstIndex(of: "}") else {
                        return .failure(ScriptProblem("\\u must be followed by {HEX}"))
                    }
                    let hex = String(String.UnicodeScalarView(scalars[..<close]))
                    scalars = scalars[scalars.index(after: close)...]
                    guard hex.count <= 8, let code = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(code) else {
                        return .failure(ScriptProblem("\\u{\(hex)} is not a Unicode scalar"))
                    }
                    out.append(decoded)
                default:
                    return .failure(ScriptProblem("unknown escape \\\(escaped) in a quoted value (known: \\\\ \\\" \\n \\t \\r \\u{HEX})"))
                }
            default:
                out.append(scalar)
            }
        }
        return .failure(ScriptProblem("the quoted value has no closing quote"))
    }
}
