#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that could not be written: its path and, in words, why (one line).
public struct FileWriteError: Error, Equatable, CustomStringConvertible {
    /// The path as the user gave it (`stdout` for standard output).
    public var path: String
    /// What went wrong, e.g. `cannot be written (No space left on device)`.
    public var problem: String

    /// Creates the error for `path`.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    /// `path: problem`.
    public var description: String { "\(path): \(problem)" }

    /// The error for a failed system call on `path`: `doing` says what was attempted.
    static func system(_ path: String, _ doing: String, errno code: Int32) -> FileWriteError {
        FileWriteError(path: path, problem: "\(doing) (\(String(cString: strerror(code))))")
    }
}
