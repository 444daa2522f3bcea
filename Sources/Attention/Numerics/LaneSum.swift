/// Horizontal sums of Float vectors by halving, always inlined.
///
/// The stdlib's generic `SIMD.sum()` is called out of line here (~2% of a global query); halving
/// with `lowHalf + highHalf` compiles to a few shuffles and adds.
extension SIMD16 where Scalar == Float {
    /// The sum of the 16 lanes.
    @inlinable @inline(__always)
    var laneSum: Float { (lowHalf + highHalf).laneSum }
}

extension SIMD8 where Scalar == Float {
    /// The sum of the 8 lanes.
    @inlinable @inline(__always)
    var laneSum: Float {
        let four = lowHalf + highHalf
        let two = four.lowHalf + four.highHalf
        return two[0] + two[1]
    }
}
