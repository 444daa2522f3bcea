import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program to completion with posix_spawn, capturing its output through a file.
///
/// Not Foundation.Process: its `waitUntilExit` hangs when a daemon (the tmux server) inherits
/// its descriptors, and test threads block every signal, a mask that posix_spawn would copy into
/// tmux (which then never reaps its panes). So the child gets an empty signal mask, default
/// dispositions, stdin from /dev/null and stdout+stderr into a file it opens itself.
enum ProcessRunner {
    /// The result of one run.
    struct Result {
        /// The exit status (128 + signal when killed).
        var status: Int32
        /// stdout and stderr, interleaved.
        var output: String
    }

    /// Gives a child spawned with `attributes` an empty signal mask and default dispositions
    /// (test threads block signals, which posix_spawn would otherwise pass on).
    static func cleanSignals(_ attributes: inout posix_spawnattr_t) {
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in Int32(1)..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    }

    /// Runs `arguments[0]` (an absolute path) with the rest as arguments.
    static func run(_ arguments: [String], environment: [String: String]? = nil,
                    outputFile: String) throws -> Result {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        cleanSignals(&attributes)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw SpawnError(message: "posix_spawn \(arguments[0]) failed: \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0
        return Result(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output: output)
    }

    /// A spawn failure.
    struct SpawnError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
