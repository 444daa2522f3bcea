import Foundation
import Testing

/// Hostile files cost what they hold, end to end: peak resident memory of the real binary
/// (`ru_maxrss`) while it refuses them, with a deadline.
@Suite("Hostile files are refused in bounded memory")
struct HostileFileMemoryTests {
    /// Issue 20's bound for a file holding no legitimate tensor of size: 60 MB in all (the binary
    /// alone, `info scene:default`, takes ~22 MB).
    static let budget = 60 << 20

    @Test func anNpzBombWhoseHeaderDoesNotMatchIsRefusedBeforeInflating() throws {
        // 256 MiB of zeros behind a header claiming 4×4 floats, in a ~1.7 MB file.
        let path = try HostileFiles.npzBomb(shape: [4, 4], total: 256 << 20)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try DeadlineRun.run(["info", path], deadline: 30)
        #expect(!run.hung)
        #expect(run.exitStatus == 1)
        #expect(run.stderrLines == ["Error: \(path): member 'features.npy' has \((256 << 20) - 128 - 64) bytes after the data that shape (4, 4) of f4 accounts for (the header lies about the size)"])
        #expect(run.peakResidentBytes > 0 && run.peakResidentBytes < Self.budget, "peak \(run.peakResidentBytes) bytes")
    }

    @Test func aSafetensorsHeaderListing400kTensorsIsRefusedInBoundedMemory() throws {
        // ~26 MB of header: over the 16 MiB limit, refused from its length alone.
        let path = try HostileFiles.manyTensors(400_000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try DeadlineRun.run(["info", path], deadline: 30)
        #expect(!run.hung)
        #expect(run.exitStatus == 1)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderrLines.first?.hasSuffix(".safetensors header, over the 16777216-byte limit") == true, "\(run.stderrLines)")
        #expect(run.peakResidentBytes > 0 && run.peakResidentBytes < Self.budget, "peak \(run.peakResidentBytes) bytes")
    }

    @Test func aSafetensorsHeaderListing70kTensorsIsRefusedInBoundedMemory() throws {
        // ~4.5 MB of header, within the size limit: refused by the count of tensors.
        let path = try HostileFiles.manyTensors(70_000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try DeadlineRun.run(["info", path], deadline: 30)
        #expect(!run.hung)
        #expect(run.exitStatus == 1)
        #expect(run.stderrLines == ["Error: \(path): lists more than 65536 tensors in its header, over the limit"])
        #expect(run.peakResidentBytes > 0 && run.peakResidentBytes < Self.budget, "peak \(run.peakResidentBytes) bytes")
    }

    @Test func aTwelveMegabyteMetadataStringCostsItsBytesOnce() throws {
        // A header near the 16 MiB limit; its `__metadata__` is skipped without a copy, so the
        // header costs its own bytes and no more (it cost three times as much).
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-metadata-\(UUID().uuidString).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let header = "{\"__metadata__\":{\"notes\":\"" + String(repeating: "x", count: 12_000_000)
            + "\"},\"features\":{\"dtype\":\"U8\",\"shape\":[2,2],\"data_offsets\":[0,4]}}"
        var length = UInt64(header.utf8.count).littleEndian
        let bytes = withUnsafeBytes(of: &length) { Array($0) } + Array(header.utf8) + [1, 2, 3, 4]
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let run = try DeadlineRun.run(["info", path], deadline: 120)
        #expect(!run.hung)
        #expect(run.exitStatus == 0, "\(run.stderr)")
        #expect(run.peakResidentBytes > 0 && run.peakResidentBytes < Self.budget, "peak \(run.peakResidentBytes) bytes")
    }
}
