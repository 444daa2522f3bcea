/// Writes arrays in NumPy's `.npy` format, version 1.0, little-endian float32.
public enum NumpyArray {
    /// The bytes of a `.npy` file holding `values` (row-major) with `shape`, dtype `<f4`.
    ///
    /// The header is padded with spaces and ends in a newline so that the data starts at a
    /// multiple of 64 bytes, as NumPy writes it.
    public static func float32(shape: [Int], values: [Float]) -> [UInt8] {
        precondition(shape.reduce(1, *) == values.count, "npy shape does not match its values")
        let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(dims)), }"
        let preamble = 10  // magic (6) + version (2) + header length (2)
        let total = preamble + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - total % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        let length = UInt16(header.utf8.count)
        bytes += [UInt8(length & 0xff), UInt8(length >> 8)]
        bytes += Array(header.utf8)
        bytes.reserveCapacity(bytes.count + 4 * values.count)
        for v in values {
            let bits = v.bitPattern
            bytes += [UInt8(bits & 0xff), UInt8((bits >> 8) & 0xff), UInt8((bits >> 16) & 0xff), UInt8(bits >> 24)]
        }
        return bytes
    }

    /// The field's weight map as a (H, W) float32 `.npy`.
    public static func weights(of field: AttentionField) -> [UInt8] {
        float32(shape: [field.height, field.width], values: field.weights)
    }
}
