/// Plain-ASCII spellings of the few non-ASCII characters the frame's text uses, for `--ascii`
/// output (fonts and projectors without them).
public enum ASCIIFallback {
    /// `text` with every non-ASCII character replaced: known symbols by their spelling
    /// (`Σ` → `sum`, `×` → `x`, `…` → `~`, `·` → `.`, Greek letters by name), anything else by `?`.
    public static func ascii(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII { out.unicodeScalars.append(scalar); continue }
            out += spelling[scalar] ?? "?"
        }
        return out
    }

    private static let spelling: [Unicode.Scalar: String] = [
        "Σ": "sum", "×": "x", "…": "~", "·": ".", "–": "-", "—": "-", "−": "-", "→": "->", "←": "<-",
        "↑": "^", "↓": "v", "≤": "<=", "≥": ">=", "≈": "~", "±": "+-", "√": "sqrt", "²": "^2",
        "γ": "gamma", "ω": "omega", "τ": "tau", "α": "alpha", "β": "beta", "μ": "mu", "σ": "sigma",
        "Δ": "d", "°": "deg", "⋯": "...", "⊙": "*", "⌈": "ceil(", "⌉": ")", "Π": "prod", "▀": "#", "│": "|", "─": "-", "é": "e", "“": "\"", "”": "\"", "‘": "'", "’": "'",
    ]
}
