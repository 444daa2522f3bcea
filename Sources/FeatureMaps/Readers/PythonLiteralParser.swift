/// A value of the small Python-literal language `.npy` headers are written in.
enum PythonLiteral: Equatable {
    case string(String)
    case integer(Int)
    /// An integer too large for `Int` (or below its minimum).
    case hugeInteger
    case bool(Bool)
    case none
    case tuple([PythonLiteral])
    case dict([(String, PythonLiteral)])

    static func == (lhs: PythonLiteral, rhs: PythonLiteral) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): return a == b
        case let (.integer(a), .integer(b)): return a == b
        case (.hugeInteger, .hugeInteger), (.none, .none): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.tuple(a), .tuple(b)): return a == b
        case let (.dict(a), .dict(b)): return a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        default: return false
        }
    }
}

/// Parses the Python dict literal of a `.npy` header: strings, integers, True/False/None,
/// tuples, lists and dicts, with a nesting limit so hostile input cannot exhaust the stack.
struct PythonLiteralParser {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    private static let maxDepth = 16

    /// Something the parser cannot read.
    struct SyntaxError: Error {}

    /// Creates a parser over `bytes`.
    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Parses one literal followed only by whitespace.
    mutating func parseTopLevel() throws(SyntaxError) -> PythonLiteral {
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard position == bytes.count else { throw SyntaxError() }
        return value
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x0a, 0x0d, 0x09].contains(bytes[position]) { position += 1 }
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func parseValue(depth: Int) throws(SyntaxError) -> PythonLiteral {
        guard depth < Self.maxDepth else { throw SyntaxError() }
        skipWhitespace()
        guard let byte = peek() else { throw SyntaxError() }
        switch byte {
        case UInt8(ascii: "'"), UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "("): return .tuple(try parseSequence(close: UInt8(ascii: ")"), depth: depth))
        case UInt8(ascii: "["): return .tuple(try parseSequence(close: UInt8(ascii: "]"), depth: depth))
        case UInt8(ascii: "{"): return try parseDict(depth: depth)
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0") ... UInt8(ascii: "9"): return try parseInteger()
        default:
            for (word, value) in [("True", PythonLiteral.bool(true)), ("False", .bool(false)), ("None", .none)] {
                let utf8 = Array(word.utf8)
                if bytes.count - position >= utf8.count,
                   zip(utf8, bytes[position ..< position + utf8.count]).allSatisfy({ $0 == $1 }) {
                    position += utf8.count
                    return value
                }
            }
            throw SyntaxError()
        }
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        let quote = bytes[position]
        position += 1
        var content: [UInt8] = []
        while let byte = peek() {
            position += 1
            if byte == quote { return String(decoding: content, as: UTF8.self) }
            if byte == UInt8(ascii: "\\") {
                guard let escaped = peek() else { throw SyntaxError() }
                position += 1
                content.append(escaped)
            } else {
                content.append(byte)
            }
        }
        throw SyntaxError()
    }

    private mutating func parseInteger() throws(SyntaxError) -> PythonLiteral {
        var negative = false
        if let sign = peek(), sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            position += 1
        }
        var value = 0, digits = 0, huge = false
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            position += 1
            digits += 1
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { huge = true } else { value = sum }
        }
        // numpy may write a long suffix ("3L") in files made by Python 2.
        if let suffix = peek(), suffix == UInt8(ascii: "L") { position += 1 }
        guard digits > 0 else { throw SyntaxError() }
        if huge { return .hugeInteger }
        return .integer(negative ? -value : value)
    }

    private mutating func parseSequence(close: UInt8, depth: Int) throws(SyntaxError) -> [PythonLiteral] {
        position += 1
        var items: [PythonLiteral] = []
        while true {
            skipWhitespace()
            guard let byte = peek() else { throw SyntaxError() }
            if byte == close { position += 1; return items }
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard let next = peek() else { throw SyntaxError() }
            if next == UInt8(ascii: ",") { position += 1 } else if next != close { throw SyntaxError() }
        }
    }

    private mutating func parseDict(depth: Int) throws(SyntaxError) -> PythonLiteral {
        position += 1
        var entries: [(String, PythonLiteral)] = []
        while true {
            skipWhitespace()
            guard let byte = peek() else { throw SyntaxError() }
            if byte == UInt8(ascii: "}") { position += 1; return .dict(entries) }
            guard byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") else { throw SyntaxError() }
            let key = try parseString()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw SyntaxError() }
            position += 1
            entries.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            guard let next = peek() else { throw SyntaxError() }
            if next == UInt8(ascii: ",") { position += 1 } else if next != UInt8(ascii: "}") { throw SyntaxError() }
        }
    }
}
