import Foundation

/// How weights map to colour: linear, logarithmic, or linear clipped at a threshold.
public enum ValueScale: Hashable, Sendable {
    /// `t = (v − lo) / (hi − lo)`.
    case linear
    /// `t = 1 + log10(v / hi) / decades`: the top `decades` powers of ten below the maximum;
    /// anything fainter is the lowest band.
    case log(decades: Int)
    /// Linear up to `fraction` × max, saturated above: CCNet's trick to show faint context.
    case clipped(fraction: Float)

    /// The default log scale (4 decades).
    public static let log4 = ValueScale.log(decades: 4)
    /// The default clipped scale (saturate above 10 % of the maximum).
    public static let clip10 = ValueScale.clipped(fraction: 0.1)

    /// The scales the explorer's `v` key cycles through, in order.
    public static let cycle: [ValueScale] = [.linear, .log4, .clip10]

    /// The short name the legend shows and `--scale-mode` accepts: `linear`, `log`, `clip`.
    public var name: String {
        switch self {
        case .linear: return "linear"
        case .log: return "log"
        case .clipped: return "clip"
        }
    }

    /// Parses `linear`, `log`, `log:N` (N decades), `clip`, or `clip:F` (fraction of the max).
    public init?(argument: String) {
        let parts = argument.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        guard let head = parts.first else { return nil }
        switch head {
        case "linear", "lin":
            guard parts.count == 1 else { return nil }
            self = .linear
        case "log":
            if parts.count == 2 {
                guard let d = Int(parts[1]), d >= 1, d <= 12 else { return nil }
                self = .log(decades: d)
            } else { self = .log4 }
        case "clip", "clipped":
            if parts.count == 2 {
                guard let f = Float(parts[1]), f > 0, f <= 1 else { return nil }
                self = .clipped(fraction: f)
            } else { self = .clip10 }
        default: return nil
        }
    }
}

/// A value scale bound to the range of one map: maps each value to [0, 1].
public struct ScaleMapping: Sendable, Hashable {
    /// The scale.
    public let scale: ValueScale
    /// The lowest value of the map (0 for non-negative maps; −m for signed ones).
    public let low: Float
    /// The highest value of the map (m for signed ones).
    public let high: Float
    /// Whether the map has negative values (then the range is symmetric about 0 and linear).
    public let signed: Bool
    /// The value mapped to 1 (the maximum, or the clip threshold).
    public let saturation: Float

    /// Binds `scale` to the finite values of `values` (NaN ignored).
    public init(scale: ValueScale, values: UnsafeBufferPointer<Float>) {
        var lo = Float.infinity, hi = -Float.infinity
        for v in values where v.isFinite {
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
        }
        if !lo.isFinite { lo = 0; hi = 0 }
        self.init(scale: scale, minimum: lo, maximum: hi)
    }

    /// Binds `scale` to a known range.
    public init(scale: ValueScale, minimum: Float, maximum: Float) {
        if minimum < 0 {
            let m = Swift.max(-minimum, maximum)
            self.scale = .linear
            low = -m
            high = m
            signed = true
            saturation = m
        } else {
            self.scale = scale
            low = 0
            high = Swift.max(0, maximum)
            signed = false
            switch scale {
            case .clipped(let fraction): saturation = high * fraction
            default: saturation = high
            }
        }
    }

    /// `v` mapped to [0, 1] (NaN stays NaN; a flat zero map gives 0 everywhere).
    @inlinable
    public func unit(_ v: Float) -> Float {
        if v.isNaN { return v }
        if signed {
            return high > 0 ? Swift.min(1, Swift.max(0, 0.5 + 0.5 * v / high)) : 0.5
        }
        guard saturation > 0 else { return 0 }
        switch scale {
        case .linear, .clipped:
            return Swift.min(1, Swift.max(0, v / saturation))
        case .log(let decades):
            guard v > 0 else { return 0 }
            let t = 1 + log10(v / saturation) / Float(decades)
            return Swift.min(1, Swift.max(0, t))
        }
    }

    /// The value shown at the bottom of the legend (the log floor for log scales).
    public var legendLow: Float {
        if case .log(let decades) = scale, !signed { return saturation * powf(10, -Float(decades)) }
        return low
    }

    /// The legend's description of the scale, e.g. `linear`, `log 4 dec`, `clip 10% max`.
    public var legendName: String {
        if signed { return "signed" }
        switch scale {
        case .linear: return "linear"
        case .log(let d): return "log \(d)dec"
        case .clipped(let f): return "clip \(Self.percent(f))"
        }
    }

    private static func percent(_ f: Float) -> String {
        let p = f * 100
        return p == p.rounded() ? "\(Int(p))%" : String(format: "%.1f%%", p)
    }
}

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
