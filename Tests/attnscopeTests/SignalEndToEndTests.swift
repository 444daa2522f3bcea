import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Signals sent to the running explorer from outside (as `kill` or a process manager would), at
/// random moments in four situations: just after the first frame, inside the help, during a tour,
/// and while a large map's field is still being prepared on the worker thread.
///
/// SIGTERM, SIGHUP and SIGINT end it by that signal once the terminal is restored (the shell's
/// `$?` is 128 + the signal; the alternate screen is left and the cursor visible). SIGTSTP stops
/// it for real with the terminal restored; after the shell's `fg` (SIGCONT) it redraws and still
/// answers keys.
@Suite("Signals from outside (tmux)", .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct SignalEndToEndTests {
    /// Where the explorer is when the signal comes.
    enum Moment: String, CaseIterable, CustomTestStringConvertible {
        case afterTheFirstFrame, insideHelp, duringATour, preparingALargeMap
        var testDescription: String { rawValue }
    }

    /// Writes an 8×1024×1024 map (32 MiB) into `directory`. Eight stacked neighborhood layers of
    /// kernel 31 over it keep the worker busy for well over half a minute (a 241-pixel reach, each
    /// pixel's own 31×31 window on every layer), so "preparing…" is on screen when the signal lands.
    static func largeMap(in directory: String) throws -> String {
        let path = directory + "/large.npy"
        try TensorFileWriter.largeMap(channels: 8, height: 1024, width: 1024, to: path)
        return path
    }

    /// Starts the explorer at `moment` (files it needs go to `directory`) and returns the session
    /// and the explorer's pid once a frame of that situation is up.
    static func start(at moment: Moment, jobControl: Bool, directory: String) throws -> (TmuxSession, pid_t) {
        let session: TmuxSession
        switch moment {
        case .afterTheFirstFrame, .insideHelp:
            session = try startExplorer(width: 80, height: 24, jobControl: jobControl, linger: true, holdStops: true)
            try session.waitFor("global q=12,16")
            if moment == .insideHelp {
                try session.send("?")
                try session.waitUntil("the help box") { $0.contains("Esc closes") && $0.contains("Esc close help") }
            }
        case .duringATour:
            let tour = AttnscopeBinary.packageRoot.appendingPathComponent("demos/mechanisms.tour").path
            session = try startAttnscope(["tour", tour], width: 120, height: 40, jobControl: jobControl,
                                         linger: true, holdStops: true)
            try session.waitFor("step 1/")
            try session.send("Space")
            try session.waitFor("step 2/")
        case .preparingALargeMap:
            let map = try largeMap(in: directory)
            session = try startExplorer(width: 80, height: 24, file: map,
                                        arguments: ["--mode", "neighborhood", "--kernel", "31", "--layers", "8"],
                                        jobControl: jobControl, linger: true, holdStops: true)
            try session.waitUntil(timeout: 60, "8 neighborhood layers on the large map, preparing") {
                $0.contains("neighborhood q=512,512") && $0.contains("reparing")
            }
        }
        let pid = try #require(session.programPID(), "the explorer's pid")
        return (session, pid)
    }

    /// Sleeps a random 0–250 ms: the signal lands wherever the loop happens to be.
    static func randomPause() {
        var generator = SystemRandomNumberGenerator()
        usleep(UInt32.random(in: 0...250_000, using: &generator))
    }

    /// Checks the explorer ended with `status` and left the terminal as it found it.
    static func expectRestored(_ session: TmuxSession, status: Int) throws {
        try expectCleanExit(session, status: status)
        #expect(session.paneVariable("cursor_flag") == "1", "the cursor was left hidden")
    }

    @Test(arguments: Moment.allCases, [SIGTERM, SIGHUP, SIGINT])
    func terminationEndsByTheSignalWithTheTerminalRestored(_ moment: Moment, _ signal: Int32) throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (session, pid) = try Self.start(at: moment, jobControl: false, directory: directory)
        Self.randomPause()
        if moment == .preparingALargeMap { #expect(session.capture().contains("reparing"), "still preparing") }
        kill(pid, signal)
        try Self.expectRestored(session, status: 128 + Int(signal))
        #expect(TmuxSession.hasEnded(pid))
    }

    @Test(arguments: Moment.allCases)
    func aStopFromOutsideStopsWithTheTerminalRestoredAndComesBack(_ moment: Moment) throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (session, pid) = try Self.start(at: moment, jobControl: true, directory: directory)
        Self.randomPause()
        kill(pid, SIGTSTP)
        // The shell saw the stop with the terminal in its normal mode, and the process is stopped
        // (not merely redrawn) until the shell resumes it.
        #expect(try session.waitForStops(1) == ["cooked"])
        #expect(TmuxSession.processState(pid) == "T", "the explorer is not stopped")
        #expect(!session.alternateScreenOn, "the alternate screen stayed on while stopped")
        #expect(session.paneVariable("cursor_flag") == "1", "the cursor stayed hidden while stopped")
        session.resumeStopped()
        try session.waitUntil("the frame again after SIGCONT") { _ in session.alternateScreenOn }

        // Redrawn, and still answering keys.
        switch moment {
        case .afterTheFirstFrame:
            try session.waitFor("global q=12,16")
            try session.send("l")
            try session.waitFor("global q=12,17")
        case .insideHelp:
            try session.waitFor("Esc closes")
            try session.send("Escape", "j")
            try session.waitFor("global q=13,16")
        case .duringATour:
            try session.waitFor("step 2/")
            try session.send("Space")
            try session.waitFor("step 3/")
        case .preparingALargeMap:
            try session.waitFor("neighborhood q=512,512")
            try session.send("k")
            try session.waitFor("neighborhood q=511,512")
        }
        try session.send("q")
        try Self.expectRestored(session, status: 0)
    }
}
