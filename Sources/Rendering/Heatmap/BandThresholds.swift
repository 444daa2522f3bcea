/// The band of a positive value on a log scale, without a logarithm per value.
///
/// A log view quantises `1 + log10(v / saturation) / decades` into the ramp's bands; computing
/// that logarithm for every dot of every frame is most of a large log view's painting. The band
/// only grows with `v`, so each band's smallest value is found once per frame (a bisection over
/// the float bit patterns, which are ordered like positive floats) and a dot's band is the number
/// of thresholds at or below it — the band the formula gives, exactly.
struct BandThresholds {
    /// `thresholds[ℓ − 1]`: the smallest positive value in band ℓ (ℓ = 1 … levels − 1).
    let thresholds: [Float]

    /// The thresholds of `ramp`'s bands under `mapping` (any non-signed scale).
    init(mapping: ScaleMapping, ramp: ColorRamp) {
        let band = { (v: Float) in ramp.level(of: mapping.unit(v)) }
        let top = max(Float.leastNonzeroMagnitude, mapping.saturation).bitPattern
        var thresholds: [Float] = []
        thresholds.reserveCapacity(ramp.levels - 1)
        var low: UInt32 = 1  // the smallest positive float
        for level in 1..<ramp.levels {
            // The first bit pattern in [low, top] whose value reaches `level` (top reaches the last band).
            var lo = low, hi = top
            if band(Float(bitPattern: hi)) < level { hi = Float.infinity.bitPattern }
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                if band(Float(bitPattern: mid)) >= level { hi = mid } else { lo = mid + 1 }
            }
            thresholds.append(Float(bitPattern: lo))
            low = lo
        }
        self.thresholds = thresholds
    }

    /// The band of positive `v` (a binary search over the thresholds).
    func band(of v: Float) -> Int {
        var lo = 0, hi = thresholds.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if thresholds[mid] <= v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
