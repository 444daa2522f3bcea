import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts the real attnscope binary with `arguments` in a private tmux pane.
///
/// It runs in `directory` (by default a scratch one: keys such as w and e write files into the
/// current directory). With `jobControl`, the pane's shell runs it as a job in its own process
/// group, as an interactive shell would, so that SIGTSTP really stops it (the kernel discards stop
/// signals sent to an orphaned process group, which is what a plain `sh -c` pane gives).
func startAttnscope(_ arguments: [String], width: Int = 100, height: Int = 30,
                    in directory: String = explorerWorkingDirectory,
                    environment: [String: String] = ["TERM": "tmux-256color", "LANG": "C.UTF-8"],
                    jobControl: Bool = false, linger: Bool = false, holdStops: Bool = false) throws -> TmuxSession {
    let binary = try #require(AttnscopeBinary.path, "the attnscope binary is not built")
    let command = ["sh", "-c", "cd \"$0\" && exec \"$@\"", directory, binary] + arguments
    return try TmuxSession(width: width, height: height, command: command,
                           environment: environment, jobControl: jobControl, linger: linger, holdStops: holdStops)
}

/// Starts the explorer on the 24×32 test map (`file`; nil opens the default scene) in a private
/// tmux pane; see `startAttnscope`.
func startExplorer(width: Int = 100, height: Int = 30, file: String? = AttnscopeBinary.explorerMap,
                   arguments: [String] = [], term: String = "tmux-256color",
                   jobControl: Bool = false, linger: Bool = false, holdStops: Bool = false) throws -> TmuxSession {
    try startAttnscope((file.map { [$0] } ?? []) + arguments, width: width, height: height,
                       environment: ["TERM": term, "LANG": "C.UTF-8"], jobControl: jobControl, linger: linger,
                       holdStops: holdStops)
}

/// The working directory of programs started by the end-to-end tests (session and export
/// files land there, not in the package).
let explorerWorkingDirectory: String = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-e2e-cwd-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

/// A new temporary directory for files a test writes or wants the explorer to write.
func scratchDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
}

/// Waits for the explorer to leave and checks the terminal is back to normal.
///
/// `resizedWhileRunning` says the test resized the pane while the explorer was on the alternate
/// screen and then stopped it: tmux 3.3a may then copy part of the last frame onto the normal
/// screen (seen once in CI under load, not reproducible at will), so the frame-text check is left
/// out and the alternate-screen flag and the exit marker stand for it.
func expectCleanExit(_ session: TmuxSession, status expected: Int, resizedWhileRunning: Bool = false) throws {
    let status = try session.waitForExit()
    #expect(status == expected)
    // The marker was printed after endwin, on the normal screen, where the shell's prompt would
    // be; the explorer's frame is gone with the alternate screen.
    #expect(!session.alternateScreenOn, "the alternate screen was left on")
    let history = session.capture(history: true)
    #expect(history.contains("__EXIT=\(expected)__"))
    if !resizedWhileRunning {
        #expect(!session.capture().contains(" q="), "the explorer's frame is still on the screen")
    }
}

/// Presses q and checks the explorer leaves with status 0 and a normal terminal.
func quitCleanly(_ session: TmuxSession) throws {
    try session.send("q")
    try expectCleanExit(session, status: 0)
}
