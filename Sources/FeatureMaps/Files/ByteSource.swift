/// Bytes a reader takes from where they lie — a file through `pread`, or an array in memory —
/// a piece at a time, so that decoding a tensor never needs the whole file in memory.
protocol ByteSource {
    /// The number of bytes.
    var size: Int { get }
    /// Copies `count` bytes at `offset` into `buffer`; the caller has checked that they exist.
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(ReadProblem)
}

extension ByteSource {
    /// `count` bytes at `offset` (at most up to the end), as a new array.
    func bytes(at offset: Int, count: Int) throws(ReadProblem) -> [UInt8] {
        let wanted = max(0, min(count, size - offset))
        var failure: ReadProblem?
        let bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress, wanted > 0 else { return }
            do throws(ReadProblem) { try read(into: base, count: wanted, at: offset) } catch { failure = error; return }
            initialized = wanted
        }
        if let failure { throw failure }
        return bytes
    }

    /// Hands the `count` bytes at `offset` to `consume` in pieces of at most `chunk` bytes.
    func stream(at offset: Int, count: Int, chunk: Int = 1 << 20,
                _ consume: (UnsafeRawBufferPointer) throws(ReadProblem) -> Void) throws(ReadProblem) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, min(chunk, count)), alignment: 16)
        defer { buffer.deallocate() }
        var done = 0
        while done < count {
            let piece = min(buffer.count, count - done)
            try read(into: buffer.baseAddress!, count: piece, at: offset + done)
            try consume(UnsafeRawBufferPointer(rebasing: buffer[0 ..< piece]))
            done += piece
        }
    }
}

/// A byte array as a `ByteSource` (tests and fuzzing decode files held in memory).
struct MemoryBytes: ByteSource {
    /// The bytes.
    let bytes: [UInt8]

    var size: Int { bytes.count }

    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(ReadProblem) {
        guard offset >= 0, count >= 0, offset <= bytes.count - count else { throw ReadProblem("is shorter than it claims") }
        bytes.withUnsafeBytes { source in buffer.copyMemory(from: source.baseAddress! + offset, byteCount: count) }
    }
}
