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
    /// How many values of one histogram bucket a quantile is read from at most (beyond it, an
    /// even sample of the bucket, whose values lie within 4.4 % of each other anyway).
    static let bucketSampleLimit = 4096

    /// The scale `auto` stands for on a map with these values (NaN, infinities and zeros ignored;
    /// signed maps are always drawn linearly, so they get `.linear`).
    ///
    /// Runs once per frame over the whole view, so it neither copies nor sorts the view: one
    /// pass counts the positive values into buckets of their float bit pattern (16 per octave,
    /// ordered as the values are), which locates each quantile's bucket; a second pass gathers
    /// those buckets' values, where the quantile is selected exactly.
    public static func choose(_ values: UnsafeBufferPointer<Float>) -> ValueScale {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Buckets.count) { histogram in
            histogram.initialize(repeating: 0)
            var count = 0
            var top: Float = 0
            for v in values {
                let bits = v.bitPattern
                if bits >= Buckets.infinityBits {  // +∞, NaN, or the sign bit set
                    if v < 0 { return .linear }
                    continue
                }
                if bits == 0 { continue }
                histogram[Int(bits >> Buckets.shift)] &+= 1
                count += 1
                top = max(top, v)
            }
            guard count >= 2 else { return .linear }
            let quantiles = Quantiles(histogram: UnsafeBufferPointer(histogram), count: count)
            let (p10, median, p99) = quantiles.values(in: values)
            return choose(top: top, p10: p10, median: median, p99: p99)
        }
    }

    /// The rule on the positive values' maximum and quantiles.
    static func choose(top: Float, p10: Float, median: Float, p99: Float) -> ValueScale {
        if median >= linearFloor * top { return .linear }
        if top > dominance * p99 && p99 <= spread * median {
            return .clipped(fraction: p99 / top)
        }
        // A ratio beyond Float's range (subnormal weights) is simply "many decades".
        let span = log10(top / p10)
        let decades = span.isFinite ? Int(min(6, span.rounded(.up))) : 6
        return .log(decades: max(2, decades))
    }

    /// The bit-pattern buckets: a positive float's pattern grows with its value, so its top bits
    /// (exponent and 4 mantissa bits) are an ordered bucket index.
    enum Buckets {
        static let shift: UInt32 = 19
        static let count = 1 << (31 - 19)
        static let infinityBits: UInt32 = 0x7F80_0000
    }

    /// The 10th, 50th and 99th percentiles of the positive values, located by their histogram:
    /// quantile q is the k-th smallest value, k = ⌊q·(n − 1)⌋ (0-based), as on a sorted list.
    struct Quantiles {
        /// Each quantile's bucket, its rank among that bucket's values, and the bucket's size.
        private var targets: [(bucket: Int, rank: Int, size: Int)] = []

        init(histogram: UnsafeBufferPointer<UInt32>, count: Int) {
            let ranks = [0.1, 0.5, 0.99].map { (q: Float) in Int(q * Float(count - 1)) }
            var below = 0, next = 0
            for bucket in 0..<histogram.count where histogram[bucket] != 0 {
                let size = Int(histogram[bucket])
                while next < ranks.count && ranks[next] < below + size {
                    targets.append((bucket, ranks[next] - below, size))
                    next += 1
                }
                below += size
                if next == ranks.count { break }
            }
        }

        /// The three quantiles, read from `values` (the same values the histogram counted) in
        /// one more pass that gathers the target buckets' values: all of them, or an even sample
        /// of at most `bucketSampleLimit` per bucket.
        func values(in values: UnsafeBufferPointer<Float>) -> (Float, Float, Float) {
            var buckets: [Int] = []
            for target in targets where !buckets.contains(target.bucket) { buckets.append(target.bucket) }
            let sizes = buckets.map { bucket in targets.first { $0.bucket == bucket }!.size }
            let strides = sizes.map { max(1, ($0 + AutoScale.bucketSampleLimit - 1) / AutoScale.bucketSampleLimit) }
            var gathered: [[Float]] = zip(sizes, strides).map { size, stride in
                var list: [Float] = []
                list.reserveCapacity(size / stride + 1)
                return list
            }
            var skips = [Int](repeating: 0, count: buckets.count)
            // At most three buckets: compared directly, the common case (none) costs three tests.
            let (b0, b1, b2) = (buckets[0], buckets.count > 1 ? buckets[1] : -1, buckets.count > 2 ? buckets[2] : -1)
            for v in values {
                let bits = v.bitPattern
                guard bits != 0, bits < Buckets.infinityBits else { continue }
                let bucket = Int(bits >> Buckets.shift)
                let slot = bucket == b0 ? 0 : bucket == b1 ? 1 : bucket == b2 ? 2 : -1
                guard slot >= 0 else { continue }
                if skips[slot] == 0 {
                    gathered[slot].append(v)
                    skips[slot] = strides[slot] - 1
                } else {
                    skips[slot] -= 1
                }
            }
            var results: [Float] = []
            for target in targets {
                let slot = buckets.firstIndex(of: target.bucket)!
                let k = min(gathered[slot].count - 1, target.rank / strides[slot])
                gathered[slot].withUnsafeMutableBufferPointer { Selection.place(k, in: $0) }
                results.append(gathered[slot][k])
            }
            return (results[0], results[1], results[2])
        }
    }
}
