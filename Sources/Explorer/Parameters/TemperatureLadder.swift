/// The temperatures `t` and `T` step through: round numbers from sharp to flat.
public enum TemperatureLadder {
    /// The rungs, ascending.
    public static let rungs: [Float] = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 10, 20]

    /// The next rung above (`direction` +1) or below (−1) `value`, nil at the end of the ladder.
    /// A value between rungs (from `--temperature`) moves to the nearest rung in that direction.
    public static func step(from value: Float, direction: Int) -> Float? {
        if direction > 0 { return rungs.first { $0 > value * 1.0001 } }
        return rungs.last { $0 < value * 0.9999 }
    }
}
