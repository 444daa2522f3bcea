import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The explorer on an 8×4096×4096 map (512 MB of float32, written at test time and deleted
/// afterwards): it opens, answers keys while the worker computes, switches modes, keeps its
/// memory near the map's size, and quits cleanly in the middle of a computation.
///
/// Skipped when the machine has less than 3 GB available (MemAvailable in /proc/meminfo).
@Suite("Huge map (tmux)", .enabled(if: TmuxSession.isAvailable, "needs tmux"),
       .enabled(if: MachineMemory.available >= 3 << 30,
                "needs 3 GB of available memory for the 512 MB map and the explorer's working set"))
struct HugeMapEndToEndTests {
    static let channels = 8, side = 4096
    static var mapBytes: Int { channels * side * side * 4 }

    /// A `/proc/PID/status` value in bytes (`VmHWM`, `VmRSS`).
    static func memory(_ key: String, of pid: pid_t) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }),
              let kB = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else {
            return nil
        }
        return kB * 1024
    }

    @Test func opensMovesSwitchesModesAndQuitsInTheMiddleOfAComputation() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-huge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("huge.npy").path
        try TensorFileWriter.largeMap(channels: Self.channels, height: Self.side, width: Self.side, to: path)
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        #expect(size == Self.mapBytes + 128)

        // It opens in lka (a few thousand multiply-adds per query): global's 134 M per query
        // take ~130 ms in a release build but half a minute in the debug build tests run.
        let session = try startExplorer(width: 120, height: 40, file: path, arguments: ["--mode", "lka"], linger: true)
        // The status line comes at once; the map follows when the worker has it.
        try session.waitFor("lka q=2048,2048", timeout: 30)
        let pid = try #require(session.programPID())

        // Keys are answered while the worker computes: each lands in the status line quickly.
        // (A frame comes 5–30 ms after a key when idle; a loaded 2-core machine gets 3 s.)
        for (key, status) in [("l", "lka q=2048,2049"), ("j", "lka q=2049,2049"), ("J", "lka q=2053,2049"),
                              ("5", "dcn q=2053,2049"), ("h", "dcn q=2053,2048"), ("7", "neighborhood q=2053,2048"),
                              ("5", "dcn q=2053,2048")] {
            let sent = Date()
            try session.send(key)
            try session.waitFor(status, timeout: 20)
            #expect(Date().timeIntervalSince(sent) < 3, "'\(key)' took \(Date().timeIntervalSince(sent)) s to show")
        }
        // A cheap mode's field arrives (dcn is K²·C multiply-adds per query; the rest is the
        // 16.7 M-pixel map itself: allocation, statistics, pooling for display).
        try session.waitUntil(timeout: 60, "the dcn field") { $0.contains("dcn q=2053,2048") && !$0.contains("reparing") }
        #expect(session.capture().contains("Σpool"), "the 4096×4096 map is pooled for display")

        // Memory: the map once, the fields the worker keeps (128 MiB) and the engine's caches.
        let peak = try #require(Self.memory("VmHWM", of: pid))
        #expect(peak < 2 * Self.mapBytes, "peak RSS \(peak >> 20) MiB for a \(Self.mapBytes >> 20) MiB map")

        // Global (half a minute of work in a debug build), and quit while it runs.
        try session.send("1")
        try session.waitFor("global q=2053,2048", timeout: 20)
        try session.send("q")
        try expectCleanExit(session, status: 0)
        #expect(session.paneVariable("cursor_flag") == "1", "the cursor was left hidden")

        // Criss-cross with three passes would cache (R − 2)·H·W·(H + W) weights: 512 GiB here.
        let refused = try BinaryRun.run(["weights", path, "--mode", "criss-cross", "--passes", "3", "--query", "5,5"])
        #expect(refused.status == 1 && !refused.signalled && refused.stdout.isEmpty)
        #expect(refused.stderr.contains("criss-cross: --passes on a") && refused.stderr.contains("limit 128")
                && refused.stderr.contains("(got 3)"), "\(refused.stderr)")
    }
}

/// What /proc says about the machine's memory.
enum MachineMemory {
    /// MemAvailable, in bytes (0 when unknown).
    static let available: Int = {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
              let kB = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kB * 1024
    }()
}
