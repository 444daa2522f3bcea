/// One-character ASCII stand-ins for the non-ASCII glyphs a canvas may hold (box drawing, blocks,
/// markers), for terminals without a UTF-8 locale (where wide characters would draw nothing) and
/// for `--ascii`. Rendering already spells its text in ASCII then (`Rendering.ASCIIFallback`);
/// this is the per-cell safety net that keeps anything else off such a terminal.
enum GlyphTransliteration {
    /// The ASCII character drawn for `scalar` (itself when it is printable ASCII).
    static func character(for scalar: Unicode.Scalar) -> UInt32 {
        if scalar.value >= 0x20 && scalar.value <= 0x7E { return scalar.value }
        switch scalar {
        case "│", "┃", "║", "├", "┤": return 0x7C  // |
        case "─", "━", "═", "┬", "┴": return 0x2D  // -
        case "┌", "┐", "└", "┘", "┼": return 0x2B  // +
        case "·", "•", "◦": return 0x2E  // .
        case "×": return 0x78  // x
        case "…": return 0x7E  // ~ (Rendering's own truncation mark in ASCII)
        case "Σ": return 0x53  // S
        case "γ": return 0x67  // g
        case "≈": return 0x7E
        case "▀", "▄", "█", "▓": return 0x23  // #
        case "▒": return 0x2B
        case "░": return 0x2E
        case "◎", "●", "○": return 0x40  // @
        case "→", "►", "▶": return 0x3E  // >
        case "←", "◄", "◀": return 0x3C  // <
        case "↑", "▲": return 0x5E  // ^
        case "↓", "▼": return 0x76  // v
        default: return 0x3F  // ?
        }
    }
}
