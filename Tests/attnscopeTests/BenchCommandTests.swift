import Foundation
import Testing

@Suite struct BenchCommandTests {
    /// The keys docs/performance.md fixes for `bench --json`.
    static let sizeKeys = ["size", "load_ms", "first_frame_ms", "peak_rss_mb", "modes"]
    static let modeKeys = ["mode", "compute_p50_ms", "compute_p99_ms", "render_p50_ms", "render_p99_ms", "total_p99_ms"]

    @Test func jsonOfOneSizeHasTheFirmKeysForEveryMode() throws {
        let run = try BinaryRun.run(["bench", "--size", "4x8x8", "--json", "--queries", "5"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        for key in Self.sizeKeys { #expect(object[key] != nil, "missing \(key)") }
        #expect(object["size"] as? [Int] == [4, 8, 8])
        #expect((object["load_ms"] as? Double ?? -1) >= 0)
        #expect((object["first_frame_ms"] as? Double ?? -1) >= (object["load_ms"] as? Double ?? 0))
        #expect((object["peak_rss_mb"] as? Double ?? 0) > 1)
        let modes = try #require(object["modes"] as? [[String: Any]])
        #expect(modes.compactMap { $0["mode"] as? String } == [
            "global", "window", "axial", "criss-cross", "dcn", "dat", "neighborhood", "lka", "lesa"])
        for mode in modes {
            #expect(mode["error"] == nil, "\(mode)")
            for key in Self.modeKeys { #expect(mode[key] != nil, "\(mode["mode"] ?? "?") misses \(key)") }
            for key in Self.modeKeys.dropFirst() { #expect((mode[key] as? Double ?? -1) >= 0, "\(key) of \(mode)") }
            #expect(mode["queries"] as? Int == 5)
            #expect(mode["prepare_ms"] is Double)
        }
    }

    @Test func tableWithoutJSON() throws {
        let run = try BinaryRun.run(["bench", "--size", "2x5x6", "--queries", "3"])
        #expect(run.status == 0, "\(run.stderr)")
        let text = String(decoding: run.stdout, as: UTF8.self)
        #expect(text.contains("2×5×6"))
        for mode in ["global", "criss-cross", "lesa"] { #expect(text.contains(mode)) }
    }

    @Test func badSizeIsOneLine() throws {
        let run = try BinaryRun.run(["bench", "--size", "4x8"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--size"))
        #expect(run.stdout.isEmpty)
    }
}
