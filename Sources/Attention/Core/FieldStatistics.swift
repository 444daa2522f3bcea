import Foundation

/// The numbers shown beside every map, with the definitions of MECHANISMS.md.
public struct FieldStatistics: Sendable, Equatable {
    /// Σ of the in-image map.
    public var sum: Double
    /// The largest weight.
    public var max: Double
    /// Where the largest weight is (the first, in row-major order).
    public var argmax: Int
    /// `−Σ p·ln p` in nats over the in-image map renormalised to sum 1.
    public var entropy: Double
    /// `e^entropy`.
    public var effectiveKeys: Double
    /// How many keys the softmax (or sampler) ran over.
    public var keysAttended: Int
    /// The mode's cost on this map.
    public var cost: Cost
    /// How many weights are NaN (stats over the rest).
    public var nanCount: Int

    /// Computes the statistics of a weight map.
    public init(weights: [Float], keysAttended: Int, cost: Cost) {
        var sum = 0.0, maxValue = -Double.infinity, argmax = 0, nans = 0
        for (i, w) in weights.enumerated() {
            if w.isNaN { nans += 1; continue }
            let v = Double(w)
            sum += v
            if v > maxValue { maxValue = v; argmax = i }
        }
        var entropy = 0.0
        if sum > 0 {
            for w in weights where !w.isNaN && w > 0 {
                let p = Double(w) / sum
                entropy -= p * Foundation.log(p)
            }
        }
        self.sum = sum
        self.max = maxValue.isFinite ? maxValue : 0
        self.argmax = argmax
        self.entropy = entropy
        self.effectiveKeys = sum > 0 ? Foundation.exp(entropy) : 0
        self.keysAttended = keysAttended
        self.cost = cost
        self.nanCount = nans
    }
}
