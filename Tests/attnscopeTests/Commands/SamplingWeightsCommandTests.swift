import Foundation
import Testing

/// End-to-end tests of `attnscope weights` for the sampling and large-kernel modes (dcn, dat, lka).
@Suite struct SamplingWeightsCommandTests {
    private func json(_ run: BinaryRun) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
    }

    /// Writes a little-endian float32 `.npy` file and returns its path.
    private static func npy(_ shape: [Int], _ values: [Float]) throws -> String {
        let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(dims)), }"
        header += String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count & 0xff), UInt8(header.utf8.count >> 8)]
        bytes += Array(header.utf8)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-\(UUID().uuidString).npy")
        try Data(bytes).write(to: url)
        return url.path
    }

    private func npy(_ shape: [Int], _ values: [Float]) throws -> String { try Self.npy(shape, values) }

    /// A 2×6×8 feature map file.
    private func features() throws -> String {
        try npy([2, 6, 8], (0..<96).map { Float(($0 * 37) % 17) / 17 - 0.5 })
    }

    private func total(_ doc: [String: Any]) throws -> Double {
        let rows = try #require(doc["weights"] as? [[Double]])
        return rows.joined().reduce(0, +) + (try #require(doc["offImage"] as? Double))
    }

    @Test func syntheticDcnAndDatAreIllustrativeAndListTheirSamples() throws {
        for (mode, count) in [("dcn", 9), ("dat", nil)] {
            let run = try BinaryRun.run(["weights", "scene:default", "--mode", mode, "--query", "12,16"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("illustrative"))
            let doc = try json(run)
            #expect(doc["illustrative"] as? Bool == true)
            let samples = try #require(doc["samples"] as? [[String: Double]])
            #expect(samples.count == (count ?? samples.count) && samples.count >= 4, "\(mode)")
            #expect(abs(try total(doc) - 1) < 1e-5)
        }
    }

    @Test func lkaHasNoSamplesAndIsNotIllustrative() throws {
        let run = try BinaryRun.run(["weights", "scene:default", "--mode", "lka", "--query", "0,0"])
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try json(run)
        #expect(doc["illustrative"] as? Bool == false)
        #expect(doc["samples"] == nil)
        #expect(abs(try total(doc) - 1) < 1e-6)
    }

    @Test func loadedDcnOffsetsWithABatchDimension() throws {
        let map = try features(), path = try npy([1, 18, 6, 8], [Float](repeating: 0, count: 18 * 48))
        defer { for p in [map, path] { try? FileManager.default.removeItem(atPath: p) } }
        let run = try BinaryRun.run(["weights", map, "--mode", "dcn", "--query", "0,0", "--offsets", path])
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try json(run)
        #expect(doc["illustrative"] as? Bool == false)
        let off = try #require(doc["offImage"] as? Double)
        #expect(abs(off - 5.0 / 9) < 1e-6)
    }

    @Test func misfitDcnOffsetsAreOneLineNamingTheExpectedShape() throws {
        let map = try features(), path = try npy([18, 6, 7], [Float](repeating: 0, count: 18 * 42))
        defer { for p in [map, path] { try? FileManager.default.removeItem(atPath: p) } }
        let run = try BinaryRun.run(["weights", map, "--mode", "dcn", "--query", "0,0", "--offsets", path])
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("--offsets") && run.stderr.contains("(18, 6, 8)"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func datPositionsFileAndTooSmallOffsetGrid() throws {
        let map = try features()
        let positions = try npy([1, 1, 2, 3, 2], [-0.9, -0.9, 0, 0.2, 0.9, 1.2, 0.5, -0.5, 0.1, 0.1, 1.0, 1.0])
        defer { for p in [map, positions] { try? FileManager.default.removeItem(atPath: p) } }
        let run = try BinaryRun.run(["weights", map, "--mode", "dat", "--query", "5,5",
                                     "--positions", positions, "--offset-range", "-1", "--temperature", "0.5"])
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try json(run)
        #expect(doc["illustrative"] as? Bool == false)
        let samples = try #require(doc["samples"] as? [[String: Double]])
        #expect(samples.count == 6)
        #expect(abs(samples[0]["y"]! - 0.25) < 1e-6)  // (−0.9 + 1)/2·(6 − 1), −0.9 read as float32
        #expect(abs(try total(doc) - 1) < 1e-5)

        let offsets = try npy([2, 1, 4], [Float](repeating: 0, count: 8))
        defer { try? FileManager.default.removeItem(atPath: offsets) }
        let bad = try BinaryRun.run(["weights", map, "--mode", "dat", "--query", "5,5", "--offsets", offsets])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("Hk, Wk ≥ 2"))
        #expect(bad.stderr.split(separator: "\n").count == 1)
    }
}
