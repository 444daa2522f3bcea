/// A vectorised natural logarithm for positive normal Floats, split as `e·ln 2 + ln m`.
///
/// The exponent `e` comes exactly from the bits, and `ln m` for `m ∈ [√½, √2)` from the
/// atanh series `2s(1 + s²/3 + s⁴/5 + s⁶/7 + s⁸/9)`, `s = (m − 1)/(m + 1)`: about 1e-7
/// absolute on `ln m`. Keeping `e` separate lets callers multiply it by ln 2 in Double, so powers
/// of two come out exact.
enum FastLog {
    /// `(e, ln m)` with `x = 2^e·m` lane by lane; only meaningful for positive normal `x`.
    @inlinable @inline(__always)
    public static func split(_ x: SIMD16<Float>) -> (exponent: SIMD16<Float>, logMantissa: SIMD16<Float>) {
        let bits = unsafeBitCast(x, to: SIMD16<UInt32>.self)
        // The biased exponent as a Float without an int→float conversion: 2^23 + e, minus 2^23.
        let biased = unsafeBitCast((bits &>> 23) & 0xff | 0x4B00_0000, to: SIMD16<Float>.self) - 8_388_608
        var exponent = biased - 127
        var m = unsafeBitCast(bits & 0x007F_FFFF | 0x3F80_0000, to: SIMD16<Float>.self)
        let high = m .> 1.4142135
        m.replace(with: m * 0.5, where: high)
        exponent.replace(with: exponent + 1, where: high)
        let s = (m - 1) / (m + 1)
        let z = s * s
        var p = z * (1 / 9 as Float) + (1 / 7 as Float)
        p = p * z + (1 / 5 as Float)
        p = p * z + (1 / 3 as Float)
        p = p * z + 1
        return (exponent, 2 * s * p)
    }
}
