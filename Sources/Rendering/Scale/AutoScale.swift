import Foundation

/// The rule behind the `auto` value scale: which fixed scale shows the structure of one view.
///
/// A linear scale draws everything but the hottest keys as the lowest band when a few keys
/// dominate (the query holding most of its own mass on raw features) or when the weights span
/// decades (composed, multi-pass and stacked maps). The rule reads only the view's positive
/// values (exact zeros are drawn as background anyway), so every mode and step gets the same
/// treatment:
/// - the typical key (the median) at least `linearFloor` of the maximum → linear;
/// - else, the top 1 % far above the rest (`max > dominance · p99`) while the rest spans at most
///   `spread` (`p99 ≤ spread · median`) → linear clipped at the 99th percentile: the rest drawn
///   linearly, the few dominant keys saturated;
/// - else → log, with enough decades to reach the 10th percentile (2…6).
public enum AutoScale {
    /// The median's share of the maximum from which a linear scale shows the typical key.
    public static let linearFloor: Float = 0.1
    /// How far the maximum must stand above the 99th percentile for "a few keys dominate".
    public static let dominance: Float = 2
    /// How wide (p99 / median) the rest may be and still be drawn linearly under the clip.
    public static let spread: Float = 100
    /// How many positive values the quantiles are read from at most.
    static let sampleLimit = 4096

    /// The scale `auto` stands for on a map with these values (NaN, infinities and zeros ignored;
    /// signed maps are always drawn linearly, so they get `.linear`).
    public static func choose(_ values: UnsafeBufferPointer<Float>) -> ValueScale {
        var positive: [Float] = []
        positive.reserveCapacity(min(values.count, 2 * sampleLimit))
        var top: Float = 0
        for v in values {
            if v < 0 { return .linear }
            if v > 0 && v.isFinite { positive.append(v); top = max(top, v) }
        }
        // Large views: quantiles from an even sample (every k-th key) keep a frame's cost at one
        // small sort; the maximum stays exact.
        if positive.count > sampleLimit {
            let step = (positive.count + sampleLimit - 1) / sampleLimit
            positive = Swift.stride(from: 0, to: positive.count, by: step).map { positive[$0] } + [top]
        }
        return choose(sortedPositive: positive.sorted())
    }

    /// The rule on the positive values, sorted ascending.
    static func choose(sortedPositive p: [Float]) -> ValueScale {
        guard p.count >= 2, let top = p.last else { return .linear }
        func quantile(_ q: Float) -> Float { p[Int(q * Float(p.count - 1))] }
        let p99 = quantile(0.99), median = quantile(0.5)
        if median >= linearFloor * top { return .linear }
        if top > dominance * p99 && p99 <= spread * median {
            return .clipped(fraction: p99 / top)
        }
        // A ratio beyond Float's range (subnormal weights) is simply "many decades".
        let span = log10(top / quantile(0.1))
        let decades = span.isFinite ? Int(min(6, span.rounded(.up))) : 6
        return .log(decades: max(2, decades))
    }
}
