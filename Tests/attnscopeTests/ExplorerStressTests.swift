import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The explorer under abuse the other end-to-end suites do not cover: raw bytes of every value
/// (control characters, lone UTF-8 continuation bytes, broken escape sequences), and signals at
/// random moments (while starting, pasting, resizing). Whatever happens, it never crashes and
/// the terminal comes back: the exit marker, no alternate screen, the cursor visible.
@Suite("Explorer stress (tmux)", .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct ExplorerStressTests {
    /// Bytes that end or stop the explorer on purpose: q, Ctrl-C, Ctrl-Z.
    static let endingBytes: Set<UInt8> = [UInt8(ascii: "q"), 0x03, 0x1a]

    /// `count` random bytes of any value but the ending ones, in tmux's hex notation.
    static func randomBytes(_ count: Int, using generator: inout some RandomNumberGenerator) -> [String] {
        var bytes: [String] = []
        while bytes.count < count {
            let byte = UInt8.random(in: 0...255, using: &generator)
            if !endingBytes.contains(byte) { bytes.append(String(byte, radix: 16)) }
        }
        return bytes
    }

    /// Checks the terminal is back to normal after the explorer left with `status`.
    static func expectRestored(_ session: TmuxSession, status: Int, resizedWhileRunning: Bool = false) throws {
        try expectCleanExit(session, status: status, resizedWhileRunning: resizedWhileRunning)
        #expect(session.paneVariable("cursor_flag") == "1", "the cursor was left hidden")
    }

    @Test func rawBytesOfEveryValueNeitherCrashNorQuit() throws {
        let session = try startExplorer(width: 80, height: 24, linger: true)
        try session.waitFor("global q=12,16")
        let pid = try #require(session.programPID())
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10 {
            try session.tmuxCommand(["send-keys", "-t", session.target, "-H"] + Self.randomBytes(120, using: &generator))
            // Fragments that look like the start of mouse, cursor and OSC reports, cut short.
            try session.sendLiteral("\u{1b}[<\u{1b}[M\u{1b}[1;\u{1b}]\u{1b}P\u{1b}[200~\u{7f}\u{1b}O")
        }
        try session.resize(width: 70, height: 20)
        // Still running and still drawing: a status line with a query comes back.
        try session.send("Escape", "Escape")
        try session.waitUntil("a frame after the noise") { $0.contains(" q=") }
        #expect(!TmuxSession.hasEnded(pid), "the explorer ended")
        #expect(session.alternateScreenOn)
        try session.send("Escape", "q")
        try Self.expectRestored(session, status: 0)
    }

    /// SIGTERM, SIGHUP or a stop and continue, each at a random moment: while the explorer
    /// starts, while garbage is pasted, or in the middle of a resize storm.
    @Test(arguments: [SIGTERM, SIGHUP, SIGTSTP])
    func signalsAtRandomMomentsRestoreTheTerminal(_ signal: Int32) throws {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<3 {
            do {
                try signalRound(signal, round: round, using: &generator)
            } catch {
                Issue.record("round \(round): \(error)")
            }
        }
    }

    /// One round of `signalsAtRandomMomentsRestoreTheTerminal`.
    func signalRound(_ signal: Int32, round: Int, using generator: inout some RandomNumberGenerator) throws {
        do {
            let session = try startExplorer(width: 80, height: 24, jobControl: true, linger: true)
            // Round 0 signals during start-up, the others once the first frame is up.
            if round > 0 { try session.waitFor("global q=") }
            let deadline = Date().addingTimeInterval(10)
            var pid = session.programPID()
            while pid == nil && Date() < deadline {
                usleep(1_000)
                pid = session.programPID()
            }
            let program = try #require(pid, "the explorer did not start")
            if round == 1 {
                for _ in 0..<4 {
                    try session.sendLiteral(String((0..<60).map { _ in "abdfhjklnoprsuvxyz0123456789 -=[]".randomElement(using: &generator)! }))
                }
            } else if round == 2 {
                for _ in 0..<12 {
                    try session.resize(width: Int.random(in: 10...120, using: &generator),
                                       height: Int.random(in: 4...40, using: &generator))
                }
            }
            usleep(UInt32.random(in: 0...150_000, using: &generator))
            kill(program, signal)
            if signal == SIGTSTP {
                // The job stopped with the terminal in its normal mode; `fg` brought it back.
                #expect(try session.waitForStops(1) == ["cooked"], "round \(round)")
                try session.resize(width: 80, height: 24)
                // The pasted keys may have changed the mode, so any query status will do.
                try session.waitFor(" q=", timeout: 30)
                try session.send("q")
                try Self.expectRestored(session, status: 0, resizedWhileRunning: round == 2)
            } else {
                try Self.expectRestored(session, status: 128 + Int(signal))
            }
        }
    }
}
