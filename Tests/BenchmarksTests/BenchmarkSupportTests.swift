import Foundation
import Testing
@testable import Benchmarks

@Suite struct BenchmarkSupportTests {
    @Test func parsesSizes() {
        #expect(MapSize(parsing: "64x256x256") == MapSize(channels: 64, height: 256, width: 256))
        #expect(MapSize(parsing: "4×8×8") == MapSize(channels: 4, height: 8, width: 8))
        #expect(MapSize(parsing: "4x8") == nil)
        #expect(MapSize(parsing: "0x8x8") == nil)
        #expect(MapSize(parsing: "-1x8x8") == nil)
        #expect(MapSize(parsing: "4x8xq") == nil)
        #expect(MapSize(parsing: "99999999999x99999999999x9") == nil)  // overflow
        #expect(MapSize(parsing: "1024x1024x1024") == nil)  // over the cap
        #expect(MapSize(channels: 64, height: 256, width: 256).mebibytes == 16)
    }

    @Test func readsProcStatusLines() {
        #expect(ResidentMemory.parse("VmHWM:\t   20480 kB\n", name: "VmHWM") == 20)
        #expect(ResidentMemory.parse("VmRSS:\t   1024 kB", name: "VmHWM") == nil)
        #if os(Linux)
        let now = ResidentMemory.currentMiB, peak = ResidentMemory.peakMiB  // the peak read last: it can only grow
        #expect(peak != nil && now != nil)
        if let peak, let now { #expect(peak >= now && now > 0) }
        #expect(SystemLoad.oneMinute != nil)
        #endif
    }

    @Test func writesANumPyFileWithAnAlignedHeaderAndTheRightLength() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).npy").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SyntheticNPY.write(to: path, channels: 3, height: 5, width: 70_000)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes[0..<8]) == [0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
        #expect((10 + headerLength) % 64 == 0)
        #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 5, 70000), }"))
        #expect(header.hasSuffix("\n"))
        #expect(bytes.count == 10 + headerLength + 3 * 5 * 70_000 * 4)
        // Values are in [−1, 1) and not constant.
        let values = bytes[(10 + headerLength)...].withUnsafeBytes { raw in
            (0..<1000).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) }
        }
        #expect(values.allSatisfy { $0 >= -1 && $0 < 1 })
        #expect(Set(values).count > 900)
    }

    @Test func jsonCarriesTheFirmKeysEvenWhenAModeHasNoNumbers() throws {
        let result = SizeResult(size: [4, 8, 8], loadMs: 1.23456, firstFrameMs: 2, peakRSSMb: 30, mapMb: 0.001,
                                rssBudgetMb: 40.0015, modes: [ModeResult(mode: "global", computeP50Ms: 0.1,
                                                                         computeP99Ms: 0.2, queries: 3),
                                                              ModeResult(mode: "dat", error: "boom")])
        let data = try JSONEncoder().encode(result)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["size", "load_ms", "first_frame_ms", "peak_rss_mb", "modes"] { #expect(object[key] != nil, "\(key)") }
        #expect(object["load_ms"] as? Double == 1.2346)  // tenths of a microsecond
        let modes = try #require(object["modes"] as? [[String: Any]])
        for key in ["mode", "compute_p50_ms", "compute_p99_ms", "render_p50_ms", "render_p99_ms", "total_p99_ms"] {
            #expect(modes.allSatisfy { $0[key] != nil }, "\(key)")
        }
        #expect(modes[0]["render_p50_ms"] is NSNull)
        #expect(modes[1]["error"] as? String == "boom")
        #expect(try JSONDecoder().decode(SizeResult.self, from: data).modes[1].error == "boom")
    }

    @Test func tableShowsEveryMode() {
        let result = SizeResult(size: [4, 8, 8], loadMs: 1, firstFrameMs: 2, peakRSSMb: nil, mapMb: 0, rssBudgetMb: 40,
                                modes: [ModeResult(mode: "global", computeP50Ms: 0.1234, computeP99Ms: 0.2),
                                        ModeResult(mode: "lka", error: "boom")])
        let text = BenchmarkTable.format([result])
        #expect(text.contains("4×8×8"))
        #expect(text.contains("global"))
        #expect(text.contains("0.123"))
        #expect(text.contains("lka") && text.contains("error: boom"))
        #expect(BenchmarkTable.fixed(-0.0004, 3) == "0.000")
        var shared = ModeResult(mode: "global"), alone = ModeResult(mode: "criss-cross"), level = ModeResult(mode: "dcn")
        (shared.oneCoreBackToBackP50Ms, shared.twoCoresBackToBackP50Ms) = (0.3, 0.15)
        (alone.oneCoreBackToBackP50Ms, alone.twoCoresBackToBackP50Ms) = (0.9, 3.0)
        (level.oneCoreBackToBackP50Ms, level.twoCoresBackToBackP50Ms) = (0.0100, 0.0102)
        let comparison = BenchmarkTable.coreComparison([shared, alone, level, ModeResult(mode: "lka")])
        #expect(comparison.count == 4)  // a header and the three modes measured
        #expect(comparison[1].contains("global") && comparison[1].hasSuffix("2 cores"))
        #expect(comparison[2].contains("criss-cross") && comparison[2].contains("3.0000") && comparison[2].hasSuffix("1 core "))
        #expect(comparison[3].contains("dcn") && comparison[3].contains("≈"))
        #expect(BenchmarkTable.fixed(12.3456, 2) == "12.35")
    }
}
