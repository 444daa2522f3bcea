import Foundation

/// A small seeded generator (SplitMix64) so every scene is the same on every run.
struct SceneRandom {
    private var state: UInt64

    /// Creates a generator from `seed`.
    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1).
    mutating func uniform() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A standard normal value (Box–Muller).
    mutating func normal() -> Float {
        let u1 = max(uniform(), 0x1p-24), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Float.pi * u2)
    }

    /// A uniform integer in `0..<bound`.
    mutating func integer(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
