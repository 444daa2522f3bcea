import Foundation

/// JSON literals for the documents attnscope writes by hand (`weights` JSON, asciicast lines).
///
/// Written by hand rather than with `JSONEncoder` to control the number spelling (shortest
/// round-trip digits, one weight row per line) and to stream large documents.
public enum JSONLiteral {
    /// A JSON string literal with quotes, backslashes and control characters (and DEL) escaped.
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A Float as JSON: its exact value in shortest round-trip Double digits, `null` when not finite.
    public static func number(_ value: Float) -> String {
        value.isFinite ? "\(Double(value))" : "null"
    }

    /// A Double as JSON: shortest round-trip digits, `null` when not finite.
    public static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "null"
    }
}
