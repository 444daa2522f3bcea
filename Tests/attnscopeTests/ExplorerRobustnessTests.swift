import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Explorer robustness (tmux)", .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct ExplorerRobustnessTests {
    @Test func windowsDownToTenByFourAndBack() throws {
        let session = try startExplorer(width: 80, height: 24)
        try session.waitFor("global q=12,16")
        for (width, height) in [(60, 18), (40, 12), (30, 8), (20, 6), (15, 5), (12, 4), (10, 4)] {
            try session.resize(width: width, height: height)
            try session.waitUntil("a \(width)×\(height) frame") { screen in
                screen.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= width }
                    && !screen.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            }
        }
        try session.resize(width: 19, height: 5)
        try session.waitFor("too small")
        try session.send("l")
        try session.resize(width: 80, height: 24)
        try session.waitFor("global q=12,17")
        try quitCleanly(session)
    }

    /// Issue 20's huge values trapped once the first frame was up (the side panel's number
    /// text, the caption's arithmetic, the knob keys at the end of a range): now the frame shows,
    /// the keys are refused on the status line, and `q` quits with status 0.
    @Test(arguments: [
        (["--mode", "criss-cross", "--gamma", "1e30"], "criss-cross", "]"),
        (["--mode", "dat", "--offset-range", "1e30"], "dat", "]"),
        (["--temperature", "1e19"], "global", "T"),
        (["--mode", "lka", "--kernel", "1048575", "--dilation", "1"], "lka", "="),
    ])
    func hugeValuesDrawAndTheirKeysAreRefused(arguments: [String], mode: String, key: String) throws {
        let session = try startAttnscope([AttnscopeBinary.explorerMap] + arguments, width: 100, height: 30)
        try session.waitFor("\(mode) q=12,16")
        try session.send(key)
        try session.waitUntil("a refusal on the status line") { screen in
            screen.contains("stays") || screen.contains("highest")
        }
        try session.send("q")
        try expectCleanExit(session, status: 0)
    }

    /// Terminals with 256, 8 and no colours, a non-UTF-8 locale, and the display flags.
    @Test(arguments: [
        (["TERM": "xterm-256color", "LANG": "C.UTF-8"], [String]()),
        (["TERM": "screen", "LANG": "C.UTF-8"], []),
        (["TERM": "vt100", "LANG": "C.UTF-8"], []),
        (["TERM": "tmux-256color", "LANG": "C"], []),
        (["TERM": "tmux-256color", "LANG": "C.UTF-8"], ["--ascii", "--color", "none"]),
        (["TERM": "tmux-256color", "LANG": "C.UTF-8"], ["--color", "8", "--glyphs", "shade"]),
    ])
    func degradesOnPoorerTerminals(environment: [String: String], arguments: [String]) throws {
        let session = try startAttnscope([AttnscopeBinary.explorerMap] + arguments, width: 80, height: 24,
                                         environment: environment)
        let screen = try session.waitFor("global q=12,16")
        if environment["LANG"] == "C" || arguments.contains("--ascii") {
            #expect(!screen.unicodeScalars.contains { $0.value > 0x7E }, "ASCII only without UTF-8")
        }
        try session.send("2", "l", "?")
        try session.waitFor("Esc closes")
        try session.send("Escape", "q")
        try expectCleanExit(session, status: 0)
    }

    @Test func coloursFollowTheTerminalAndTheFlag() throws {
        let rich = try startExplorer(width: 80, height: 24)
        try rich.waitFor("global q=12,16")
        // tmux re-encodes what it was sent: palette colours beyond 16 show as 38;5;N / 48;5;N.
        try rich.waitUntil("256-colour cells") { _ in rich.capture(escapes: true).contains(";5;") }
        try quitCleanly(rich)

        let plain = try startExplorer(width: 80, height: 24, arguments: ["--color", "none"])
        try plain.waitFor("global q=12,16")
        let screen = plain.capture(escapes: true)
        #expect(!screen.contains("38;5;") && !screen.contains("48;5;"))
        try quitCleanly(plain)
    }

    @Test func aClosedTerminalEndsTheExplorerEvenWithoutSIGHUP() throws {
        // In its own session the explorer gets no SIGHUP when the pane closes; its reads fail
        // at once from then on, and it must notice instead of spinning forever.
        let binary = try #require(AttnscopeBinary.path)
        let session = try TmuxSession(width: 80, height: 24,
                                      command: ["/usr/bin/setsid", binary, AttnscopeBinary.explorerMap])
        try session.waitFor("global q=12,16")
        let pid = try #require(session.programPID())
        try session.killPane()
        let deadline = Date().addingTimeInterval(20)
        while !TmuxSession.hasEnded(pid) && Date() < deadline { usleep(10_000) }
        let ended = TmuxSession.hasEnded(pid)
        if !ended { kill(pid, SIGKILL) }
        #expect(ended, "the explorer kept running after its terminal closed")
    }

    @Test func fortyByTwelveIsUsable() throws {
        let session = try startExplorer(width: 40, height: 12)
        let screen = try session.waitFor("global q=12,16")
        #expect(!screen.contains("too small"))
        try session.send("2")
        try session.waitFor("window q=12,16")
        try quitCleanly(session)
    }

    @Test func aHundredResizesInARow() throws {
        let session = try startExplorer(width: 80, height: 24)
        try session.waitFor("global q=12,16")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            try session.resize(width: Int.random(in: 8...140, using: &generator),
                               height: Int.random(in: 3...50, using: &generator))
        }
        try session.resize(width: 90, height: 26)
        try session.send("j")
        try session.waitFor("global q=13,16")
        try quitCleanly(session)
    }

    @Test func pastedGarbageNeitherCrashesNorQuits() throws {
        let session = try startExplorer(width: 80, height: 24)
        try session.waitFor("global q=12,16")
        // Printable noise, broken escape sequences, bytes of other encodings; no q, Ctrl-C, Ctrl-Z.
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abdefiortuvwxyzABDEFIMNOPRSUVWXYZ0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~éß€γ▀")
        for _ in 0..<8 {
            let noise = String((0..<200).map { _ in alphabet.randomElement(using: &generator)! })
            try session.sendLiteral(noise)
            try session.sendLiteral("\u{1b}[\u{1b}O\u{1b}[1;5\u{1b}[M#!!\u{1b}[<0;999;999M\u{1b}[999;999R\u{1b}]0;x\u{07}")
        }
        try session.send("Escape", "Escape", "?", "Escape", "1", "g")
        try session.waitFor("global q=0,0")
        try quitCleanly(session)
    }

    @Test func signalsDuringAResizeStormStillRestoreTheTerminal() throws {
        let session = try startExplorer(width: 80, height: 24, jobControl: true)
        try session.waitFor("global q=12,16")
        let pid = try #require(session.programPID())
        for size in stride(from: 20, through: 60, by: 8) { try session.resize(width: size, height: size / 3 + 4) }
        kill(pid, SIGTSTP)
        #expect(try session.waitForStops(1) == ["cooked"])
        try session.resize(width: 80, height: 24)
        try session.send("k")
        try session.waitFor("global q=11,16")
        kill(pid, SIGTERM)
        try expectCleanExit(session, status: 128 + Int(SIGTERM))
    }
}
