import Foundation
import ZIPFoundation

/// Reads NumPy `.npz` archives: a ZIP of `.npy` members, stored or deflated.
///
/// Each member's claimed size is checked against the cap before it is extracted, and
/// extraction stops as soon as a member yields more bytes than it claimed.
enum NPZReader {
    /// Whether `bytes` starts like a ZIP file.
    static func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4b && bytes[2] == 0x03 && bytes[3] == 0x04
    }

    /// The arrays of the archive in `data`, named without their `.npy` suffix, in archive order.
    static func read(_ data: Data) throws(ReadProblem) -> [(String, Tensor)] {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw ReadProblem("is not a readable .npz (ZIP) archive")
        }
        var entries: [(String, Tensor)] = []
        let cap = ReadLimits.maxBytes
        for entry in archive {
            guard entry.type == .file else { continue }
            let memberPath = entry.path
            guard memberPath.hasSuffix(".npy") else { continue }
            let name = String(memberPath.dropLast(4))
            let claimed = entry.uncompressedSize
            // A member holds at most a header plus 8 bytes per decoded element; anything the cap
            // could never accept is refused before extraction.
            let limit = UInt64(cap) &* 2 &+ 65_536
            guard claimed <= limit else {
                throw ReadProblem("member '\(memberPath)' claims \(claimed) bytes, over the read limit (raise it with \(ReadLimits.environmentVariable))")
            }
            guard claimed > 0 else { throw ReadProblem("member '\(memberPath)' is empty") }
            var member = [UInt8]()
            member.reserveCapacity(Int(min(claimed, UInt64(data.count) &* 1032 &+ 1024)))
            do {
                _ = try archive.extract(entry, bufferSize: 1 << 16) { chunk in
                    guard UInt64(member.count + chunk.count) <= claimed else { throw OversizedMember() }
                    member.append(contentsOf: chunk)
                }
            } catch is OversizedMember {
                throw ReadProblem("member '\(memberPath)' inflates to more than the \(claimed) bytes it claims")
            } catch {
                throw ReadProblem("member '\(memberPath)' is corrupt (\(describe(error)))")
            }
            guard UInt64(member.count) == claimed else {
                throw ReadProblem("member '\(memberPath)' is truncated (\(member.count) of \(claimed) bytes)")
            }
            do {
                let tensor = try member.readingBytes { bytes throws(ReadProblem) in try NPYReader.read(bytes) }
                entries.append((name, tensor))
            } catch {
                throw ReadProblem("member '\(memberPath)' \(error.message)")
            }
        }
        guard !entries.isEmpty else { throw ReadProblem("is a ZIP archive without .npy members") }
        return entries
    }

    /// Signals a member that inflates past its claimed size.
    private struct OversizedMember: Error {}

    /// A few words for a ZIPFoundation error.
    private static func describe(_ error: any Error) -> String {
        guard let archiveError = error as? Archive.ArchiveError else { return "unreadable data" }
        switch archiveError {
        case .invalidCRC32: return "CRC mismatch"
        case .invalidCompressionMethod: return "unsupported compression method"
        case .invalidEntrySize, .invalidLocalHeaderSize, .invalidLocalHeaderDataOffset: return "bad local header"
        default: return "unreadable data"
        }
    }
}
