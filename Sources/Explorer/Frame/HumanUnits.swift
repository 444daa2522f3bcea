import Foundation

/// Numbers in the few characters a status line has: `1.2k`, `3.4M`, `5.6G`.
public enum HumanUnits {
    /// A count with an SI suffix and 2–3 significant digits.
    public static func count(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let magnitude = abs(value)
        let units: [(Double, String)] = [(1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (scale, suffix) in units where magnitude >= scale {
            return significant(value / scale) + suffix
        }
        return significant(value)
    }

    /// A number with about 3 significant digits and no trailing zeros.
    public static func significant(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
        if value == value.rounded() && abs(value) < 1e6 { return String(Int(value)) }
        // Small but not zero (Σ of a share through one position): two significant digits,
        // never a misleading "0".
        if abs(value) < 0.01 { return String(format: "%.2g", value) }
        let digits = abs(value) >= 100 ? 0 : abs(value) >= 10 ? 1 : 2
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A weight: fixed 4 decimals when ≥ 0.0001, else scientific.
    public static func weight(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : "∞" }
        if value == 0 { return "0" }
        if abs(value) >= 1e-4 { return String(format: "%.4f", value) }
        return String(format: "%.1e", value)
    }
}
