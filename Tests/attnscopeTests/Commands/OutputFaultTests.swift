import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Output that fails is reported, end to end: a full device is one line naming the path and a
/// non-zero exit; a closed pipe is a quiet death by SIGPIPE; `--out` writes a regular file or
/// through to a character device and refuses anything else without replacing it.
@Suite("Output faults end to end")
struct OutputFaultTests {
    static let render = ["render", "scene:default", "--mode", "global", "--query", "3,3", "--size", "80x24", "--format", "text"]
    static let weights = ["weights", "scene:default", "--mode", "global", "--query", "3,3"]

    func kind(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    @Test(arguments: [render, weights, weights + ["--format", "npy"], ["info", "scene:default"], ["--version"], ["info", "--help"]])
    func aFullDeviceOnStdoutIsOneLineAndAFailure(_ arguments: [String]) throws {
        let run = try DeadlineRun.run(arguments, stdout: .path("/dev/full"))
        #expect(!run.hung)
        #expect(run.exitStatus == 1, "\(run)")
        #expect(run.stderrLines == ["Error: stdout: cannot be written (No space left on device)"])
    }

    @Test(arguments: [render, render.dropLast(2) + ["--format", "svg", "--size", "1000x1000"], weights, ["info", "scene:default"]])
    func aClosedPipeEndsQuietlyBySIGPIPE(_ arguments: [String]) throws {
        let run = try DeadlineRun.run(Array(arguments), stdout: .closedPipe)
        #expect(!run.hung)
        #expect(run.signal == SIGPIPE, "\(run)")
        #expect(run.stderr.isEmpty)
    }

    @Test func outOntoAFullDeviceIsOneLineNamingIt() throws {
        let run = try DeadlineRun.run(Self.weights + ["--out", "/dev/full"])
        #expect(run.exitStatus == 1)
        #expect(run.stderrLines == ["Error: --out /dev/full: cannot be written (No space left on device)"])
    }

    @Test func outWritesThroughDevNullAndLeavesItADevice() throws {
        let run = try DeadlineRun.run(Self.weights + ["--out", "/dev/null"])
        #expect(run.exitStatus == 0, "\(run)")
        #expect(kind("/dev/null") == S_IFCHR)
    }

    @Test func outRefusesADirectoryAFIFOAndASymbolicLinkLeavingThemAlone() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/fifo", link = dir + "/link", target = dir + "/target.json"
        #expect(mkfifo(fifo, 0o644) == 0)
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        #expect(symlink(target, link) == 0)
        for (path, words) in [(dir, "is a directory, not a file"), (fifo, "is a FIFO (named pipe), not a file"),
                              (link, "is a symbolic link")] {
            let run = try DeadlineRun.run(Self.weights + ["--out", path], deadline: 10)
            #expect(!run.hung, "--out \(path) blocked")
            #expect(run.exitStatus == 1)
            #expect(run.stderrLines.count == 1)
            #expect(run.stderr.hasPrefix("Error: --out \(path): \(words)"), "\(run.stderr)")
        }
        #expect(kind(fifo) == S_IFIFO && kind(link) == S_IFLNK && kind(dir) == S_IFDIR)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["fifo", "link", "target.json"])
    }

    @Test func outReplacesARegularFileWhole() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/weights.json"
        try String(repeating: "x", count: 1 << 20).write(toFile: path, atomically: false, encoding: .utf8)
        let run = try DeadlineRun.run(Self.weights + ["--out", path])
        #expect(run.exitStatus == 0)
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        #expect(written?["mode"] as? String == "global")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["weights.json"])
    }

    /// A file its owner made read-only is not replaced by someone who may only write the
    /// directory: the rename would go through, so the write permission is checked first. Run as
    /// an unprivileged user (through setpriv when the tests run as root: root may write anything).
    @Test func aReadOnlyFileInAWritableDirectoryIsRefusedAndKept() throws {
        let binary = try #require(AttnscopeBinary.path)
        let unprivileged = getuid() == 0
        if unprivileged { try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "setpriv is needed as root") }
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(chmod(dir, 0o777) == 0)
        let path = dir + "/kept.json"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o444) == 0)
        let process = Process()
        let command = [binary] + Self.weights + ["--out", path]
        process.executableURL = URL(fileURLWithPath: unprivileged ? "/usr/bin/setpriv" : binary)
        process.arguments = unprivileged ? ["--reuid=65534", "--regid=65534", "--clear-groups"] + command : Array(command.dropFirst())
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        #expect(stderr == "Error: --out \(path): cannot be written (Permission denied)\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["kept.json"])
    }
}

/// The explorer's writes that fail: `--record` onto a full device is reported on quitting, as one
/// line after the terminal is restored, with a non-zero exit; `w` and `e` say on the status line
/// which file could not be written and why, and the explorer carries on.
@Suite("Output faults in the explorer (tmux)", .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct ExplorerOutputFaultTests {
    @Test func sessionAndExportWritesThatFailAreNamedOnTheStatusLine() throws {
        let dir = try scratchDirectory()
        let session = try startAttnscope([AttnscopeBinary.explorerMap], width: 250, height: 36, in: dir)
        try session.waitFor("global q=12,16")
        // The working directory disappears: nothing can be created in it any more.
        try FileManager.default.removeItem(atPath: dir)
        try session.send("w")
        let written = try session.waitFor("cannot be written")
        #expect(written.contains("w: \(dir)/attnscope-session-"))
        #expect(written.contains(".txt: cannot be written (its directory does not exist)"))
        try session.send("e")
        let exported = try session.waitFor("e: \(dir)/attnscope-global-12-16-")
        #expect(exported.contains(".svg: cannot be written (its directory does not exist)"))
        try quitCleanly(session)
    }

    @Test func aRecordingOntoAFullDeviceIsReportedOnExit() throws {
        let session = try startExplorer(arguments: ["--record", "/dev/full"])
        try session.waitFor("global q=12,16")
        try session.send("q")
        let status = try session.waitForExit()
        #expect(status == 1)
        #expect(!session.alternateScreenOn)
        let history = session.capture(history: true)
        #expect(history.contains("Error: --record /dev/full: cannot be written (No space left on device)"))
    }
}
