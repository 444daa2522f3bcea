/// The JSON header of a `.safetensors` file, parsed by a small reader of its own: one entry per
/// tensor, nothing else built, so that a huge header costs little more than its bytes, and a
/// header listing too many tensors is refused as soon as the count passes the limit.
struct SafetensorsHeader {
    /// One tensor as the header lists it (fields missing from the header are nil).
    struct Entry {
        var name: String
        var dtype: String?
        var shape: [Int]?
        var offsets: [Int]?
        /// Whether `shape` / `data_offsets` were present but not lists of non-negative integers.
        var badShape = false, badOffsets = false
    }

    /// The most tensors one header may list (model checkpoints hold a few thousand).
    static let maxTensors = 65_536

    /// The tensors, in header order (`__metadata__` skipped).
    private(set) var entries: [Entry] = []

    /// Parses `bytes`, the header's JSON text.
    init(_ bytes: UnsafeRawBufferPointer) throws(ReadProblem) {
        var reader = Reader(bytes: bytes)
        var seen = Set<String>()
        var refusal: ReadProblem?
        do throws(Reader.Malformed) {
            try reader.expect(UInt8(ascii: "{"))
            if !reader.take(UInt8(ascii: "}")) {
                repeat {
                    let name = try reader.string()
                    try reader.expect(UInt8(ascii: ":"))
                    if name == "__metadata__" {
                        guard try reader.skipMetadata() else {
                            refusal = ReadProblem("has a __metadata__ that is not a map of strings to strings (invalid metadata)")
                            throw Reader.Malformed()
                        }
                        continue
                    }
                    guard entries.count < Self.maxTensors else {
                        refusal = ReadProblem("lists more than \(Self.maxTensors) tensors in its header, over the limit")
                        throw Reader.Malformed()
                    }
                    guard seen.insert(name).inserted else {
                        refusal = ReadProblem("tensor '\(name)' appears twice in the header")
                        throw Reader.Malformed()
                    }
                    entries.append(try reader.entry(named: name))
                } while reader.take(UInt8(ascii: ","))
                try reader.expect(UInt8(ascii: "}"))
            }
            reader.skipSpace()
            guard reader.atEnd else { throw Reader.Malformed() }
        } catch {
            throw refusal ?? ReadProblem("has an unreadable .safetensors header (not a JSON object)")
        }
    }

    /// A cursor over JSON bytes.
    private struct Reader {
        /// The text is not JSON of the expected shape.
        struct Malformed: Error {}

        let bytes: UnsafeRawBufferPointer
        var position = 0

        var atEnd: Bool { position >= bytes.count }

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        /// Consumes `byte` (after spaces) if it is next.
        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func expect(_ byte: UInt8) throws(Malformed) {
            guard take(byte) else { throw Malformed() }
        }

        /// A JSON string, escapes decoded.
        mutating func string() throws(Malformed) -> String {
            var utf8: [UInt8]? = []
            try scanString(into: &utf8)
            guard let text = String(validating: utf8 ?? [], as: UTF8.self) else { throw Malformed() }
            return text
        }

        /// Checks a JSON string and moves past it without keeping it: a `__metadata__` value
        /// may take most of a 16 MiB header, and a copy of it would double what the file costs.
        mutating func skipString() throws(Malformed) {
            var nothing: [UInt8]? = nil
            try scanString(into: &nothing)
        }

        /// Reads a JSON string, appending its decoded UTF-8 bytes to `utf8` when there is one;
        /// without, the unescaped runs are checked to be UTF-8 where they lie.
        private mutating func scanString(into utf8: inout [UInt8]?) throws(Malformed) {
            try expect(UInt8(ascii: "\""))
            var run = position  // start of the bytes copied without escapes
            var ascii = true     // whether the run so far needs no UTF-8 check
            while true {
                guard position < bytes.count else { throw Malformed() }
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") { break }
                if byte < 0x20 { throw Malformed() }
                if byte >= 0x80 { ascii = false }
                if byte != UInt8(ascii: "\\") { position += 1; continue }
                try keep(run ..< position, ascii: ascii, in: &utf8)
                ascii = true
                position += 1
                guard position < bytes.count else { throw Malformed() }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8?.append(escape)
                case UInt8(ascii: "b"): utf8?.append(0x08)
                case UInt8(ascii: "f"): utf8?.append(0x0C)
                case UInt8(ascii: "n"): utf8?.append(0x0A)
                case UInt8(ascii: "r"): utf8?.append(0x0D)
                case UInt8(ascii: "t"): utf8?.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard take(UInt8(ascii: "\\")), position < bytes.count, bytes[position] == UInt8(ascii: "u") else { throw Malformed() }
                        position += 1
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw Malformed() }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw Malformed() }
                    utf8?.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: throw Malformed()
                }
                run = position
            }
            try keep(run ..< position, ascii: ascii, in: &utf8)
            position += 1
        }

        /// Appends the raw bytes in `range` to `utf8`, or, with nowhere to put them, checks that
        /// they are UTF-8 unless they are all `ascii` (escapes are ASCII, so the runs between
        /// them are whole sequences).
        private func keep(_ range: Range<Int>, ascii: Bool, in utf8: inout [UInt8]?) throws(Malformed) {
            if utf8 != nil {
                utf8!.append(contentsOf: bytes[range])
                return
            }
            if ascii { return }
            var iterator = bytes[range].makeIterator()
            var decoder = Unicode.UTF8()
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: continue
                case .emptyInput: return
                case .error: throw Malformed()
                }
            }
        }

        private mutating func hex4() throws(Malformed) -> UInt32 {
            guard position + 4 <= bytes.count else { throw Malformed() }
            var value: UInt32 = 0
            for _ in 0 ..< 4 {
                guard let digit = UInt32(String(UnicodeScalar(bytes[position])), radix: 16) else { throw Malformed() }
                value = value << 4 | digit
                position += 1
            }
            return value
        }

        /// A JSON number, returned as an Int when it is an integer that fits.
        mutating func number() throws(Malformed) -> Int? {
            skipSpace()
            let start = position
            while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
            guard position > start else { throw Malformed() }
            let text = String(decoding: bytes[start ..< position], as: UTF8.self)
            guard Double(text) != nil else { throw Malformed() }
            let digits = text.hasPrefix("-") ? text.utf8.dropFirst() : text.utf8[...]
            return !digits.isEmpty && digits.allSatisfy({ (0x30...0x39).contains($0) }) ? Int(text) : nil
        }

        /// A list of integers, or nil when it holds anything else.
        mutating func integers() throws(Malformed) -> [Int]? {
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "[") else {
                try skipValue(depth: 0)
                return nil
            }
            position += 1
            var values: [Int] = []
            var valid = true
            if take(UInt8(ascii: "]")) { return values }
            repeat {
                skipSpace()
                if position < bytes.count, "-0123456789".utf8.contains(bytes[position]) {
                    if let value = try number() { values.append(value) } else { valid = false }
                } else {
                    try skipValue(depth: 1)
                    valid = false
                }
            } while take(UInt8(ascii: ","))
            try expect(UInt8(ascii: "]"))
            return valid ? values : nil
        }

        /// One tensor's object: dtype, shape, data_offsets (other keys skipped).
        mutating func entry(named name: String) throws(Malformed) -> Entry {
            var entry = Entry(name: name)
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else {
                try skipValue(depth: 1)
                return entry
            }
            position += 1
            if take(UInt8(ascii: "}")) { return entry }
            repeat {
                let key = try string()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                switch key {
                case "dtype":
                    if position < bytes.count, bytes[position] == UInt8(ascii: "\"") { entry.dtype = try string() } else { try skipValue(depth: 1) }
                case "shape":
                    entry.shape = try integers()
                    entry.badShape = entry.shape == nil
                case "data_offsets":
                    entry.offsets = try integers()
                    entry.badOffsets = entry.offsets == nil
                default:
                    try skipValue(depth: 1)
                }
            } while take(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"))
            return entry
        }

        /// Skips `__metadata__`'s value, and says whether it is what the reference library
        /// accepts: null, or an object whose values are all strings.
        mutating func skipMetadata() throws(Malformed) -> Bool {
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "n") {
                try literal("null")
                return true
            }
            guard take(UInt8(ascii: "{")) else { try skipValue(depth: 0); return false }
            if take(UInt8(ascii: "}")) { return true }
            var strings = true
            repeat {
                try skipString()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "\"") { try skipString() } else {
                    try skipValue(depth: 1)
                    strings = false
                }
            } while take(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"))
            return strings
        }

        /// Skips any JSON value (nesting limited, so that a hostile header cannot exhaust the stack).
        mutating func skipValue(depth: Int) throws(Malformed) {
            guard depth < 64 else { throw Malformed() }
            skipSpace()
            guard position < bytes.count else { throw Malformed() }
            switch bytes[position] {
            case UInt8(ascii: "\""): try skipString()
            case UInt8(ascii: "{"):
                position += 1
                if take(UInt8(ascii: "}")) { return }
                repeat {
                    try skipString()
                    try expect(UInt8(ascii: ":"))
                    try skipValue(depth: depth + 1)
                } while take(UInt8(ascii: ","))
                try expect(UInt8(ascii: "}"))
            case UInt8(ascii: "["):
                position += 1
                if take(UInt8(ascii: "]")) { return }
                repeat { try skipValue(depth: depth + 1) } while take(UInt8(ascii: ","))
                try expect(UInt8(ascii: "]"))
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: _ = try number()
            }
        }

        private mutating func literal(_ word: String) throws(Malformed) {
            let utf8 = Array(word.utf8)
            guard position + utf8.count <= bytes.count, Array(bytes[position ..< position + utf8.count]) == utf8 else { throw Malformed() }
            position += utf8.count
        }
    }
}
