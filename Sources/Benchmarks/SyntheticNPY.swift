import FeatureMaps
import Foundation

/// Writes a C×H×W little-endian float32 `.npy` file of uniform random values in [−1, 1),
/// in chunks, so the benchmark's peak memory is not inflated by the data it loads.
public enum SyntheticNPY {
    /// Writes the file at `path`; the values depend only on `seed`.
    public static func write(to path: String, channels: Int, height: Int, width: Int, seed: UInt64 = 1) throws {
        let file = try OutputFile(creating: path)
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(channels), \(height), \(width)), }"
        // Magic (6) + version (2) + length (2) + header + newline, padded to a multiple of 64.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        bytes += [UInt8(header.utf8.count & 0xff), UInt8(header.utf8.count >> 8)]
        bytes += Array(header.utf8)
        try file.write(bytes)
        var random = SplitMix(seed: seed)
        var left = channels * height * width
        var chunk = [UInt8]()
        chunk.reserveCapacity(1 << 18)
        while left > 0 {
            let n = min(left, 1 << 16)
            chunk.removeAll(keepingCapacity: true)
            for _ in 0..<n {
                let bits = random.nextSigned().bitPattern.littleEndian
                chunk.append(UInt8(bits & 0xff))
                chunk.append(UInt8((bits >> 8) & 0xff))
                chunk.append(UInt8((bits >> 16) & 0xff))
                chunk.append(UInt8(bits >> 24))
            }
            try file.write(chunk)
            left -= n
        }
        try file.commit()
    }
}
