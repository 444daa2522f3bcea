import Foundation

/// Numbers spelt for people, safely for every value (NaN, ±∞, 1e30, Int.max): no conversion
/// that can trap.
public enum NumberText {
    /// A short number: integers without a decimal point, others with at most two decimals and
    /// no trailing zeros; huge or tiny magnitudes in exponent form; `NaN`, `inf`, `-inf`.
    public static func short(_ value: Float) -> String {
        short(Double(value))
    }

    /// As `short(_:)` for a `Double`.
    public static func short(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        let magnitude = abs(value)
        if magnitude >= 1e9 || (magnitude > 0 && magnitude < 0.005) {
            return String(format: "%.3g", value)  // never through Int: 1e30 would not fit
        }
        if value == value.rounded() { return String(Int(value)) }  // |value| < 1e9 fits an Int
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `value` with exactly `digits` decimals (at most 12), rounded half away from zero;
    /// `NaN`/`inf`/`-inf` for non-finite values, and exponent form where the digits would not
    /// fit an `Int` (|value| · 10^digits ≥ 1e18).
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        let places = Swift.min(Swift.max(digits, 0), 12)
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = (abs(value) * scale).rounded()
        guard rounded < 1e18 else { return String(format: "%.\(Swift.min(places, 6))e", value) }
        let whole = Int(rounded / scale)
        let fraction = Int(rounded - Double(whole) * scale)
        var text = String(fraction)
        while text.count < places { text = "0" + text }
        return (value < 0 && rounded > 0 ? "-" : "") + String(whole) + (places > 0 ? "." + text : "")
    }
}
