/// Reads NumPy `.npz` archives: a ZIP of `.npy` members, stored or deflated (ZIP64 included).
///
/// Memory follows what the file really holds. A member's claimed size is checked against the
/// cap and against deflate's expansion limit before anything is inflated; its `.npy` header is
/// read from the first inflated bytes, and a shape that does not account for exactly the
/// member's size is refused before the rest is inflated; then the member is inflated a chunk at
/// a time straight into the tensor's storage, its CRC computed on the way. The arrays of one
/// archive together stay under the cap.
enum NPZReader {
    /// The longest `.npy` header read from a member (NumPy writes well under 1 KiB).
    static let maxHeaderBytes = 1 << 20

    /// Whether `bytes` starts like a ZIP file.
    static func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4b && bytes[2] == 0x03 && bytes[3] == 0x04
    }

    /// The arrays of the archive in `source`, named without their `.npy` suffix, in archive order;
    /// `cap` limits their decoded size, each and together.
    static func read(_ source: some ByteSource, maxBytes cap: Int) throws(ReadProblem) -> [(String, Tensor)] {
        let container = try ZipContainer(source)
        var entries: [(String, Tensor)] = []
        var decodedBytes = 0
        // ZIP allows two members of one name; np.load reads the last, so either choice could show
        // other numbers than NumPy does.
        var seen = Set<String>()
        for member in container.members where member.name.hasSuffix(".npy") && !seen.insert(member.name).inserted {
            throw ReadProblem("holds two members named '\(member.name)'; NumPy would read only the last, so the archive is refused")
        }
        for member in container.members where member.name.hasSuffix(".npy") {
            // A member holds at most a header plus 8 bytes per decoded element (f8 → f4).
            try container.check(member, limit: UInt64(cap) &* 2 &+ UInt64(maxHeaderBytes))
            let header = try readHeader(of: member, in: container)
            let tensor = try readData(of: member, header: header, in: container, maxBytes: cap - decodedBytes,
                                      alreadyDecoded: decodedBytes, cap: cap)
            decodedBytes += tensor.count * MemoryLayout<Float>.size
            entries.append((String(member.name.dropLast(4)), tensor))
        }
        guard !entries.isEmpty else { throw ReadProblem("is a ZIP archive without .npy members") }
        return entries
    }

    /// The member's `.npy` header, from its first inflated bytes only.
    private static func readHeader<Source>(of member: ZipContainer<Source>.Member, in container: ZipContainer<Source>) throws(ReadProblem) -> NPYHeader {
        var head: [UInt8] = []
        try container.inflate(member) { piece throws(ReadProblem) in
            head.append(contentsOf: piece.prefix(maxHeaderBytes + 16 - head.count))
            guard let length = NPYHeader.length(ofPrefix: head) else { return head.count < maxHeaderBytes + 16 }
            guard length <= maxHeaderBytes + 16 else {
                throw ReadProblem("member '\(member.name)' has a \(length)-byte .npy header, over the \(maxHeaderBytes)-byte limit")
            }
            return head.count < length
        }
        do throws(ReadProblem) {
            return try head.readingBytes { bytes throws(ReadProblem) in try NPYHeader.parse(bytes) }
        } catch {
            throw ReadProblem("member '\(member.name)' \(error.message)")
        }
    }

    /// The member's array: its size checked against the header, then inflated into its storage.
    private static func readData<Source>(of member: ZipContainer<Source>.Member, header: NPYHeader, in container: ZipContainer<Source>,
                                         maxBytes: Int, alreadyDecoded: Int, cap: Int) throws(ReadProblem) -> Tensor {
        let quoted = "member '\(member.name)'"
        let count: Int
        switch ReadLimits.elementCount(of: header.shape, maxBytes: cap) {
        case .success(let value): count = value
        case .failure(let problem): throw ReadProblem("\(quoted) \(problem.message(shape: header.shape))")
        }
        let (needed, overflow) = count.multipliedReportingOverflow(by: header.type.size)
        let available = Int(member.uncompressedSize) - header.dataOffset
        let described = "shape \(NPYReader.describe(header.shape)) of \(header.type.name)"
        if overflow || needed > available {
            throw ReadProblem("\(quoted) is truncated: \(described) needs \(overflow ? "more" : String(needed)) data bytes, the member has \(available)")
        }
        if needed < available {
            throw ReadProblem("\(quoted) has \(available - needed) bytes after the data that \(described) accounts for (the header lies about the size)")
        }
        guard count * MemoryLayout<Float>.size <= maxBytes else {
            throw ReadProblem("\(quoted) would bring the archive's arrays to \(alreadyDecoded + count * MemoryLayout<Float>.size) bytes as Float32, over the \(cap)-byte limit (raise it with \(ReadLimits.environmentVariable))")
        }
        var failure: ReadProblem?
        let values = FloatStorage.make(count: count) { out in
            var sink = ElementSink(out, type: header.type, fortranShape: header.fortranOrder ? header.shape : nil)
            var skip = header.dataOffset
            do throws(ReadProblem) {
                try container.inflate(member) { piece throws(ReadProblem) in
                    let dropped = min(skip, piece.count)
                    skip -= dropped
                    try sink.take(UnsafeRawBufferPointer(rebasing: piece[dropped...]))
                    return true
                }
            } catch {
                failure = error
                return 0
            }
            guard sink.isComplete else {
                failure = ReadProblem("\(quoted) is truncated")
                return 0
            }
            return count
        }
        if let failure { throw failure }
        return Tensor(shape: header.shape, values: values, dtype: header.type.name)
    }
}
