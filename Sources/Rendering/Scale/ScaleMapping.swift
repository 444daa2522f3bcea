import Foundation

/// A value scale bound to the range of one map: maps each value to [0, 1].
public struct ScaleMapping: Sendable, Hashable {
    /// The scale in use (never `.auto`: that is resolved by `AutoScale` when binding).
    public let scale: ValueScale
    /// Whether `scale` was chosen by `AutoScale` (the legend then says "(auto)").
    public let automatic: Bool
    /// The lowest value of the map (0 for non-negative maps; −m for signed ones).
    public let low: Float
    /// The highest value of the map (m for signed ones).
    public let high: Float
    /// Whether the map has negative values (then the range is symmetric about 0 and linear).
    public let signed: Bool
    /// The value mapped to 1 (the maximum, or the clip threshold).
    public let saturation: Float

    /// Binds `scale` to the finite values of `values` (NaN ignored); `auto` becomes the scale
    /// `AutoScale` picks for these values.
    public init(scale: ValueScale, values: UnsafeBufferPointer<Float>) {
        var lo = Float.infinity, hi = -Float.infinity
        for v in values where v.isFinite {
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
        }
        if !lo.isFinite { lo = 0; hi = 0 }
        let automatic = scale == .auto
        self.init(scale: automatic ? AutoScale.choose(values) : scale, minimum: lo, maximum: hi)
        if automatic { self = ScaleMapping(resolved: self, automatic: true) }
    }

    private init(resolved: ScaleMapping, automatic: Bool) {
        scale = resolved.scale
        self.automatic = automatic
        low = resolved.low
        high = resolved.high
        signed = resolved.signed
        saturation = resolved.saturation
    }

    /// Binds `scale` to a known range (`auto`, with no values to judge, is linear).
    public init(scale: ValueScale, minimum: Float, maximum: Float) {
        automatic = false
        if minimum < 0 {
            let m = Swift.max(-minimum, maximum)
            self.scale = .linear
            low = -m
            high = m
            signed = true
            saturation = m
        } else {
            self.scale = scale == .auto ? .linear : scale
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
        case .linear, .clipped, .auto:
            return Swift.min(1, Swift.max(0, v / saturation))
        case .log(let decades):
            guard v > 0 else { return 0 }
            let t = 1 + log10(v / saturation) / Float(decades)
            return Swift.min(1, Swift.max(0, t))
        }
    }

    /// The value `unit(_:)` maps to `t` ∈ [0, 1]: where a legend's tick at `t` of its bar sits.
    public func value(atUnit t: Float) -> Float {
        let t = Swift.min(1, Swift.max(0, t))
        if signed { return (2 * t - 1) * high }
        switch scale {
        case .linear, .clipped, .auto: return t * saturation
        case .log(let decades): return saturation * powf(10, (t - 1) * Float(decades))  // t = 0: the legend's floor
        }
    }

    /// The value shown at the bottom of the legend (the log floor for log scales).
    public var legendLow: Float {
        if case .log(let decades) = scale, !signed { return saturation * powf(10, -Float(decades)) }
        return low
    }

    /// The legend's description of the scale, e.g. `linear`, `log 4dec`, `clip 10%`, and
    /// `log 5dec (auto)` or `clip p99 (auto)` when `AutoScale` chose it.
    public var legendName: String {
        if signed { return "signed" }
        let name: String
        switch scale {
        case .linear, .auto: name = "linear"
        case .log(let d): name = "log \(d)dec"
        case .clipped(let f): name = automatic ? "clip p99" : "clip \(Self.percent(f))"
        }
        return automatic ? name + " (auto)" : name
    }

    private static func percent(_ f: Float) -> String {
        let p = f * 100
        return p == p.rounded() ? "\(Int(p))%" : String(format: "%.1f%%", p)
    }
}
