/// A vectorised `e^x` for Float: range reduction to `r ∈ [−ln2/2, ln2/2]`, a degree-7 polynomial,
/// and a power of two built from the exponent bits.
///
/// Accurate to about 1.2e-7 relative (1 ulp) on `[−87.3, 88.3]`; below that it returns 0 (as
/// `expf` does for −∞ and underflows to 0 near −104), above it +∞, and NaN stays NaN. Only
/// arithmetic, comparisons and bit casts are used: stdlib's `pointwiseMax`, `addProduct` (without
/// FMA in the target) and the rounding initialisers scalarise, which would cost 5–100×.
enum FastExp {
    /// Where `e^x` leaves the normal Float range: below, the result is flushed to 0.
    @usableFromInline static let lowerLimit: Float = -87.33654
    /// Above this, `e^x` overflows: the result is +∞.
    @usableFromInline static let upperLimit: Float = 88.72283

    /// `e^x` lane by lane.
    @inlinable @inline(__always)
    public static func exp(_ x: SIMD16<Float>) -> SIMD16<Float> {
        let under = x .< lowerLimit
        let over = x .> upperLimit
        var v = x
        v.replace(with: 0, where: under .| over)
        // n = round(v·log2 e) by the 1.5·2^23 trick (adding and removing it rounds to nearest).
        let magic = SIMD16<Float>(repeating: 12582912)
        let t = v * 1.442695040888963 + magic
        let n = t - magic
        // r = v − n·ln2 in two steps (Cody–Waite) so r keeps its low bits.
        var r = v - n * 0.693359375
        r = r + n * 2.12194440e-4
        var p = SIMD16<Float>(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        p = p * (r * r) + r + 1
        // 2^n from the integer n held in t's low mantissa bits; n ∈ [−126, 127] after the clamp,
        // and 2^n is applied as 2^(n/2)·2^(n−n/2) so that n = 128 near the top does not overflow.
        let bits = unsafeBitCast(t, to: SIMD16<Int32>.self) &- unsafeBitCast(magic, to: SIMD16<Int32>.self)
        let half = bits &>> 1
        let s1 = unsafeBitCast((half &+ 127) &<< 23, to: SIMD16<Float>.self)
        let s2 = unsafeBitCast((bits &- half &+ 127) &<< 23, to: SIMD16<Float>.self)
        var out = p * s1 * s2
        out.replace(with: 0, where: under)
        out.replace(with: .infinity, where: over)
        out.replace(with: .nan, where: x .!= x)
        return out
    }

    /// `e^x` for one value, through the same polynomial (for tails shorter than a vector).
    @inlinable
    public static func exp(_ x: Float) -> Float {
        exp(SIMD16<Float>(repeating: x))[0]
    }
}
