/// Converts packed elements of any supported type to Float, by value, in tight loops.
///
/// Integers and bools are not scaled (a `u1` 255 becomes 255.0); NaN and ±Inf pass through.
enum ElementDecoder {
    /// Decodes `count` elements of `type` starting at `bytes[offset]`.
    ///
    /// The caller has checked that `offset + count·type.size <= bytes.count`.
    static func decode(_ bytes: UnsafeRawBufferPointer, offset: Int, count: Int, type: ElementType) -> [Float] {
        guard count > 0 else { return [] }
        return FloatStorage.make(count: count) { out in
            let source = UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + count * type.size])
            fill(out, from: source, count: count, type: type)
            return count
        }
    }

    /// Writes `count` decoded elements of `source` into `out`.
    static func fill(_ out: UnsafeMutableBufferPointer<Float>, from source: UnsafeRawBufferPointer,
                     count: Int, type: ElementType) {
        let swap = type.bigEndian != (1.littleEndian != 1)  // true when file order differs from the host's
        switch (type.kind, type.size) {
        case (.float, 4):
            if !swap {
                // The common case: a straight copy.
                UnsafeMutableRawBufferPointer(out).copyMemory(from: source)
            } else {
                convert(source, out, count, UInt32.self) { Float(bitPattern: $0.byteSwapped) }
            }
        case (.float, 8):
            convert(source, out, count, UInt64.self) { Float(Double(bitPattern: swap ? $0.byteSwapped : $0)) }
        case (.float, 2):
            convert(source, out, count, UInt16.self) { halfToFloat(swap ? $0.byteSwapped : $0) }
        case (.bfloat, _):
            convert(source, out, count, UInt16.self) { Float(bitPattern: UInt32(swap ? $0.byteSwapped : $0) << 16) }
        case (.signed, 1):
            convert(source, out, count, Int8.self) { Float($0) }
        case (.signed, 2):
            convert(source, out, count, UInt16.self) { Float(Int16(bitPattern: swap ? $0.byteSwapped : $0)) }
        case (.signed, 4):
            convert(source, out, count, UInt32.self) { Float(Int32(bitPattern: swap ? $0.byteSwapped : $0)) }
        case (.signed, _):
            convert(source, out, count, UInt64.self) { Float(Int64(bitPattern: swap ? $0.byteSwapped : $0)) }
        case (.unsigned, 1):
            convert(source, out, count, UInt8.self) { Float($0) }
        case (.unsigned, 2):
            convert(source, out, count, UInt16.self) { Float(swap ? $0.byteSwapped : $0) }
        case (.unsigned, 4):
            convert(source, out, count, UInt32.self) { Float(swap ? $0.byteSwapped : $0) }
        case (.unsigned, _):
            convert(source, out, count, UInt64.self) { Float(swap ? $0.byteSwapped : $0) }
        case (.bool, _):
            convert(source, out, count, UInt8.self) { $0 == 0 ? 0 : 1 }
        case (.float, _):
            out.initialize(repeating: .nan)  // unreachable: ElementType only builds f2, f4, f8
        }
    }

    /// Applies `transform` to each raw element, read unaligned.
    @inline(__always)
    private static func convert<Raw: FixedWidthInteger>(
        _ source: UnsafeRawBufferPointer, _ out: UnsafeMutableBufferPointer<Float>, _ count: Int,
        _ raw: Raw.Type, _ transform: (Raw) -> Float
    ) {
        let stride = MemoryLayout<Raw>.size
        guard let base = source.baseAddress, let target = out.baseAddress else { return }
        for index in 0 ..< count {
            target[index] = transform(base.loadUnaligned(fromByteOffset: index * stride, as: Raw.self))
        }
    }

    /// Converts IEEE 754 half-precision bits to Float (subnormals, ±Inf and NaN included).
    @inline(__always)
    static func halfToFloat(_ bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = UInt32(bits >> 10) & 0x1f
        let mantissa = UInt32(bits & 0x3ff)
        if exponent == 0x1f {  // Inf or NaN
            return Float(bitPattern: sign | 0x7f80_0000 | (mantissa << 13))
        }
        if exponent == 0 {  // zero or subnormal: mantissa · 2^-24
            let magnitude = Float(mantissa) * 0x1p-24
            return sign != 0 ? -magnitude : magnitude
        }
        return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
    }
}
