/// A cell's glyph as one integer: up to three Unicode scalars, 21 bits each, each stored as its
/// value + 1 so that an empty slot is 0.
enum GlyphCode {
    private static let bits: UInt64 = 21
    private static let slot: UInt64 = (1 << 21) - 1

    /// The code of `character`; a cluster of more than three scalars becomes `?`.
    static func pack(_ character: Character) -> UInt64 {
        var code: UInt64 = 0
        var shift: UInt64 = 0
        for scalar in character.unicodeScalars {
            guard shift < 3 * bits else { return UInt64(UInt8(ascii: "?")) + 1 }
            code |= (UInt64(scalar.value) + 1) << shift
            shift += bits
        }
        return code
    }

    /// The character `code` stands for.
    static func character(_ code: UInt64) -> Character {
        let first = Unicode.Scalar(UInt32((code & slot) - 1))!
        guard code >> bits != 0 else { return Character(first) }
        var scalars = String.UnicodeScalarView()
        var rest = code
        while rest != 0 {
            scalars.append(Unicode.Scalar(UInt32((rest & slot) - 1))!)
            rest >>= bits
        }
        return Character(String(scalars))
    }
}
