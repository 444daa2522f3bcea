import Foundation
import ZIPFoundation

/// The member directory of a ZIP file (what `.npz` archives are), parsed with every offset and
/// size checked against the file's real length, so a lying header can neither crash the reader
/// nor make it allocate. Inflating and checksums are ZIPFoundation's (zlib).
struct ZipContainer {
    /// One member of the archive, as the central directory describes it.
    struct Member {
        var name: String
        var method: UInt16
        var flags: UInt16
        var checksum: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
    }

    /// The archive's bytes.
    let bytes: [UInt8]
    /// The members in central-directory order.
    private(set) var members: [Member] = []

    /// Parses the central directory of `bytes`.
    init(_ bytes: [UInt8]) throws(ReadProblem) {
        self.bytes = bytes
        let end = try Self.findEndRecord(bytes)
        var entryCount = UInt64(u16(end + 10))
        var directorySize = UInt64(u32(end + 12))
        var directoryOffset = UInt64(u32(end + 16))
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: the locator sits just before the end record and points at the ZIP64 record.
            guard end >= 20, u32(end - 20) == 0x0706_4b50 else { throw ReadProblem("is a damaged ZIP archive (ZIP64 locator missing)") }
            let recordOffset = u64(end - 12)
            guard recordOffset <= UInt64(end - 20), Int(recordOffset) + 56 <= bytes.count, u32(Int(recordOffset)) == 0x0606_4b50 else {
                throw ReadProblem("is a damaged ZIP archive (bad ZIP64 end record)")
            }
            let record = Int(recordOffset)
            entryCount = u64(record + 32)
            directorySize = u64(record + 40)
            directoryOffset = u64(record + 48)
        }
        guard directoryOffset <= UInt64(bytes.count), directorySize <= UInt64(bytes.count) - directoryOffset else {
            throw ReadProblem("is a damaged ZIP archive (central directory outside the file)")
        }
        // Each directory entry takes at least 46 bytes, which bounds the count by the file size.
        guard entryCount <= directorySize / 46 else {
            throw ReadProblem("is a damaged ZIP archive (claims \(entryCount) members)")
        }
        var position = Int(directoryOffset)
        let directoryEnd = position + Int(directorySize)
        for _ in 0 ..< Int(entryCount) {
            guard position + 46 <= directoryEnd, u32(position) == 0x0201_4b50 else {
                throw ReadProblem("is a damaged ZIP archive (bad central directory entry)")
            }
            let nameLength = Int(u16(position + 28)), extraLength = Int(u16(position + 30)), commentLength = Int(u16(position + 32))
            let next = position + 46 + nameLength + extraLength + commentLength
            guard next <= directoryEnd else { throw ReadProblem("is a damaged ZIP archive (central directory entry overruns)") }
            var member = Member(
                name: String(decoding: bytes[position + 46 ..< position + 46 + nameLength], as: UTF8.self),
                method: u16(position + 10), flags: u16(position + 8), checksum: u32(position + 16),
                compressedSize: UInt64(u32(position + 20)), uncompressedSize: UInt64(u32(position + 24)),
                localHeaderOffset: UInt64(u32(position + 42)))
            try Self.applyZip64Extra(bytes, from: position + 46 + nameLength, length: extraLength, to: &member)
            members.append(member)
            position = next
        }
    }

    /// The uncompressed contents of `member`, at most `member.uncompressedSize` bytes, CRC-checked.
    func contents(of member: Member) throws(ReadProblem) -> [UInt8] {
        let quoted = "member '\(member.name)'"
        guard member.flags & 1 == 0 else { throw ReadProblem("\(quoted) is encrypted, which is not supported") }
        guard member.localHeaderOffset <= UInt64(bytes.count), Int(member.localHeaderOffset) + 30 <= bytes.count,
              u32(Int(member.localHeaderOffset)) == 0x0403_4b50 else {
            throw ReadProblem("\(quoted) has a bad local header offset")
        }
        let local = Int(member.localHeaderOffset)
        let dataStart = local + 30 + Int(u16(local + 26)) + Int(u16(local + 28))
        guard dataStart <= bytes.count, member.compressedSize <= UInt64(bytes.count - dataStart) else {
            throw ReadProblem("\(quoted) is truncated (its data runs past the end of the file)")
        }
        let compressed = bytes[dataStart ..< dataStart + Int(member.compressedSize)]
        let expected = Int(member.uncompressedSize)
        var output: [UInt8]
        switch member.method {
        case 0:
            guard member.compressedSize == member.uncompressedSize else {
                throw ReadProblem("\(quoted) is stored but its sizes disagree (\(member.compressedSize) vs \(member.uncompressedSize))")
            }
            output = Array(compressed)
        case 8:
            output = try inflate(compressed, limit: expected, quoted: quoted)
        default:
            throw ReadProblem("\(quoted) uses unsupported compression method \(member.method) (stored and deflated are supported)")
        }
        guard output.count == expected else {
            throw ReadProblem("\(quoted) is truncated (\(output.count) of \(expected) bytes)")
        }
        guard Data(output).crc32(checksum: 0) == member.checksum else {
            throw ReadProblem("\(quoted) is corrupt (CRC mismatch)")
        }
        return output
    }

    /// Inflates raw deflate data, refusing to produce more than `limit` bytes.
    private func inflate(_ compressed: ArraySlice<UInt8>, limit: Int, quoted: String) throws(ReadProblem) -> [UInt8] {
        // zlib is told each input chunk is `chunkSize` long, so every chunk handed over really is:
        // the data is zero-padded to a whole number of chunks (zeros end a damaged stream with an error).
        let chunkSize = 1 << 16
        var padded = Data(compressed)
        padded.append(Data(count: chunkSize - padded.count % chunkSize))
        var output = [UInt8]()
        output.reserveCapacity(min(limit, compressed.count &* 1032 &+ 1024))
        do {
            _ = try Data.decompress(size: Int64(padded.count), bufferSize: chunkSize, skipCRC32: true, provider: { position, size in
                guard position >= 0, position < Int64(padded.count) else { throw InflateStop.dataExhausted }
                let start = Int(position)
                return padded.subdata(in: start ..< min(padded.count, start + size))
            }, consumer: { chunk in
                guard output.count + chunk.count <= limit else { throw InflateStop.oversized }
                output.append(contentsOf: chunk)
            })
        } catch InflateStop.oversized {
            throw ReadProblem("\(quoted) inflates to more than the \(limit) bytes it claims")
        } catch {
            throw ReadProblem("\(quoted) is corrupt (bad deflate data)")
        }
        return output
    }

    /// Why inflating stopped early.
    private enum InflateStop: Error { case dataExhausted, oversized }

    /// The offset of the end-of-central-directory record.
    private static func findEndRecord(_ bytes: [UInt8]) throws(ReadProblem) -> Int {
        guard bytes.count >= 22 else { throw ReadProblem("is not a readable .npz (ZIP) archive (too short)") }
        var position = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while position >= lowest {
            if bytes[position] == 0x50, bytes[position + 1] == 0x4b, bytes[position + 2] == 0x05, bytes[position + 3] == 0x06 {
                return position
            }
            position -= 1
        }
        throw ReadProblem("is not a readable .npz (ZIP) archive (no end of central directory)")
    }

    /// Replaces 0xFFFFFFFF sizes and offsets with the values of a ZIP64 extra field.
    private static func applyZip64Extra(_ bytes: [UInt8], from start: Int, length: Int, to member: inout Member) throws(ReadProblem) {
        var position = start
        let end = start + length
        while position + 4 <= end {
            let id = UInt16(bytes[position]) | UInt16(bytes[position + 1]) << 8
            let size = Int(UInt16(bytes[position + 2]) | UInt16(bytes[position + 3]) << 8)
            let body = position + 4
            guard body + size <= end else { break }
            if id == 0x0001 {
                var field = body
                func next() throws(ReadProblem) -> UInt64 {
                    guard field + 8 <= body + size else { throw ReadProblem("is a damaged ZIP archive (short ZIP64 field)") }
                    defer { field += 8 }
                    return (0 ..< 8).reduce(UInt64(0)) { $0 | UInt64(bytes[field + $1]) << (8 * UInt64($1)) }
                }
                if member.uncompressedSize == 0xFFFF_FFFF { member.uncompressedSize = try next() }
                if member.compressedSize == 0xFFFF_FFFF { member.compressedSize = try next() }
                if member.localHeaderOffset == 0xFFFF_FFFF { member.localHeaderOffset = try next() }
            }
            position = body + size
        }
    }

    private func u16(_ offset: Int) -> UInt16 { UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8 }
    private func u32(_ offset: Int) -> UInt32 { UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16 }
    private func u64(_ offset: Int) -> UInt64 { UInt64(u32(offset)) | UInt64(u32(offset + 4)) << 32 }
}
