import Foundation

/// Compact number formatting for legends and panels: 3 significant digits, exponent when small.
public enum NumberFormat {
    /// `0`, `0.0123`, `1.2e-05`, `12.3`, `NaN`.
    public static func compact(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v == 0 { return "0" }
        let a = Swift.abs(v)
        if a >= 1e-3 && a < 1e4 {
            var s = String(format: "%.3g", v)
            if s.contains("e") { s = String(format: "%.0f", v) }
            return s
        }
        return String(format: "%.2g", v).replacingOccurrences(of: "e-0", with: "e-")
            .replacingOccurrences(of: "e+0", with: "e")
            .replacingOccurrences(of: "e+", with: "e")
    }
}
