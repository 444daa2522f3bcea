/// ASCII stand-ins for the non-ASCII characters attnscope draws, for `--ascii` output (fonts and
/// projectors without them) and terminals without a UTF-8 locale (where wide characters would
/// draw nothing).
///
/// One table serves both uses: text is spelled out (`Σ` → `sum`), while a terminal cell, which
/// holds one character, gets a single look-alike (`Σ` → `S`).
public enum ASCIIFallback {
    /// `text` with every non-ASCII character replaced: known symbols by their spelling
    /// (`Σ` → `sum`, `×` → `x`, `…` → `~`, `·` → `.`, Greek letters by name), anything else by `?`.
    public static func ascii(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII { out.unicodeScalars.append(scalar); continue }
            out += standIns[scalar]?.text ?? "?"
        }
        return out
    }

    /// The printable ASCII character a one-cell terminal drawing shows for `scalar`: itself when
    /// printable ASCII, its look-alike when known (`│` → `|`, `▀` → `#`), `?` otherwise
    /// (control characters included, so they never reach the terminal).
    public static func character(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value >= 0x20 && scalar.value <= 0x7E { return scalar }
        return standIns[scalar]?.cell ?? "?"
    }

    /// The table: (the characters, their one-cell look-alike, their spelling in text).
    private static let rows: [(characters: String, cell: Unicode.Scalar, text: String)] = [
        ("│┃║├┤", "|", "|"), ("─━═┬┴", "-", "-"), ("┌┐└┘┼", "+", "+"),
        ("▀▄█▓", "#", "#"), ("▒", "+", "+"), ("░", ".", "."), ("◎●○", "@", "@"),
        ("·•◦", ".", "."), ("×", "x", "x"), ("…≈", "~", "~"), ("⋯", ".", "..."), ("⊙", "*", "*"),
        ("–—−", "-", "-"), ("→", ">", "->"), ("►▶", ">", ">"), ("←", "<", "<-"), ("◄◀", "<", "<"),
        ("↑▲", "^", "^"), ("↓▼", "v", "v"), ("≤", "<", "<="), ("≥", ">", ">="), ("±", "+", "+-"),
        ("√", "v", "sqrt"), ("²", "2", "^2"), ("°", "o", "deg"), ("⌈", "[", "ceil("), ("⌉", "]", ")"),
        ("Σ", "S", "sum"), ("Π", "P", "prod"), ("Δ", "d", "d"), ("γ", "g", "gamma"), ("ω", "w", "omega"),
        ("τ", "t", "tau"), ("α", "a", "alpha"), ("β", "b", "beta"), ("μ", "u", "mu"), ("σ", "s", "sigma"),
        ("é", "e", "e"), ("“”", "\"", "\""), ("‘’", "'", "'"),
    ]

    private static let standIns: [Unicode.Scalar: (cell: Unicode.Scalar, text: String)] = {
        var table: [Unicode.Scalar: (cell: Unicode.Scalar, text: String)] = [:]
        for row in rows {
            for scalar in row.characters.unicodeScalars { table[scalar] = (row.cell, row.text) }
        }
        return table
    }()
}
