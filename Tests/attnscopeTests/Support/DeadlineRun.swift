import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the built `attnscope` with its stdout wherever a test needs it (a device such as
/// /dev/full, a file, or a pipe whose reader has gone) and a deadline: a run that outlives it is
/// killed and reported as hung, so that a test of "does not block" fails instead of hanging.
///
/// Like `ProcessRunner`, it spawns with an empty signal mask and default dispositions (test
/// threads block signals, which posix_spawn would otherwise pass on).
struct DeadlineRun {
    /// Where the child's stdout goes.
    enum Output {
        /// Opened by path (O_WRONLY | O_CREAT | O_TRUNC), e.g. /dev/full.
        case path(String)
        /// A pipe whose read end is closed before the child starts (`| head -c0`).
        case closedPipe
    }

    /// The exit status, or nil when a signal ended the run.
    var exitStatus: Int32?
    /// The signal that ended the run, if any.
    var signal: Int32?
    /// Everything written to stderr.
    var stderr: String
    /// Whether the deadline passed (the child was killed).
    var hung: Bool
    /// Seconds from spawn to exit.
    var seconds: Double
    /// The child's peak resident memory (the last `VmHWM` read from /proc while it ran), in
    /// bytes. Not `ru_maxrss`: after posix_spawn's vfork that starts at the parent's peak.
    var peakResidentBytes: Int

    /// The lines written to stderr.
    var stderrLines: [Substring] { stderr.split(separator: "\n") }

    /// Runs `attnscope arguments`, killing it after `deadline` seconds.
    static func run(_ arguments: [String], stdout: Output = .path("/dev/null"), deadline: Double = 20) throws -> DeadlineRun {
        guard let executable = AttnscopeBinary.path else {
            throw ProcessRunner.SpawnError(message: "the attnscope binary is not built")
        }
        let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-stderr-\(UUID().uuidString)").path
        defer { unlink(errorPath) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        ProcessRunner.cleanSignals(&attributes)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var pipeEnds: [Int32] = [-1, -1]
        switch stdout {
        case let .path(path):
            posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        case .closedPipe:
            guard pipe(&pipeEnds) == 0 else { throw ProcessRunner.SpawnError(message: "pipe failed") }
            close(pipeEnds[0])
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        }
        defer { if pipeEnds[1] >= 0 { close(pipeEnds[1]) } }
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let started = Date()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw ProcessRunner.SpawnError(message: "posix_spawn failed: \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var hung = false
        var peak = 0
        while true {
            peak = max(peak, Self.highWaterMark(of: pid))
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR { break }
            if Date().timeIntervalSince(started) > deadline {
                hung = true
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                break
            }
            usleep(2_000)
        }
        let seconds = Date().timeIntervalSince(started)
        let stderr = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        let signalled = status & 0x7f != 0
        return DeadlineRun(exitStatus: signalled ? nil : (status >> 8) & 0xff, signal: signalled ? status & 0x7f : nil,
                           stderr: stderr, hung: hung, seconds: seconds, peakResidentBytes: peak)
    }

    /// `VmHWM` of a running process in bytes (0 once it has exited).
    static func highWaterMark(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kilobytes * 1024
    }
}
