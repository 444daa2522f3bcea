import AttentionKernels
import Foundation

/// The numbers shown beside every map, with the definitions of docs/mechanisms.md ("Statistics").
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
    ///
    /// `map_summary` (C, per instruction set) finds Σ, max and the NaN count in one pass (float
    /// partial sums per 128 weights, then Double), and the entropy as `(P·ln Σ − Σ w·ln w)/Σ`
    /// (P: the positive mass) in a second, with `FastLog`'s series (~1e-7 relative; subnormal
    /// weights, whose terms are below 1e-36, are left out) instead of libm's `log` per weight.
    public init(weights: [Float], keysAttended: Int, cost: Cost) {
        var parts = Parts()
        weights.withUnsafeBufferPointer { parts.add($0.baseAddress, range: 0..<$0.count) }
        self.init(parts: parts, keysAttended: keysAttended, cost: cost)
    }

    /// Computes the statistics of a dense or sparse weight map.
    public init(_ weights: FieldWeights, keysAttended: Int, cost: Cost) {
        switch weights {
        case let .dense(values): self.init(weights: values, keysAttended: keysAttended, cost: cost)
        case let .sparse(entries): self.init(sparse: entries, keysAttended: keysAttended, cost: cost)
        }
    }

    /// Computes the statistics of a sparse map from its entries alone, in O(entries) and
    /// without building the dense map.
    ///
    /// The weights without an entry are 0: they add nothing to Σ or the entropy, and they are the
    /// max (at the first pixel without an entry) when no entry is positive, as a dense scan finds.
    /// Σ is summed in Double, the entropy's terms per 16 entries in Float; the result equals
    /// `init(weights: entries.dense(), …)` up to summation order (~1e-7 relative), and exactly in
    /// max, argmax and the NaN count.
    public init(sparse entries: SparseWeights, keysAttended: Int, cost: Cost) {
        var parts = Parts()
        entries.values.withUnsafeBufferPointer { values in
            entries.indices.withUnsafeBufferPointer { indices in
                parts.addEntries(values, at: indices, pixelCount: entries.count)
            }
        }
        self.init(parts: parts, keysAttended: keysAttended, cost: cost)
    }

    /// Computes the statistics of a map that is zero outside `support`, reading only the support.
    ///
    /// `support` lists row-major index ranges in increasing order without overlap; the other
    /// weights must be 0 (sparse modes: windows, neighbourhoods, samples). The zeros add nothing
    /// to Σ or the entropy, and matter for max/argmax only when no supported weight is positive;
    /// then (and when `support` is not ordered) the whole map is read as by `init(weights:…)`.
    /// The result equals the full computation up to summation order (~1e-7 relative).
    public init(weights: [Float], support: [Range<Int>], keysAttended: Int, cost: Cost) {
        var parts = Parts()
        var ordered = true, covered = 0, previousEnd = 0
        for r in support {
            if r.lowerBound < previousEnd || r.upperBound > weights.count { ordered = false; break }
            previousEnd = r.upperBound
            covered += r.count
        }
        if ordered {
            weights.withUnsafeBufferPointer { buffer in
                for r in support where !r.isEmpty { parts.add(buffer.baseAddress, range: r) }
            }
        }
        // A zero outside the support is the max (or ties it, and may come first) unless some
        // supported weight is positive.
        if !ordered || (covered < weights.count && !(parts.maxValue > 0)) {
            self.init(weights: weights, keysAttended: keysAttended, cost: cost)
        } else {
            self.init(parts: parts, keysAttended: keysAttended, cost: cost)
        }
    }

    /// The ordered, disjoint row-major ranges covering `indices` (any order, repeats allowed):
    /// the `support` of a sparse map for `init(weights:support:…)`.
    public static func ranges(covering indices: [Int]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for i in indices.sorted() {
            if let last = ranges.last, i < last.upperBound { continue }
            if let last = ranges.last, i == last.upperBound {
                ranges[ranges.count - 1] = last.lowerBound..<(i + 1)
            } else {
                ranges.append(i..<(i + 1))
            }
        }
        return ranges
    }

    /// The first index holding `value` in `weights` (row-major), 0 if none: the argmax once the
    /// max is known, with SIMD compares that stop at the first hit.
    static func firstIndex(of value: Float, in weights: [Float]) -> Int {
        weights.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            let n = buffer.count, vectorEnd = n - n % 16, raw = UnsafeRawPointer(base)
            let target = SIMD16<Float>(repeating: value)
            var j = 0
            while j < vectorEnd, !any(raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self) .== target) {
                j += 16
            }
            while j < n, base[j] != value { j += 1 }
            return j < n ? j : 0
        }
    }

    /// Statistics of a softmax computed by `Softmax.normalizeSummarized`, without another pass
    /// over the map: the entropy is `ln Z − Σ e_i·(l_i − m)/Z` (m: the max logit, e_i = e^(l_i−m),
    /// Z = Σ e_i) instead of a logarithm per weight.
    ///
    /// `summary` must describe `weights` as the softmax left them; a softmax without a
    /// distribution (NaN) falls back to the full computation.
    init(weights: [Float], softmax summary: Softmax.Summary, keysAttended: Int, cost: Cost) {
        guard summary.total > 0, summary.total.isFinite, summary.weightSum > 0, summary.maxWeight.isFinite else {
            self.init(weights: weights, keysAttended: keysAttended, cost: cost)
            return
        }
        var entropy = Foundation.log(summary.total) - summary.shiftedMass / summary.total
        if entropy < 0, entropy > -1e-9 { entropy = 0 }
        self.init(sum: summary.weightSum, max: Double(summary.maxWeight), argmax: summary.argmax,
                  entropy: entropy, keysAttended: keysAttended, cost: cost, nanCount: 0)
    }

    /// Statistics given directly (a mechanism that knows them exactly from its own sums).
    init(sum: Double, max: Double, argmax: Int, entropy: Double, keysAttended: Int, cost: Cost, nanCount: Int) {
        self.sum = sum
        self.max = max
        self.argmax = argmax
        self.entropy = entropy
        self.effectiveKeys = sum > 0 ? Foundation.exp(entropy) : 0
        self.keysAttended = keysAttended
        self.cost = cost
        self.nanCount = nanCount
    }

    private init(parts: Parts, keysAttended: Int, cost: Cost) {
        let sum = parts.sum
        var entropy = 0.0
        if sum > 0, sum.isFinite {
            // −Σ (w/S)·ln(w/S) over w > 0 = (P·ln S − Σ w·ln w)/S; rounding may leave −1e-16.
            entropy = (parts.positive * Foundation.log(sum) - parts.weighted) / sum
            if entropy < 0, entropy > -1e-9 { entropy = 0 }
        }
        self.init(sum: sum, max: parts.maxValue.isFinite ? Double(parts.maxValue) : 0, argmax: parts.argmax,
                  entropy: entropy, keysAttended: keysAttended, cost: cost, nanCount: parts.nans)
    }

    /// Running sums of one or more row-major ranges of a map, added in order.
    private struct Parts {
        var sum = 0.0
        var maxValue = -Float.infinity
        var argmax = 0
        var nans = 0
        /// Σ w·ln w over normal positive finite w.
        var weighted = 0.0
        /// Σ w over those w (differs from Σ when a map has negative weights).
        var positive = 0.0

        @inline(__always)
        mutating func add(_ start: UnsafePointer<Float>?, range: Range<Int>) {
            guard let start, !range.isEmpty else { return }
            var part = ak_map_summary()
            Kernels.current.map_summary(start + range.lowerBound, range.count, &part)
            sum += part.sum
            nans += part.nans
            // The first position holding the max (row-major), as a scalar scan would report it;
            // an earlier range keeps a tie.
            if part.argmax >= 0, part.max > maxValue {
                maxValue = part.max
                argmax = range.lowerBound + part.argmax
            }
            weighted += part.weighted
            positive += part.positive
        }

        /// Adds the entries of a sparse map (`values` at the strictly increasing `indices` of a
        /// `pixelCount`-pixel map, every other weight 0) to a fresh `Parts`.
        ///
        /// The values are summed as one contiguous range (`add`), whose argmax is then moved from
        /// an entry to its pixel; a pixel without an entry holds 0, which is the max — at the
        /// first such pixel, or an earlier entry holding 0 — when no entry is positive.
        mutating func addEntries(_ values: UnsafeBufferPointer<Float>, at indices: UnsafeBufferPointer<Int>,
                                 pixelCount: Int) {
            let n = values.count
            add(values.baseAddress, range: 0..<n)
            // `add` leaves argmax at the first entry holding the max (or 0 and maxValue −∞ when
            // no entry has a max).
            let entryMax = maxValue, first = argmax
            // The first pixel without an entry: indices[k] == k up to it (they increase from ≥ 0).
            var low = 0, high = n
            while low < high {
                let mid = (low + high) / 2
                if indices[mid] > mid { high = mid } else { low = mid + 1 }
            }
            if low < pixelCount, !(entryMax > 0) {
                maxValue = 0
                argmax = entryMax == 0 ? Swift.min(indices[first], low) : low
            } else if entryMax > -.infinity {
                argmax = indices[first]
            } else {
                argmax = 0
            }
        }
    }
}
