/// A JSON value of a bundle's `attnscope.json`, read by a small strict parser of its own: RFC 8259
/// only (no comments, no trailing commas, no NaN), UTF-8, no key twice in one object, nesting at
/// most `maxDepth` deep, so that a hostile description can neither crash nor exhaust the stack.
///
/// Numbers keep whether they were written as integers (`7`) or not (`7.0`, `1e-3`): a window
/// must be a whole number, and `7.0` is refused as one rather than silently rounded.
public enum BundleJSON: Sendable, Equatable {
    /// An object's members, in the order the text lists them.
    case object([(String, BundleJSON)])
    /// An array.
    case array([BundleJSON])
    /// A string.
    case string(String)
    /// A number written without a fraction or exponent that fits an `Int`.
    case integer(Int)
    /// Any other number.
    case number(Double)
    /// `true` or `false`.
    case boolean(Bool)
    /// `null`.
    case null

    /// The deepest nesting of arrays and objects read.
    public static let maxDepth = 32

    /// Parses `bytes`, refusing anything but one JSON value (surrounding spaces allowed); the
    /// problem is a short phrase with the byte offset, for a one-line message.
    public static func parse(_ bytes: [UInt8]) throws(BundleJSONError) -> BundleJSON {
        var reader = Reader(bytes: bytes)
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.position == bytes.count else { throw reader.failure("text after the JSON value") }
        return value
    }

    /// The member `key` of an object (nil for a missing key or a non-object).
    public subscript(key: String) -> BundleJSON? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The value written back as compact JSON, for messages and `info`.
    public var text: String {
        switch self {
        case let .object(members):
            return "{" + members.map { "\(Self.quoted($0.0)): \($0.1.text)" }.joined(separator: ", ") + "}"
        case let .array(items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        case let .string(text): return Self.quoted(text)
        case let .integer(value): return String(value)
        case let .number(value): return String(value)
        case let .boolean(value): return String(value)
        case .null: return "null"
        }
    }

    /// `text`, cut to 40 characters for a message about a value that may be any size.
    public var brief: String {
        let full = text
        return full.count <= 40 ? full : String(full.prefix(39)) + "…"
    }

    /// What kind of value this is, for messages (`a string`, `an array`).
    public var kind: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .integer: "an integer"
        case .number: "a number"
        case .boolean: "a boolean"
        case .null: "null"
        }
    }

    /// `text` in JSON quotes, control characters escaped (a message stays one line).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f || scalar == "\u{2028}" || scalar == "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Values are equal when they are the same kind with equal contents (object members in order).
    public static func == (lhs: BundleJSON, rhs: BundleJSON) -> Bool {
        switch (lhs, rhs) {
        case let (.object(a), .object(b)): return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.array(a), .array(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.integer(a), .integer(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.boolean(a), .boolean(b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    /// A cursor over the text.
    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        func failure(_ what: String) -> BundleJSONError { BundleJSONError(problem: "\(what) at byte \(position)") }

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func value(depth: Int) throws(BundleJSONError) -> BundleJSON {
            skipSpace()
            guard position < bytes.count else { throw failure("the text ends where a value should be") }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                guard depth < BundleJSON.maxDepth else { throw failure("nesting deeper than \(BundleJSON.maxDepth) levels") }
                return try object(depth: depth + 1)
            case UInt8(ascii: "["):
                guard depth < BundleJSON.maxDepth else { throw failure("nesting deeper than \(BundleJSON.maxDepth) levels") }
                return try array(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try word("true"); return .boolean(true)
            case UInt8(ascii: "f"): try word("false"); return .boolean(false)
            case UInt8(ascii: "n"): try word("null"); return .null
            default: return try number()
            }
        }

        mutating func word(_ text: String) throws(BundleJSONError) {
            let expected = Array(text.utf8)
            guard position + expected.count <= bytes.count, Array(bytes[position ..< position + expected.count]) == expected else {
                throw failure("not a JSON value")
            }
            position += expected.count
        }

        mutating func object(depth: Int) throws(BundleJSONError) -> BundleJSON {
            position += 1
            var members: [(String, BundleJSON)] = []
            var keys = Set<String>()
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object([]) }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("an object key is not a string") }
                let key = try string()
                guard keys.insert(key).inserted else { throw failure("key \(BundleJSON.quoted(key)) appears twice") }
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("':' missing after a key") }
                position += 1
                members.append((key, try value(depth: depth)))
                skipSpace()
                guard position < bytes.count else { throw failure("the text ends inside an object") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
                throw failure("',' or '}' expected")
            }
        }

        mutating func array(depth: Int) throws(BundleJSONError) -> BundleJSON {
            position += 1
            var items: [BundleJSON] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array([]) }
            while true {
                items.append(try value(depth: depth))
                skipSpace()
                guard position < bytes.count else { throw failure("the text ends inside an array") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
                throw failure("',' or ']' expected")
            }
        }

        /// A string, escapes decoded (surrogate pairs joined; a lone surrogate is refused).
        mutating func string() throws(BundleJSONError) -> String {
            position += 1
            var utf8: [UInt8] = []
            while true {
                guard position < bytes.count else { throw failure("the text ends inside a string") }
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "\"") { break }
                if byte < 0x20 { position -= 1; throw failure("a control character inside a string") }
                if byte != UInt8(ascii: "\\") { utf8.append(byte); continue }
                guard position < bytes.count else { throw failure("the text ends inside a string") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800 ..< 0xDC00).contains(scalar) {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                            throw failure("a lone surrogate in a string")
                        }
                        position += 2
                        let low = try hex4()
                        guard (0xDC00 ..< 0xE000).contains(low) else { throw failure("a lone surrogate in a string") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00 ..< 0xE000).contains(scalar) {
                        throw failure("a lone surrogate in a string")
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw failure("a bad \\u escape") }
                    utf8.append(contentsOf: Array(String(Character(unicode)).utf8))
                default: throw failure("a bad escape in a string")
                }
            }
            guard let text = String(validating: utf8, as: UTF8.self) else { throw failure("a string that is not UTF-8") }
            return text
        }

        mutating func hex4() throws(BundleJSONError) -> UInt32 {
            guard position + 4 <= bytes.count,
                  let value = UInt32(String(decoding: bytes[position ..< position + 4], as: UTF8.self), radix: 16),
                  bytes[position ..< position + 4].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") }) else {
                throw failure("a bad \\u escape")
            }
            position += 4
            return value
        }

        /// A number in JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
        mutating func number() throws(BundleJSONError) -> BundleJSON {
            let start = position
            func digits() -> Int {
                let first = position
                while position < bytes.count, (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
                return position - first
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
            let integerStart = position
            let integerDigits = digits()
            guard integerDigits > 0 else { position = start; throw failure("not a JSON value") }
            guard integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { throw failure("a number with a leading zero") }
            var integral = true
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                integral = false
                guard digits() > 0 else { throw failure("a number without digits after '.'") }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                position += 1
                integral = false
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
                guard digits() > 0 else { throw failure("a number without exponent digits") }
            }
            let literal = String(decoding: bytes[start ..< position], as: UTF8.self)
            if integral, let value = Int(literal) { return .integer(value) }
            guard let value = Double(literal), value.isFinite else { throw failure("a number too large for a double") }
            return .number(value)
        }
    }
}

/// Why `attnscope.json` is not JSON: a short phrase with where it went wrong.
public struct BundleJSONError: Error, Equatable {
    /// What is wrong, e.g. `key "mode" appears twice at byte 40`.
    public var problem: String
}
