#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FeatureMaps

/// stdout and stderr for the batch commands, every write checked.
///
/// A full disk or any other write error on stdout is a `FileWriteError` naming `stdout`, which
/// the command reports as one line and a non-zero exit. A closed pipe (`attnscope render … |
/// head -c1`) ends the program quietly by SIGPIPE, as `cat` does — even when SIGPIPE was
/// inherited ignored, the write's EPIPE is turned back into that signal.
enum StandardOutput {
    /// Writes `text` to stdout.
    static func write(_ text: String) throws(FileWriteError) {
        try write(Array(text.utf8))
    }

    /// Writes `bytes` to stdout.
    static func write(_ bytes: [UInt8]) throws(FileWriteError) {
        let result = bytes.withUnsafeBytes { buffer in Result { () throws(FileWriteError) in try write(buffer) } }
        try result.get()
    }

    /// Writes all of `bytes` to stdout, retrying partial writes and interruptions.
    static func write(_ bytes: UnsafeRawBufferPointer) throws(FileWriteError) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let wrote = systemWrite(STDOUT_FILENO, base + done, bytes.count - done)
            if wrote < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EPIPE { dieOfClosedPipe() }
                throw FileWriteError(path: "stdout", problem: "cannot be written (\(String(cString: strerror(code))))")
            }
            done += wrote
        }
    }

    /// Writes a line to stderr. A failure is deliberately ignored: stderr is where failures are
    /// reported, so there is nowhere left to report this one.
    static func note(_ line: String) {
        var text = line + "\n"
        text.withUTF8 { buffer in
            var done = 0
            while done < buffer.count {
                let wrote = systemWrite(STDERR_FILENO, buffer.baseAddress! + done, buffer.count - done)
                if wrote < 0 && errno == EINTR { continue }
                if wrote <= 0 { return }
                done += wrote
            }
        }
    }

    /// Registers a check, run at exit, that C stdio's buffered stdout (where `print` and the
    /// argument parser's help and `--version` go) was written: a failure is one line on stderr and
    /// exit status 1, as for every other write.
    static func checkBufferedOutputAtExit() {
        atexit {
            // Every stream but stdout is unbuffered or closed here, so a failed flush is stdout's.
            // A terminal is left alone: the explorer's terminal may have hung up, and its exit
            // status (128 + SIGHUP) says so already.
            guard fflush(nil) != 0 else { return }
            let code = errno
            guard isatty(STDOUT_FILENO) == 0 else { return }
            if code == EPIPE { StandardOutput.dieOfClosedPipe() }
            StandardOutput.note("Error: stdout: cannot be written (\(String(cString: strerror(code))))")
            _exit(1)
        }
    }

    /// Ends the process by SIGPIPE with its default action (quiet; the shell sees 128 + 13).
    static func dieOfClosedPipe() -> Never {
        signal(SIGPIPE, SIG_DFL)
        var pipeOnly = sigset_t()
        sigemptyset(&pipeOnly)
        sigaddset(&pipeOnly, SIGPIPE)
        pthread_sigmask(SIG_UNBLOCK, &pipeOnly, nil)
        raise(SIGPIPE)
        _exit(128 + SIGPIPE)  // not reached unless the signal could not be delivered
    }
}

/// `write(2)` under the platform's module name (the type here has a `write` of its own).
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, bytes, count)
    #else
    return Darwin.write(descriptor, bytes, count)
    #endif
}
