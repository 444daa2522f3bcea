import Foundation

/// A small seeded random generator (SplitMix64) whose sequence is the same on every run.
///
/// SplitMix64 (Steele, Lea & Flood 2014) is tiny, fast and trivially reproduced in Python, so the
/// built-in scenes are stable and the reference scripts in `Tests/AttentionTests/Reference` can
/// rebuild the illustrative stand-ins (synthetic offsets, the offset network) independently.
public struct SplitMix64: Sendable {
    private var state: UInt64

    /// Creates a generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform Double in [0, 1): the top 53 bits of `next()` times 2⁻⁵³.
    public mutating func unitDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform Double in [−bound, bound).
    public mutating func symmetric(_ bound: Double) -> Double { (unitDouble() * 2 - 1) * bound }

    /// A uniform Float in [0, 1): the top 24 bits of `next()` times 2⁻²⁴.
    public mutating func unitFloat() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// A standard normal Float (Box–Muller on two `unitFloat()` draws).
    public mutating func normal() -> Float {
        let u1 = max(unitFloat(), 0x1p-24), u2 = unitFloat()
        return (-2 * log(u1)).squareRoot() * cos(2 * Float.pi * u2)
    }

    /// A uniform integer in `0..<bound` (`bound` must be positive).
    public mutating func integer(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
