/// The header of a `.npy` file: dtype, memory order and shape, parsed from its Python-literal dict.
struct NPYHeader {
    /// The magic string every `.npy` file starts with.
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// The element type.
    var type: ElementType
    /// Whether the data is stored in Fortran (column-major) order.
    var fortranOrder: Bool
    /// The shape.
    var shape: [Int]
    /// The offset of the first data byte.
    var dataOffset: Int

    /// The length of the whole header (preamble included) that `prefix` begins, nil while
    /// `prefix` is too short to tell, 0 when it is no `.npy` header at all (`parse` says why).
    static func length(ofPrefix prefix: [UInt8]) -> Int? {
        guard zip(magic, prefix).allSatisfy({ $0 == $1 }) else { return 0 }
        guard prefix.count >= 8 else { return nil }
        let lengthBytes: Int
        switch prefix[6] {
        case 1: lengthBytes = 2
        case 2, 3: lengthBytes = 4
        default: return 0
        }
        guard prefix.count >= 8 + lengthBytes else { return nil }
        var headerLength = 0
        for index in 0 ..< lengthBytes { headerLength |= Int(prefix[8 + index]) << (8 * index) }
        return 8 + lengthBytes + headerLength
    }

    /// Parses the header at the start of `bytes`; `problem` strings are user-facing.
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(ReadProblem) -> NPYHeader {
        guard bytes.count >= 6, zip(magic, bytes.prefix(6)).allSatisfy({ $0 == $1 }) else {
            throw ReadProblem("is not a .npy file (no \\x93NUMPY magic)")
        }
        guard bytes.count >= 10 else { throw ReadProblem("is truncated inside the .npy header") }
        let major = bytes[6], minor = bytes[7]
        let lengthBytes: Int
        switch major {
        case 1: lengthBytes = 2
        case 2, 3: lengthBytes = 4
        default: throw ReadProblem("has unsupported .npy format version \(major).\(minor) (1, 2 and 3 are supported)")
        }
        guard bytes.count >= 8 + lengthBytes else { throw ReadProblem("is truncated inside the .npy header") }
        var headerLength = 0
        for index in 0 ..< lengthBytes { headerLength |= Int(bytes[8 + index]) << (8 * index) }
        let start = 8 + lengthBytes
        guard headerLength <= bytes.count - start else {
            throw ReadProblem("is truncated: the .npy header claims \(headerLength) bytes but the file has \(bytes.count - start) after the preamble")
        }
        let text = UnsafeRawBufferPointer(rebasing: bytes[start ..< start + headerLength])
        var parser = PythonLiteralParser(text)
        guard case .dict(let entries)? = try? parser.parseTopLevel() else {
            throw ReadProblem("has an unreadable .npy header (not a Python dict literal)")
        }
        var fields: [String: PythonLiteral] = [:]
        for (key, value) in entries { fields[key] = value }

        guard let descrValue = fields["descr"] else { throw ReadProblem("has a .npy header without 'descr'") }
        let type: ElementType
        switch descrValue {
        case .string(let descr):
            if descr.dropFirst().hasPrefix("O") || descr == "O" {
                throw ReadProblem("holds Python objects (dtype '\(descr)'); pickled object arrays are not supported")
            }
            guard let parsed = ElementType(numpy: descr) else {
                throw ReadProblem("has unsupported dtype '\(descr)' (supported: f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1)")
            }
            type = parsed
        default:
            throw ReadProblem("has a structured dtype, which is not supported (one numeric dtype per array)")
        }
        guard case .bool(let fortran)? = fields["fortran_order"] else {
            throw ReadProblem("has a .npy header without a True/False 'fortran_order'")
        }
        guard case .tuple(let items)? = fields["shape"] else {
            throw ReadProblem("has a .npy header without a 'shape' tuple")
        }
        var shape: [Int] = []
        for item in items {
            switch item {
            case .integer(let value): shape.append(value)
            case .hugeInteger: throw ReadProblem("has an absurd dimension in its shape (too large to represent)")
            default: throw ReadProblem("has a non-integer dimension in its shape")
            }
        }
        return NPYHeader(type: type, fortranOrder: fortran, shape: shape, dataOffset: start + headerLength)
    }
}
