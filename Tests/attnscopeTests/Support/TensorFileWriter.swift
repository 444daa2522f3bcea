import Foundation

/// Writes small float32 tensor files (.npy, .safetensors) for the end-to-end tests, and large
/// .npy maps streamed in chunks (never held in memory at once).
enum TensorFileWriter {
    /// A new path in the temporary directory with `suffix` (the caller removes it).
    static func temporaryPath(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-\(UUID().uuidString)\(suffix)").path
    }

    /// The header of a little-endian float32 C-order .npy file of `shape` (version 1.0).
    static func npyHeader(_ shape: [Int]) -> [UInt8] {
        let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(dims)), }"
        header += String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
        let length = header.utf8.count
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xff), UInt8(length >> 8)] + Array(header.utf8)
    }

    /// Writes `values` (row-major) as a `shape` .npy file at a new temporary path.
    static func npy(_ shape: [Int], _ values: [Float]) throws -> String {
        precondition(shape.reduce(1, *) == values.count, "values do not fill the shape")
        var bytes = npyHeader(shape)
        bytes.reserveCapacity(bytes.count + values.count * 4)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
        let path = temporaryPath(".npy")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes named float32 tensors as a .safetensors file at a new temporary path.
    static func safetensors(_ tensors: [(name: String, shape: [Int], values: [Float])]) throws -> String {
        var entries: [String] = []
        var data: [UInt8] = []
        for t in tensors {
            precondition(t.shape.reduce(1, *) == t.values.count, "values do not fill the shape")
            let start = data.count
            for v in t.values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data += $0 } }
            entries.append("\"\(t.name)\":{\"dtype\":\"F32\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],"
                           + "\"data_offsets\":[\(start),\(data.count)]}")
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes += $0 }
        let path = temporaryPath(".safetensors")
        try Data(bytes + header + data).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Streams a C×H×W float32 .npy map to `path`, 4 MiB at a time, never holding it in memory.
    ///
    /// Each channel is a smooth pattern (a sine of the row plus a cosine of the column, with
    /// different frequencies per channel) that repeats every `4 MiB / W` rows, so writing
    /// 512 MB costs a few million evaluations even in a debug build.
    static func largeMap(channels: Int, height: Int, width: Int, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(npyHeader([channels, height, width]))),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        let period = max(1, min(height, (1 << 20) / width))
        for c in 0..<channels {
            let fy = Float(c + 1) * 0.05, fx = Float(channels - c) * 0.011
            let columns = (0..<width).map { cos(Float($0) * fx + Float(c)) }
            var chunk = [Float](repeating: 0, count: period * width)
            for r in 0..<period {
                let base = sin(Float(r) * fy)
                for x in 0..<width { chunk[r * width + x] = base + columns[x] }
            }
            let bytes = chunk.withUnsafeBytes { Data($0) }
            var row = 0
            while row < height {
                let rows = min(period, height - row)
                try handle.write(contentsOf: rows == period ? bytes : bytes.prefix(rows * width * 4))
                row += rows
            }
        }
    }
}
