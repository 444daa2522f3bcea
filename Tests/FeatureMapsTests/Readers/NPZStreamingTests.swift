import Foundation
import Testing
import ZIPFoundation
@testable import FeatureMaps

/// A `ByteSource` that counts what is read from it, to show what a reader did not touch.
final class CountingSource: ByteSource {
    let inner: MemoryBytes
    private(set) var bytesRead = 0
    init(_ bytes: [UInt8]) { inner = MemoryBytes(bytes: bytes) }
    var size: Int { inner.size }
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(ReadProblem) {
        bytesRead += count
        try inner.read(into: buffer, count: count, at: offset)
    }
}

/// Builds ZIP archives member by member, deflating with zlib (through ZIPFoundation).
struct ZipBuilder {
    struct Member {
        var name: String
        var contents: (Int) -> [UInt8]  // the bytes from an offset, in pieces (for huge members)
        var size: Int
        var deflate = true
        var crc: UInt32? = nil           // nil: the real CRC-32
        var claimedSize: Int? = nil      // nil: the real size
    }

    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xff), UInt8((v >> 8) & 0xff)] }
    static func le32(_ v: Int) -> [UInt8] { le16(v & 0xffff) + le16((v >> 16) & 0xffff) }

    static func build(_ members: [Member]) throws -> [UInt8] {
        var out: [UInt8] = [], central: [UInt8] = []
        for member in members {
            var crc: UInt32 = 0
            var data: [UInt8] = []
            var position = 0
            // ZIPFoundation moves on by the size it asked for: hand over exactly that much.
            let provider: (Int64, Int) throws -> Data = { _, size in
                let wanted = min(size, member.size - position)
                var piece: [UInt8] = []
                while piece.count < wanted { piece += member.contents(position + piece.count).prefix(wanted - piece.count) }
                position += piece.count
                crc = Data(piece).crc32(checksum: crc)
                return Data(piece)
            }
            if member.deflate {
                _ = try Data.compress(size: Int64(member.size), bufferSize: 1 << 16, provider: provider, consumer: { data += $0 })
            } else {
                while position < member.size { data += try provider(0, 1 << 16) }
            }
            let name = Array(member.name.utf8)
            let method = member.deflate ? 8 : 0
            let fields = le16(0) + le16(method) + le16(0) + le16(0) + le32(Int(member.crc ?? crc)) + le32(data.count)
                + le32(member.claimedSize ?? member.size) + le16(name.count) + le16(0)
            central += le32(0x0201_4b50) + le16(20) + le16(20) + fields + le16(0) + le16(0) + le16(0) + le32(0) + le32(out.count) + name
            out += le32(0x0403_4b50) + le16(20) + fields + name + data
        }
        let directoryOffset = out.count
        out += central
        out += le32(0x0605_4b50) + le16(0) + le16(0) + le16(members.count) + le16(members.count) + le32(central.count)
            + le32(directoryOffset) + le16(0)
        return out
    }

    /// A .npy header (version 1.0) for `descr` and `shape`.
    static func npyHeader(_ descr: String, _ shape: [Int]) -> [UInt8] {
        let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(dims)), }"
        header += String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
        return [0x93] + Array("NUMPY".utf8) + [1, 0] + le16(header.utf8.count) + Array(header.utf8)
    }

    /// A member holding `header` then `total - header.count` zeros.
    static func zeros(_ name: String, header: [UInt8], total: Int) -> Member {
        Member(name: name, contents: { offset in
            offset < header.count ? Array(header[offset...]) : [UInt8](repeating: 0, count: 1 << 16)
        }, size: total)
    }
}

@Suite("npz members are streamed and checked against what the archive holds")
struct NPZStreamingTests {
    func decode(_ bytes: [UInt8], maxBytes: Int = ReadLimits.maxBytes) throws(FeatureMapError) -> TensorArchive {
        try TensorFiles.decode(bytes, path: "a.npz", maxBytes: maxBytes)
    }

    func message(_ bytes: [UInt8], maxBytes: Int = ReadLimits.maxBytes) -> String {
        do { _ = try decode(bytes, maxBytes: maxBytes); return "accepted" } catch { return error.description }
    }

    @Test func f8ValuesSurviveChunkBoundariesExactly() throws {
        // 3×200×250 float64 values, 1.2 MB: inflated and read in pieces that split elements.
        let count = 3 * 200 * 250
        var bytes = ZipBuilder.npyHeader("<f8", [3, 200, 250])
        for index in 0 ..< count { withUnsafeBytes(of: (Double(index) * 0.25 - 1000).bitPattern.littleEndian) { bytes += $0 } }
        let member = ZipBuilder.Member(name: "features.npy", contents: { Array(bytes[$0...].prefix(7919)) }, size: bytes.count)
        let tensor = try #require(try decode(ZipBuilder.build([member])).tensors["features"])
        #expect(tensor.shape == [3, 200, 250] && tensor.dtype == "f8")
        #expect(tensor.values.count == count)
        #expect(tensor.values.enumerated().allSatisfy { $0.element == Float(Double($0.offset) / 4 - 1000) })
    }

    @Test func aHeaderClaimingLessThanTheMemberIsRefusedBeforeTheRestIsInflated() throws {
        // 512 MiB of zeros (~520 kB deflated) behind a header that accounts for 64 bytes.
        let header = ZipBuilder.npyHeader("<f4", [4, 4])
        let archive = try ZipBuilder.build([ZipBuilder.zeros("features.npy", header: header, total: 512 << 20)])
        let source = CountingSource(archive)
        #expect(throws: ReadProblem.self) { _ = try NPZReader.read(source, maxBytes: ReadLimits.maxBytes) }
        #expect(source.bytesRead < archive.count / 2, "read \(source.bytesRead) of \(archive.count) bytes")
        #expect(message(archive) == "a.npz: member 'features.npy' has \((512 << 20) - 192) bytes after the data that shape (4, 4) of f4 accounts for (the header lies about the size)")
    }

    @Test func aHeaderClaimingMoreThanTheMemberIsRefused() throws {
        let header = ZipBuilder.npyHeader("<f4", [100, 100])
        let archive = try ZipBuilder.build([ZipBuilder.zeros("features.npy", header: header, total: 1000)])
        #expect(message(archive) == "a.npz: member 'features.npy' is truncated: shape (100, 100) of f4 needs 40000 data bytes, the member has 872")
    }

    @Test func aCRCMismatchIsFoundWhileStreaming() throws {
        let header = ZipBuilder.npyHeader("<f4", [16, 16])
        for deflate in [true, false] {
            var member = ZipBuilder.zeros("features.npy", header: header, total: header.count + 1024)
            member.deflate = deflate
            #expect(message(try ZipBuilder.build([member])) == "accepted")
            member.crc = 0xDEAD_BEEF
            #expect(message(try ZipBuilder.build([member])) == "a.npz: member 'features.npy' is corrupt (CRC mismatch)")
        }
    }

    @Test func twoMembersOfOneNameAreRefused() throws {
        // NumPy's np.load reads the last of two same-named members; taking either one silently
        // would show other numbers than the file's writer meant, so the archive is refused.
        let header = ZipBuilder.npyHeader("<f4", [2, 2])
        let first = ZipBuilder.zeros("features.npy", header: header, total: header.count + 16)
        var second = first
        second.contents = { offset in offset < header.count ? Array(header[offset...]) : [UInt8](repeating: 0x3f, count: 16) }
        #expect(message(try ZipBuilder.build([first, second])) == "a.npz: holds two members named 'features.npy'; NumPy would read only the last, so the archive is refused")
        var other = first
        other.name = "mask.npy"
        #expect(message(try ZipBuilder.build([first, other])) == "accepted")
    }

    @Test func aClaimedSizeBeyondDeflatesRatioIsRefusedUnread() throws {
        let header = ZipBuilder.npyHeader("<f4", [4, 4])
        var member = ZipBuilder.zeros("features.npy", header: header, total: header.count + 64)
        member.claimedSize = 100 << 20
        let archive = try ZipBuilder.build([member])
        let text = message(archive)
        #expect(text.hasPrefix("a.npz: member 'features.npy' claims 104857600 bytes from "), "\(text)")
        #expect(text.hasSuffix(" compressed, beyond what deflate can produce (1032:1)"))
    }

    @Test func theArchivesArraysTogetherStayUnderTheCap() throws {
        let header = ZipBuilder.npyHeader("<f4", [100, 100])
        let first = ZipBuilder.zeros("a.npy", header: header, total: header.count + 40_000)
        let second = ZipBuilder.zeros("b.npy", header: header, total: header.count + 40_000)
        let archive = try ZipBuilder.build([first, second])
        #expect(message(archive, maxBytes: 60_000) == "a.npz: member 'b.npy' would bring the archive's arrays to 80000 bytes as Float32, over the 60000-byte limit (raise it with ATTNSCOPE_MAX_BYTES)")
        #expect(try decode(archive, maxBytes: 80_000).names == ["a", "b"])
    }
}

@Suite("Decoding elements that arrive in pieces")
struct ElementSinkTests {
    @Test func elementsSplitAcrossPiecesDecodeExactly() throws {
        var bytes: [UInt8] = []
        let values: [Int16] = [1, -2, 300, -32768, 32767, 0, 7]
        for v in values { withUnsafeBytes(of: v.bigEndian) { bytes += $0 } }
        let type = try #require(ElementType(numpy: ">i2"))
        for pieceSize in [1, 3, 5, 14] {
            var out = [Float](repeating: .nan, count: values.count)
            try out.withUnsafeMutableBufferPointer { buffer in
                var sink = ElementSink(buffer, type: type)
                var start = 0
                while start < bytes.count {
                    let end = min(bytes.count, start + pieceSize)
                    try bytes[start ..< end].withUnsafeBytes { raw in try sink.take(raw) }
                    start = end
                }
                #expect(sink.isComplete)
            }
            #expect(out == values.map(Float.init), "pieces of \(pieceSize)")
        }
    }

    @Test func fortranOrderIsPlacedInCOrderAsItArrives() throws {
        // Element (i, j, k) of a 2×3×4 array holds 100i + 10j + k; Fortran order stores i fastest.
        let shape = [2, 3, 4]
        var bytes: [UInt8] = []
        for k in 0 ..< 4 { for j in 0 ..< 3 { for i in 0 ..< 2 { bytes.append(UInt8(100 * i + 10 * j + k)) } } }
        var expected: [Float] = []
        for i in 0 ..< 2 { for j in 0 ..< 3 { for k in 0 ..< 4 { expected.append(Float(100 * i + 10 * j + k)) } } }
        let type = try #require(ElementType(numpy: "|u1"))
        for pieceSize in [1, 5, 24] {
            var out = [Float](repeating: .nan, count: 24)
            try out.withUnsafeMutableBufferPointer { buffer in
                var sink = ElementSink(buffer, type: type, fortranShape: shape)
                var start = 0
                while start < bytes.count {
                    let end = min(bytes.count, start + pieceSize)
                    try bytes[start ..< end].withUnsafeBytes { raw in try sink.take(raw) }
                    start = end
                }
                #expect(sink.isComplete)
            }
            #expect(out == expected, "pieces of \(pieceSize)")
        }
    }

    @Test func moreBytesThanElementsAreRefused() throws {
        var out = [Float](repeating: 0, count: 1)
        let type = try #require(ElementType(numpy: "<f4"))
        let extra: [UInt8] = [0, 0, 128, 63, 1]
        out.withUnsafeMutableBufferPointer { buffer in
            var sink = ElementSink(buffer, type: type)
            #expect(throws: ReadProblem.self) { try extra.withUnsafeBytes { raw in try sink.take(raw) } }
        }
    }
}
