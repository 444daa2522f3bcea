/// A tensor element type the readers can decode, with its byte order.
///
/// Covers NumPy's `f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1` and safetensors' `BF16`.
struct ElementType: Equatable, Sendable {
    /// What the bits of one element mean.
    enum Kind: Sendable {
        case float, bfloat, signed, unsigned, bool
    }

    /// What the bits mean.
    var kind: Kind
    /// Bytes per element.
    var size: Int
    /// Whether multi-byte elements are stored most significant byte first.
    var bigEndian: Bool

    /// The dtype in NumPy's spelling: `f4`, `u1`, `b1`, `bf16`; big-endian types get a `>` prefix.
    var name: String {
        let base: String
        switch kind {
        case .float: base = "f\(size)"
        case .bfloat: base = "bf16"
        case .signed: base = "i\(size)"
        case .unsigned: base = "u\(size)"
        case .bool: base = "b1"
        }
        return bigEndian && size > 1 ? ">" + base : base
    }

    /// Parses a NumPy type string such as `<f4`, `>i2`, `|u1`, `|b1`; nil for anything else.
    init?(numpy descr: String) {
        var text = Substring(descr)
        var big = false
        if let first = text.first, "<>|=".contains(first) {
            big = first == ">"
            text = text.dropFirst()
        }
        guard let code = text.first, let size = Int(text.dropFirst()) else { return nil }
        switch (code, size) {
        case ("f", 2), ("f", 4), ("f", 8): kind = .float
        case ("i", 1), ("i", 2), ("i", 4), ("i", 8): kind = .signed
        case ("u", 1), ("u", 2), ("u", 4), ("u", 8): kind = .unsigned
        case ("b", 1): kind = .bool
        default: return nil
        }
        self.size = size
        self.bigEndian = big && size > 1
    }

    /// Parses a safetensors dtype such as `F32`, `BF16`, `I64`, `BOOL`; nil for anything else.
    init?(safetensors dtype: String) {
        switch dtype {
        case "F16": (kind, size) = (.float, 2)
        case "F32": (kind, size) = (.float, 4)
        case "F64": (kind, size) = (.float, 8)
        case "BF16": (kind, size) = (.bfloat, 2)
        case "I8": (kind, size) = (.signed, 1)
        case "I16": (kind, size) = (.signed, 2)
        case "I32": (kind, size) = (.signed, 4)
        case "I64": (kind, size) = (.signed, 8)
        case "U8": (kind, size) = (.unsigned, 1)
        case "U16": (kind, size) = (.unsigned, 2)
        case "U32": (kind, size) = (.unsigned, 4)
        case "U64": (kind, size) = (.unsigned, 8)
        case "BOOL": (kind, size) = (.bool, 1)
        default: return nil
        }
        bigEndian = false
    }

    /// Creates a type directly.
    init(kind: Kind, size: Int, bigEndian: Bool = false) {
        self.kind = kind
        self.size = size
        self.bigEndian = bigEndian
    }
}
