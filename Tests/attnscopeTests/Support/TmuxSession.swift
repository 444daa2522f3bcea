import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private tmux server with one pane running a command at a fixed size, for driving the real
/// explorer binary end to end.
///
/// Every session has its own socket in its own temporary directory (`tmux -S … -f /dev/null`),
/// so tests run in parallel without sharing a server. The pane runs
/// `sh -c 'trap : INT TERM; "$@"; echo "__EXIT=$?__"'`, because tmux may lose the child's exit
/// status; the marker lands in the pane's history after the program restores the terminal.
/// Frames are awaited by polling `capture-pane` for a semantic string, never by sleeping.
final class TmuxSession {
    /// The temporary directory holding the socket and output files.
    let directory: String
    /// The server socket.
    let socket: String
    /// The pane target.
    let target = "attn:0.0"
    private var outputCounter = 0

    /// The tmux binary.
    static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/tmux"

    /// Whether tmux is installed (tests that need it are skipped otherwise).
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: tmux) }

    /// The file where the job-control wrapper notes each stop of the program: one line per stop,
    /// `cooked` when the terminal was back in normal (canonical, echoing) mode, else `raw`.
    var stopsFile: String { directory + "/stops" }

    /// Starts a server and a `width`×`height` pane running `command` with `environment`.
    ///
    /// With `jobControl`, the wrapper is `bash -c 'set -m; …'`: the program runs as a foreground
    /// job in its own process group, so SIGTSTP stops it as it would under an interactive shell;
    /// each stop is noted in `stopsFile` with the terminal's mode at that moment, and the job is
    /// resumed with `fg`, as a user would. With `linger`, the shell stays 30 s after the exit
    /// marker (the server is killed sooner), so the pane's state after the program (cursor,
    /// modes) can be read while the pane is still alive. With `holdStops` (and `jobControl`) the
    /// shell waits for `resumeStopped()` before its `fg`, so the stopped state can be inspected.
    init(width: Int, height: Int, command: [String],
         environment: [String: String] = ["TERM": "tmux-256color", "LANG": "C.UTF-8"],
         jobControl: Bool = false, linger: Bool = false, holdStops: Bool = false) throws {
        var template = Array("/tmp/attnscope-tmux-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw ProcessRunner.SpawnError(message: "mkdtemp failed")
        }
        directory = String(cString: made)
        socket = directory + "/sock"
        let env = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let stops = directory + "/stops"
        let script = jobControl
            ? "set -m; trap : INT TERM; \"$@\"; s=$?; while [ \"$s\" = 148 ]; do "
                + "if stty -a | grep -q -- -icanon; then echo raw; else echo cooked; fi >> \(TmuxSession.shellQuoted(stops)); "
                + (holdStops ? "while [ ! -e \(TmuxSession.shellQuoted(directory + "/resume")) ]; do sleep 0.02; done; "
                    + "rm -f \(TmuxSession.shellQuoted(directory + "/resume")); " : "")
                + "fg >/dev/null; s=$?; done; echo \"__EXIT=${s}__\"" + (linger ? "; sleep 30" : "")
            : "trap : INT TERM; \"$@\"; echo \"__EXIT=$?__\"" + (linger ? "; sleep 30" : "")
        let wrapped = ["env"] + env + [jobControl ? "bash" : "sh", "-c", script, "sh"] + command
        let paneCommand = wrapped.map(TmuxSession.shellQuoted).joined(separator: " ")
        let result = try tmuxCommand(["start-server", ";", "set", "-g", "remain-on-exit", "on", ";",
                                      "new-session", "-d", "-s", "attn", "-x", "\(width)", "-y", "\(height)",
                                      paneCommand])
        guard result.status == 0 else {
            throw ProcessRunner.SpawnError(message: "tmux new-session failed (\(result.status)): \(result.output)")
        }
    }

    deinit {
        _ = try? tmuxCommand(["kill-server"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs a tmux command against this server.
    @discardableResult
    func tmuxCommand(_ arguments: [String]) throws -> ProcessRunner.Result {
        outputCounter += 1
        let output = directory + "/out\(outputCounter % 4)"
        return try ProcessRunner.run([TmuxSession.tmux, "-S", socket, "-f", "/dev/null"] + arguments,
                                     environment: ["PATH": "/usr/bin:/bin", "HOME": directory, "TMUX_TMPDIR": directory, "LANG": "C.UTF-8"],
                                     outputFile: output)
    }

    /// The visible pane (with `history`, everything since the start; with `escapes`, SGR colours).
    func capture(history: Bool = false, escapes: Bool = false) -> String {
        var arguments = ["capture-pane", "-p", "-t", target]
        // -J joins lines the pane wrapped: a marker printed at a narrow width stays whole.
        if history { arguments += ["-S", "-", "-J"] }
        if escapes { arguments.append("-e") }
        return (try? tmuxCommand(arguments).output) ?? ""
    }

    /// Polls the pane every ~10 ms until `predicate` holds; returns the matching capture.
    @discardableResult
    func waitUntil(timeout: Double = 20, history: Bool = false, _ what: String,
                   _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = capture(history: history)
            if predicate(last) { return last }
            usleep(10_000)
        }
        throw TimeoutError(waitingFor: what, screen: last)
    }

    /// Polls until the pane shows `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 20, history: Bool = false) throws -> String {
        try waitUntil(timeout: timeout, history: history, text) { $0.contains(text) }
    }

    /// Sends tmux key names (`Up`, `C-c`, `Escape`, `q`).
    func send(_ keys: String...) throws {
        try tmuxCommand(["send-keys", "-t", target] + keys)
    }

    /// Sends text literally, byte for byte (as if pasted).
    func sendLiteral(_ text: String) throws {
        try tmuxCommand(["send-keys", "-l", "-t", target, text])
    }

    /// Resizes the pane's window.
    func resize(width: Int, height: Int) throws {
        try tmuxCommand(["resize-window", "-t", "attn", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Closes the pane (its terminal goes away, as when a terminal window is closed).
    func killPane() throws {
        try tmuxCommand(["kill-pane", "-t", target])
    }

    /// Whether process `pid` has ended (gone, or a zombie waiting to be reaped).
    static func hasEnded(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
    }

    /// A format variable of the pane (`alternate_on`, `pane_pid`, `pane_dead`).
    func paneVariable(_ name: String) -> String {
        let out = (try? tmuxCommand(["display-message", "-p", "-t", target, "#{\(name)}"]).output) ?? ""
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether the pane is in the alternate screen (curses is active).
    var alternateScreenOn: Bool { paneVariable("alternate_on") == "1" }

    /// The pid of the program under the wrapper shell (the shell's child), if running.
    func programPID() -> pid_t? {
        guard let shell = Int32(paneVariable("pane_pid")) else { return nil }
        // The pane runs env, which execs the shell; the program is the shell's only child.
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        for entry in entries {
            guard let pid = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 2, Int32(fields[1]) == shell { return pid }
        }
        return nil
    }

    /// With `holdStops`: lets the shell resume the stopped program (`fg`: SIGCONT and the terminal).
    func resumeStopped() {
        FileManager.default.createFile(atPath: directory + "/resume", contents: Data())
    }

    /// The state letter of process `pid` in /proc (`T` stopped, `S` sleeping, `R` running), nil when gone.
    static func processState(_ pid: pid_t) -> Character? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ").first?.first
    }

    /// Polls until the program has stopped `count` times; returns the terminal modes seen.
    @discardableResult
    func waitForStops(_ count: Int, timeout: Double = 20) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var lines: [String] = []
        while Date() < deadline {
            let text = (try? String(contentsOfFile: stopsFile, encoding: .utf8)) ?? ""
            lines = text.split(separator: "\n").map(String.init)
            if lines.count >= count { return lines }
            usleep(10_000)
        }
        throw TimeoutError(waitingFor: "\(count) stop(s), saw \(lines.count)", screen: capture())
    }

    /// Waits for the program's exit marker and returns its status.
    func waitForExit(timeout: Double = 20) throws -> Int {
        // Wait for the whole marker: a capture can land while it is half printed (`__EXIT=14`).
        let screen = try waitUntil(timeout: timeout, history: true, "__EXIT=n__") { Self.exitStatus(in: $0) != nil }
        return Self.exitStatus(in: screen) ?? -1
    }

    /// The status in a complete `__EXIT=N__` marker on `screen`, or nil while there is none.
    static func exitStatus(in screen: String) -> Int? {
        // In a narrow pane the marker wraps onto the next line.
        let screen = screen.replacingOccurrences(of: "\n", with: "")
        guard let range = screen.range(of: "__EXIT="),
              let end = screen[range.upperBound...].range(of: "__") else { return nil }
        return Int(screen[range.upperBound..<end.lowerBound])
    }

    /// Quotes a word for `sh`.
    static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A wait that ran out, with the last screen for the failure message.
    struct TimeoutError: Error, CustomStringConvertible {
        var waitingFor: String
        var screen: String
        var description: String { "timed out waiting for \(waitingFor); last screen:\n\(screen)" }
    }
}
