/// The seeded generator behind every illustrative stand-in (synthetic offsets, offset network).
///
/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast, and trivially reproduced in the Python
/// reference scripts, so the tests can rebuild a synthetic stand-in independently and check the
/// maps computed from it against PyTorch.
struct SyntheticRandom {
    private var state: UInt64

    /// Creates a generator whose sequence is fixed by `seed`.
    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform Double in [0, 1): the top 53 bits of `next()` times 2⁻⁵³.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform Double in [−bound, bound).
    mutating func symmetric(_ bound: Double) -> Double { (unit() * 2 - 1) * bound }
}
