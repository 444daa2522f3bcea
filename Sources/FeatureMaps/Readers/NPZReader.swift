/// Reads NumPy `.npz` archives: a ZIP of `.npy` members, stored or deflated (ZIP64 included).
///
/// Each member's claimed size is checked against the cap before it is extracted, and
/// inflating stops as soon as a member yields more bytes than it claimed.
enum NPZReader {
    /// Whether `bytes` starts like a ZIP file.
    static func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4b && bytes[2] == 0x03 && bytes[3] == 0x04
    }

    /// The arrays of the archive in `bytes`, named without their `.npy` suffix, in archive order;
    /// `cap` limits each array's decoded size.
    static func read(_ bytes: [UInt8], maxBytes cap: Int) throws(ReadProblem) -> [(String, Tensor)] {
        let container = try ZipContainer(bytes)
        var entries: [(String, Tensor)] = []
        for member in container.members where member.name.hasSuffix(".npy") {
            // A member holds at most a header plus 8 bytes per decoded element (f8 → f4); anything
            // the cap could never accept is refused before extraction.
            let limit = UInt64(cap) &* 2 &+ 65_536
            guard member.uncompressedSize <= limit else {
                throw ReadProblem("member '\(member.name)' claims \(member.uncompressedSize) bytes, over the read limit (raise it with \(ReadLimits.environmentVariable))")
            }
            let contents = try container.contents(of: member)
            do {
                let tensor = try contents.readingBytes { buffer throws(ReadProblem) in try NPYReader.read(buffer, maxBytes: cap) }
                entries.append((String(member.name.dropLast(4)), tensor))
            } catch {
                throw ReadProblem("member '\(member.name)' \(error.message)")
            }
        }
        guard !entries.isEmpty else { throw ReadProblem("is a ZIP archive without .npy members") }
        return entries
    }
}
