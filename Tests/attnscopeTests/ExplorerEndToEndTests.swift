import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Explorer end to end (tmux)", .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct ExplorerEndToEndTests {
    @Test func startsMovesAndQuitsCleanly() throws {
        let session = try startExplorer()
        try session.waitFor("global q=12,16")
        #expect(session.alternateScreenOn)
        try session.send("Right")
        try session.waitFor("global q=12,17")
        try session.send("j")
        try session.waitFor("global q=13,17")
        try session.send("L")
        try session.waitFor("global q=13,21")
        try session.send("K")
        try session.waitFor("global q=9,21")
        try session.send("G")
        try session.waitFor("global q=23,31")
        try session.send("g")
        try session.waitFor("global q=0,0")
        try quitCleanly(session)
    }

    @Test func everyModeKeyAndTabSwitchTheMode() throws {
        let session = try startExplorer()
        try session.waitFor("global q=12,16")
        let names = ["global", "window", "axial", "criss-cross", "dcn", "dat", "neighborhood", "lka", "lesa"]
        for (index, name) in names.enumerated().reversed() {
            try session.send("\(index + 1)")
            try session.waitFor("\(name) q=12,16")
        }
        try session.send("Tab")
        try session.waitFor("window q=12,16")
        try session.send("BTab")
        try session.waitFor("global q=12,16")
        try session.send("BTab")
        try session.waitFor("lesa q=12,16")
        try quitCleanly(session)
    }

    @Test func stepKeysAnswerInTheStatusLine() throws {
        let session = try startExplorer()
        try session.waitFor("global q=12,16")
        // The mode key and Space in one burst: the new mode's steps are known before Space.
        try session.send("4", "Space")
        try session.waitFor("criss-cross q=12,16 · pass 1 │")
        try session.send("n")
        try session.waitFor("criss-cross q=12,16 · pass 2 │")
        try session.send("p", "p")
        try session.waitFor("criss-cross q=12,16 · composed │")
        try session.send("3", "Space")
        try session.waitFor("axial q=12,16 · height pass │")
        try session.send("1", "=")
        try session.waitFor("no parameter")
        try quitCleanly(session)
    }

    @Test func helpOpensAndEscClosesIt() throws {
        let session = try startExplorer()
        try session.waitFor("global q=12,16")
        try session.send("?")
        // The box's title row comes first and the hint line last: wait for the whole frame (the
        // help's last entry and the hint that replaces the mode's keys), not a half-drawn one.
        let help = try session.waitUntil("the whole help box") {
            $0.contains("Esc closes") && $0.contains("q  Ctrl-C") && $0.contains("Esc close help")
        }
        #expect(help.contains("quit"))
        try session.send("Escape")
        try session.waitUntil("the help to close") { !$0.contains("Esc closes") && $0.contains("global q=12,16") }
        // A second Esc does nothing (in particular, it does not quit).
        try session.send("Escape", "l")
        try session.waitFor("global q=12,17")
        try quitCleanly(session)
    }

    @Test func resizeReflowsAtOnce() throws {
        let session = try startExplorer(width: 100, height: 30)
        try session.waitFor("global q=12,16")
        try session.resize(width: 40, height: 12)
        try session.waitUntil("a 40×12 frame") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return screen.contains("global q=12,16") && lines.allSatisfy { $0.count <= 40 }
        }
        try session.send("l")
        try session.waitFor("global q=12,17")
        try session.resize(width: 120, height: 40)
        try session.waitUntil("a 120×40 frame") { $0.contains("global q=12,17") && $0.contains("? help") }
        try quitCleanly(session)
    }

    @Test func displayKeysRedrawAndKeepTheExplorerAlive() throws {
        let session = try startExplorer()
        try session.waitFor("global q=12,16")
        try session.send("T")
        try session.waitFor("T=1.5")
        try session.send("t", "t")
        try session.waitFor("T=0.7")
        try session.send("v", "C", "b", "o", "i", "C-l", "c")
        try session.waitFor("c/Esc single view")
        try session.send("Escape")
        try session.waitFor("c compare")
        try session.send("2", "]")
        try session.waitFor("shift 3")
        try session.send("=", "=")
        try session.waitFor("M=9")
        try quitCleanly(session)
    }

    @Test func withoutAFileItOpensTheDefaultSceneInGlobalMode() throws {
        let session = try startExplorer(file: nil)
        let screen = try session.waitUntil("the first frame with its side panel") {
            $0.contains("global q=") && $0.contains("scene:default")
        }
        #expect(screen.contains("scene:default"))
        try quitCleanly(session)
    }

    @Test func ctrlCQuitsCleanly() throws {
        let session = try startExplorer()
        try session.waitFor("global q=12,16")
        try session.send("C-c")
        try expectCleanExit(session, status: 0)
    }

    @Test func sigtermEndsCleanly() throws {
        let session = try startExplorer()
        try session.waitFor("global q=12,16")
        let pid = try #require(session.programPID())
        kill(pid, SIGTERM)
        try expectCleanExit(session, status: 128 + Int(SIGTERM))
    }

    @Test func sighupEndsCleanly() throws {
        let session = try startExplorer()
        try session.waitFor("global q=12,16")
        let pid = try #require(session.programPID())
        kill(pid, SIGHUP)
        try expectCleanExit(session, status: 128 + Int(SIGHUP))
    }

    @Test func sigtstpAndSigcontSuspendAndRedraw() throws {
        let session = try startExplorer(jobControl: true)
        try session.waitFor("global q=12,16")
        let pid = try #require(session.programPID())
        kill(pid, SIGTSTP)
        // The shell saw the stop with the terminal back in normal mode, then ran `fg`.
        #expect(try session.waitForStops(1) == ["cooked"])
        try session.send("l")
        try session.waitFor("global q=12,17")
        #expect(session.alternateScreenOn)
        try quitCleanly(session)
    }

    @Test func ctrlZSuspendsAndComesBack() throws {
        let session = try startExplorer(jobControl: true)
        try session.waitFor("global q=12,16")
        try session.send("C-z")
        #expect(try session.waitForStops(1) == ["cooked"])
        try session.send("h")
        try session.waitFor("global q=12,15")
        try quitCleanly(session)
    }

    @Test func refusesWhenNotATerminal() throws {
        let binary = try #require(AttnscopeBinary.path, "the attnscope binary is not built")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-notty-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try ProcessRunner.run([binary], environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"],
                                           outputFile: output)
        #expect(result.status != 0)
        #expect(result.output.contains("attnscope render"))
        #expect(!result.output.contains("\u{1b}"), "no escape codes in a pipe")
        #expect(result.output.split(separator: "\n").count == 1, "one line")
    }

    @Test func refusesADumbTerminal() throws {
        let session = try startExplorer(term: "dumb")
        let status = try session.waitForExit()
        #expect(status != 0)
        let screen = session.capture(history: true)
        #expect(screen.contains("attnscope render"))
        #expect(!session.alternateScreenOn)
    }
}

@Suite("Explorer options and mouse (tmux)", .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct ExplorerOptionsEndToEndTests {
    /// An X10 mouse report (what tmux-256color's terminfo announces): press of button 1 at a cell.
    static func press(x: Int, y: Int) -> String {
        "\u{1b}[M" + String(UnicodeScalar(UInt8(32)) ) + String(UnicodeScalar(UInt8(33 + x))) + String(UnicodeScalar(UInt8(33 + y)))
    }

    /// The matching release.
    static func release(x: Int, y: Int) -> String {
        "\u{1b}[M" + String(UnicodeScalar(UInt8(35))) + String(UnicodeScalar(UInt8(33 + x))) + String(UnicodeScalar(UInt8(33 + y)))
    }

    @Test func openingModeAndQueryComeFromTheCommandLine() throws {
        let session = try startExplorer(arguments: ["--mode", "window", "--query", "3,5", "--window", "5"])
        try session.waitFor("window q=3,5")
        try quitCleanly(session)
    }

    @Test func aQueryOutsideTheMapIsRefusedInOneLine() throws {
        let session = try startExplorer(arguments: ["--query", "99,0"])
        let status = try session.waitForExit()
        #expect(status != 0)
        let screen = session.capture(history: true)
        #expect(screen.contains("--query") && screen.contains("outside"))
        #expect(!session.alternateScreenOn)
    }

    @Test func aClickMovesTheQuery() throws {
        let session = try startExplorer()
        try session.waitFor("global q=12,16")
        // The top-left map cell sits inside the panel's frame at (1, 1) and shows pixel 0,0.
        try session.sendLiteral(Self.press(x: 1, y: 1) + Self.release(x: 1, y: 1))
        try session.waitFor("global q=0,0")
        try session.sendLiteral(Self.press(x: 9, y: 5) + Self.release(x: 9, y: 5))
        try session.waitUntil("a click inside the map") { screen in
            !screen.contains("global q=0,0 ") && screen.contains("global q=")
        }
        try quitCleanly(session)
    }

    @Test func noMouseLeavesClicksAlone() throws {
        let session = try startExplorer(arguments: ["--no-mouse"])
        try session.waitFor("global q=12,16")
        try session.sendLiteral(Self.press(x: 1, y: 1) + Self.release(x: 1, y: 1))
        try session.send("l")
        try session.waitFor("global q=12,17")
        try quitCleanly(session)
    }

    @Test func unreadableSessionsAndUnwritableRecordingsAreRefusedClearly() throws {
        for (option, path, words) in [("--session", "/nonexistent/x.txt", "--session /nonexistent/x.txt: no such file"),
                                      ("--record", "/nonexistent/x.cast", "--record /nonexistent/x.cast: cannot be written (its directory does not exist)")] {
            let session = try startExplorer(arguments: [option, path])
            let status = try session.waitForExit()
            #expect(status != 0)
            #expect(session.capture(history: true).contains(words))
        }
    }
}
