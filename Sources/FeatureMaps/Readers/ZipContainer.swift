import Foundation
import ZIPFoundation

/// The member directory of a ZIP file (what `.npz` archives are), read from the file a piece at a
/// time with every offset and size checked against the file's real length, so a lying header
/// can neither crash the reader nor make it allocate. Inflating and checksums are
/// ZIPFoundation's (zlib); members are streamed, never held whole.
struct ZipContainer<Source: ByteSource> {
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

    /// The most members read (an .npz holds a handful of arrays).
    static var maxMembers: Int { 65_536 }
    /// The largest central directory read.
    static var maxDirectoryBytes: Int { 16 << 20 }
    /// Deflate cannot expand data more than about 1032 times (a 258-byte match per 2 bits); a
    /// member claiming more than that, plus a little for tiny members, is a lie.
    static var maxDeflateRatio: UInt64 { 1032 }

    /// The archive.
    let source: Source
    /// The members in central-directory order.
    private(set) var members: [Member] = []

    /// Reads the central directory of `source`.
    init(_ source: Source) throws(ReadProblem) {
        self.source = source
        let size = source.size
        // The end record lies in the last 22 + 65535 bytes; a ZIP64 locator in the 20 before it.
        let tailStart = max(0, size - 22 - 65_535 - 20)
        let tail = try source.bytes(at: tailStart, count: size - tailStart)
        let endInTail = try Self.findEndRecord(tail)
        var entryCount = UInt64(tail.u16(endInTail + 10))
        var directorySize = UInt64(tail.u32(endInTail + 12))
        var directoryOffset = UInt64(tail.u32(endInTail + 16))
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: the locator sits just before the end record and points at the ZIP64 record.
            guard endInTail >= 20, tail.u32(endInTail - 20) == 0x0706_4b50 else { throw ReadProblem("is a damaged ZIP archive (ZIP64 locator missing)") }
            let recordOffset = tail.u64(endInTail - 12)
            guard recordOffset <= UInt64(tailStart + endInTail - 20), Int(recordOffset) + 56 <= size else {
                throw ReadProblem("is a damaged ZIP archive (bad ZIP64 end record)")
            }
            let record = try source.bytes(at: Int(recordOffset), count: 56)
            guard record.u32(0) == 0x0606_4b50 else { throw ReadProblem("is a damaged ZIP archive (bad ZIP64 end record)") }
            entryCount = record.u64(32)
            directorySize = record.u64(40)
            directoryOffset = record.u64(48)
        }
        guard directoryOffset <= UInt64(size), directorySize <= UInt64(size) - directoryOffset else {
            throw ReadProblem("is a damaged ZIP archive (central directory outside the file)")
        }
        guard directorySize <= UInt64(Self.maxDirectoryBytes) else {
            throw ReadProblem("has a \(directorySize)-byte ZIP directory, over the \(Self.maxDirectoryBytes)-byte limit")
        }
        // Each directory entry takes at least 46 bytes, which bounds the count by the file size.
        guard entryCount <= directorySize / 46 else {
            throw ReadProblem("is a damaged ZIP archive (claims \(entryCount) members)")
        }
        guard entryCount <= UInt64(Self.maxMembers) else {
            throw ReadProblem("holds \(entryCount) ZIP members, over the limit of \(Self.maxMembers)")
        }
        let directory = try source.bytes(at: Int(directoryOffset), count: Int(directorySize))
        var position = 0
        for _ in 0 ..< Int(entryCount) {
            guard position + 46 <= directory.count, directory.u32(position) == 0x0201_4b50 else {
                throw ReadProblem("is a damaged ZIP archive (bad central directory entry)")
            }
            let nameLength = Int(directory.u16(position + 28)), extraLength = Int(directory.u16(position + 30))
            let commentLength = Int(directory.u16(position + 32))
            let next = position + 46 + nameLength + extraLength + commentLength
            guard next <= directory.count else { throw ReadProblem("is a damaged ZIP archive (central directory entry overruns)") }
            var member = Member(
                name: String(decoding: directory[position + 46 ..< position + 46 + nameLength], as: UTF8.self),
                method: directory.u16(position + 10), flags: directory.u16(position + 8), checksum: directory.u32(position + 16),
                compressedSize: UInt64(directory.u32(position + 20)), uncompressedSize: UInt64(directory.u32(position + 24)),
                localHeaderOffset: UInt64(directory.u32(position + 42)))
            try Self.applyZip64Extra(directory, from: position + 46 + nameLength, length: extraLength, to: &member)
            members.append(member)
            position = next
        }
    }

    /// Refuses a member whose claimed sizes no real member could have: encrypted, an unknown
    /// method, stored with two sizes, over `limit` bytes, or beyond deflate's expansion ratio.
    func check(_ member: Member, limit: UInt64) throws(ReadProblem) {
        let quoted = "member '\(member.name)'"
        guard member.flags & 1 == 0 else { throw ReadProblem("\(quoted) is encrypted, which is not supported") }
        switch member.method {
        case 0:
            guard member.compressedSize == member.uncompressedSize else {
                throw ReadProblem("\(quoted) is stored but its sizes disagree (\(member.compressedSize) vs \(member.uncompressedSize))")
            }
        case 8:
            let (most, overflow) = member.compressedSize.multipliedReportingOverflow(by: Self.maxDeflateRatio)
            guard overflow || member.uncompressedSize <= most &+ 4096 else {
                throw ReadProblem("\(quoted) claims \(member.uncompressedSize) bytes from \(member.compressedSize) compressed, beyond what deflate can produce (\(Self.maxDeflateRatio):1)")
            }
        default:
            throw ReadProblem("\(quoted) uses unsupported compression method \(member.method) (stored and deflated are supported)")
        }
        guard member.uncompressedSize <= limit else {
            throw ReadProblem("\(quoted) claims \(member.uncompressedSize) bytes, over the read limit (raise it with \(ReadLimits.environmentVariable))")
        }
    }

    /// Streams the uncompressed contents of `member` to `consume` in chunks; `consume` returns
    /// false to stop early (then nothing more is checked). Otherwise the contents must be exactly
    /// `member.uncompressedSize` bytes with the member's CRC-32, computed as they stream.
    func inflate(_ member: Member, _ consume: (UnsafeRawBufferPointer) throws(ReadProblem) -> Bool) throws(ReadProblem) {
        let quoted = "member '\(member.name)'"
        let (start, length) = try dataRange(of: member)
        let expected = member.uncompressedSize
        var produced: UInt64 = 0
        var failure: ReadProblem?
        var stopped = false
        /// Passes one chunk on; false when inflating must end (an error or a stop).
        func pass(_ chunk: UnsafeRawBufferPointer) -> Bool {
            guard UInt64(chunk.count) <= expected - produced else {
                failure = ReadProblem("\(quoted) inflates to more than the \(expected) bytes it claims")
                return false
            }
            produced += UInt64(chunk.count)
            do throws(ReadProblem) {
                if try !consume(chunk) { stopped = true; return false }
            } catch {
                failure = error
                return false
            }
            return true
        }
        var checksum: UInt32 = 0
        switch member.method {
        case 0:
            do throws(ReadProblem) {
                try source.stream(at: start, count: length, chunk: Self.chunkSize) { piece throws(ReadProblem) in
                    checksum = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: piece.baseAddress!), count: piece.count,
                                    deallocator: .none).crc32(checksum: checksum)
                    guard pass(piece) else { throw ReadProblem("stopped") }
                }
            } catch {
                if failure == nil && !stopped { failure = error }
            }
        default:
            // zlib is told each input chunk is `chunkSize` long, so every chunk handed over really
            // is: the last is zero-padded (zeros end a damaged stream with an error).
            do {
                checksum = try Data.decompress(size: Int64(length), bufferSize: Self.chunkSize, skipCRC32: false, provider: { position, _ in
                    guard position >= 0, position < Int64(length) else { throw InflateStop.dataExhausted }
                    let offset = Int(position)
                    var chunk = Data(count: Self.chunkSize)
                    let wanted = min(Self.chunkSize, length - offset)
                    var problem: ReadProblem?
                    chunk.withUnsafeMutableBytes { buffer in
                        do throws(ReadProblem) { try source.read(into: buffer.baseAddress!, count: wanted, at: start + offset) } catch { problem = error }
                    }
                    if let problem { failure = problem; throw InflateStop.marker }
                    return chunk
                }, consumer: { chunk in
                    let going = chunk.withUnsafeBytes { pass($0) }
                    if !going { throw InflateStop.marker }
                })
            } catch {
                if failure == nil && !stopped { failure = ReadProblem("\(quoted) is corrupt (bad deflate data)") }
            }
        }
        if let failure { throw failure }
        if stopped { return }
        guard produced == expected else { throw ReadProblem("\(quoted) is truncated (\(produced) of \(expected) bytes)") }
        guard checksum == member.checksum else { throw ReadProblem("\(quoted) is corrupt (CRC mismatch)") }
    }

    /// The size of the pieces read and inflated.
    static var chunkSize: Int { 1 << 16 }

    /// Why inflating stopped early.
    private enum InflateStop: Error { case dataExhausted, marker }

    /// Where `member`'s data lies: after its local header, within the file.
    private func dataRange(of member: Member) throws(ReadProblem) -> (start: Int, count: Int) {
        let quoted = "member '\(member.name)'"
        guard member.localHeaderOffset <= UInt64(source.size), Int(member.localHeaderOffset) + 30 <= source.size else {
            throw ReadProblem("\(quoted) has a bad local header offset")
        }
        let local = Int(member.localHeaderOffset)
        let header = try source.bytes(at: local, count: 30)
        guard header.u32(0) == 0x0403_4b50 else { throw ReadProblem("\(quoted) has a bad local header offset") }
        let dataStart = local + 30 + Int(header.u16(26)) + Int(header.u16(28))
        guard dataStart <= source.size, member.compressedSize <= UInt64(source.size - dataStart) else {
            throw ReadProblem("\(quoted) is truncated (its data runs past the end of the file)")
        }
        return (dataStart, Int(member.compressedSize))
    }

    /// The offset of the end-of-central-directory record in `tail` (the end of the file).
    private static func findEndRecord(_ tail: [UInt8]) throws(ReadProblem) -> Int {
        guard tail.count >= 22 else { throw ReadProblem("is not a readable .npz (ZIP) archive (too short)") }
        var position = tail.count - 22
        while position >= 0 {
            if tail[position] == 0x50, tail[position + 1] == 0x4b, tail[position + 2] == 0x05, tail[position + 3] == 0x06 {
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
            let id = bytes.u16(position)
            let size = Int(bytes.u16(position + 2))
            let body = position + 4
            guard body + size <= end else { break }
            if id == 0x0001 {
                var field = body
                func next() throws(ReadProblem) -> UInt64 {
                    guard field + 8 <= body + size else { throw ReadProblem("is a damaged ZIP archive (short ZIP64 field)") }
                    defer { field += 8 }
                    return bytes.u64(field)
                }
                if member.uncompressedSize == 0xFFFF_FFFF { member.uncompressedSize = try next() }
                if member.compressedSize == 0xFFFF_FFFF { member.compressedSize = try next() }
                if member.localHeaderOffset == 0xFFFF_FFFF { member.localHeaderOffset = try next() }
            }
            position = body + size
        }
    }
}

extension Array where Element == UInt8 {
    /// The little-endian integers at `offset` (the caller has checked the bytes exist).
    func u16(_ offset: Int) -> UInt16 { UInt16(self[offset]) | UInt16(self[offset + 1]) << 8 }
    func u32(_ offset: Int) -> UInt32 { UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16 }
    func u64(_ offset: Int) -> UInt64 { UInt64(u32(offset)) | UInt64(u32(offset + 4)) << 32 }
}
