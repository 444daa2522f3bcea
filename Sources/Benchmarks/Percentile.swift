/// Percentiles of timing samples, interpolated linearly between the closest ranks (NumPy's
/// default `np.percentile` method, so the Swift and NumPy numbers are comparable).
public enum Percentile {
    /// The `p`-th percentile (0…100) of `samples`; nil when there are none or any is NaN.
    public static func of(_ samples: [Double], _ p: Double) -> Double? {
        guard !samples.isEmpty, !samples.contains(where: \.isNaN), p.isFinite else { return nil }
        let sorted = samples.sorted()
        let rank = min(max(p, 0), 100) / 100 * Double(sorted.count - 1)
        let below = Int(rank.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = rank - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * fraction
    }
}
