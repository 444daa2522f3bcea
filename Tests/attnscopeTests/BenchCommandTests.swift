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

    /// The executable reads `ATTNSCOPE_THREADS` and `ATTNSCOPE_SIMD` and hands them to the engines;
    /// every mode is timed back to back on one core and on two.
    @Test func environmentPicksCoresAndInstructionSet() throws {
        let run = try BinaryRun.run(["bench", "--size", "3x6x5", "--json", "--queries", "3", "--mode", "global", "--mode", "criss-cross"],
                                    environment: ["ATTNSCOPE_THREADS": "1", "ATTNSCOPE_SIMD": "baseline"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        #expect(object["kernels"] as? String == "baseline")
        #expect(object["cores"] as? Int == 1)
        let modes = try #require(object["modes"] as? [[String: Any]])
        for mode in modes {
            for key in ["back_to_back_1_core_p50_ms", "back_to_back_1_core_p99_ms",
                        "back_to_back_2_cores_p50_ms", "back_to_back_2_cores_p99_ms"] {
                #expect((mode[key] as? Double ?? -1) >= 0, "\(mode["mode"] ?? "?") misses \(key)")
            }
        }
        let table = try BinaryRun.run(["bench", "--size", "3x6x5", "--queries", "3", "--mode", "global"])
        #expect(String(decoding: table.stdout, as: UTF8.self).contains("b2b by cores"))
    }

    @Test(arguments: [("ATTNSCOPE_THREADS", "3"), ("ATTNSCOPE_SIMD", "sse9")])
    func unreadableEnvironmentIsOneLine(variable: String, value: String) throws {
        let run = try BinaryRun.run(["bench", "--size", "2x4x4", "--queries", "2"], environment: [variable: value])
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(variable): '\(value)'"))
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }

    @Test func badSizeIsOneLine() throws {
        let run = try BinaryRun.run(["bench", "--size", "4x8"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--size"))
        #expect(run.stdout.isEmpty)
    }
}
