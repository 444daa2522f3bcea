#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A file the program writes (`--out`, `--record`, the explorer's `e` and `w`), every write checked.
///
/// Only a regular file is ever written: the bytes go to a new file beside it, which replaces the
/// path when `commit()` succeeds and only if the path is then still absent or a regular file, so a
/// failed write leaves what was there untouched. A character device (`/dev/null`, a terminal,
/// `/dev/stdout` when it is one) is written through instead, never replaced. Anything else — a
/// directory, FIFO, socket, block device, or a symbolic link to one of those or to a file — is
/// refused with one line before anything is written.
public final class OutputFile {
    /// The path as the user gave it.
    public let path: String
    private var descriptor: Int32
    /// The file the bytes go to until `commit()` renames it; nil when writing through to a device.
    private let temporaryPath: String?
    private var finished = false

    /// Opens `path` for writing as described above, or throws why it cannot be.
    public init(creating path: String) throws(FileWriteError) {
        self.path = path
        guard !path.isEmpty else { throw FileWriteError(path: path, problem: "the file name is empty") }
        var info = stat()
        if lstat(path, &info) == 0 {
            var kind = FileKind(mode: info.st_mode)
            if kind == .symbolicLink {
                var target = stat()
                kind = stat(path, &target) == 0 ? FileKind(mode: target.st_mode) : .other
                guard kind == .characterDevice else {
                    throw FileWriteError(path: path, problem: "is a symbolic link; only a regular file, or a character device such as /dev/null, is written (name the link's target)")
                }
            }
            switch kind {
            case .characterDevice:
                descriptor = try Self.openDevice(path)
                temporaryPath = nil
                return
            case .regular:
                // The rename needs only the directory's permission; a file its owner made
                // read-only is refused as writing into it would be.
                guard access(path, W_OK) == 0 else { throw .system(path, "cannot be written", errno: errno) }
            default:
                throw FileWriteError(path: path, problem: kind.refusal + "; only a regular file, or a character device such as /dev/null, is written")
            }
        } else if errno != ENOENT {
            throw .system(path, "cannot be written", errno: errno)
        }
        let existingMode: mode_t? = lstat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
        (descriptor, temporaryPath) = try Self.createSibling(of: path, mode: existingMode)
    }

    deinit {
        if !finished { discard() }
    }

    /// Writes all of `bytes`, retrying partial writes and interruptions.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileWriteError) {
        guard !finished else { throw FileWriteError(path: path, problem: "was already closed") }
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let wrote = systemWrite(descriptor, base + done, bytes.count - done)
            if wrote < 0 {
                if errno == EINTR { continue }
                throw .system(path, "cannot be written", errno: errno)
            }
            done += wrote
        }
    }

    /// Writes the UTF-8 bytes of `text`.
    public func write(_ text: String) throws(FileWriteError) {
        try write(Array(text.utf8))
    }

    /// Writes `bytes`.
    public func write(_ bytes: [UInt8]) throws(FileWriteError) {
        let result = bytes.withUnsafeBytes { buffer in Result { () throws(FileWriteError) in try write(buffer) } }
        try result.get()
    }

    /// Closes the file and, unless writing through to a device, puts it at `path`.
    public func commit() throws(FileWriteError) {
        guard !finished else { return }
        finished = true
        let closed = close(descriptor)
        let closeError = errno
        guard let temporaryPath else {
            if closed != 0 { throw .system(path, "cannot be written", errno: closeError) }
            return
        }
        guard closed == 0 else {
            unlink(temporaryPath)
            throw .system(path, "cannot be written", errno: closeError)
        }
        // What is at the path may have changed since it was opened: still never replace a non-file.
        var info = stat()
        if lstat(path, &info) == 0, FileKind(mode: info.st_mode) != .regular {
            unlink(temporaryPath)
            throw FileWriteError(path: path, problem: FileKind(mode: info.st_mode).refusal + " now; nothing was written")
        }
        guard rename(temporaryPath, path) == 0 else {
            let code = errno
            unlink(temporaryPath)
            throw .system(path, "cannot be put in place", errno: code)
        }
    }

    /// Closes the file without putting it in place (a failed write leaves the path as it was).
    public func discard() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        if let temporaryPath { unlink(temporaryPath) }
    }

    /// Writes `bytes` to `path` in one go (create, write, commit).
    public static func write(_ bytes: [UInt8], to path: String) throws(FileWriteError) {
        let file = try OutputFile(creating: path)
        try file.write(bytes)
        try file.commit()
    }

    /// Writes `text` to `path` in one go.
    public static func write(_ text: String, to path: String) throws(FileWriteError) {
        try write(Array(text.utf8), to: path)
    }

    /// Opens a character device for writing; non-blocking while opening (a modem line would wait
    /// for carrier), blocking afterwards.
    private static func openDevice(_ path: String) throws(FileWriteError) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw .system(path, "cannot be written", errno: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, FileKind(mode: info.st_mode) == .characterDevice else {
            close(descriptor)
            throw FileWriteError(path: path, problem: "changed while it was being opened; nothing was written")
        }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return descriptor
    }

    /// Creates a new, unique file in the directory of `path` (`.NAME.attnscope-XXXXXXXX`), with
    /// the mode of the file it will replace, or 0666 less the umask for a new one.
    private static func createSibling(of path: String, mode: mode_t?) throws(FileWriteError) -> (Int32, String) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let prefix = (directory.isEmpty ? "" : directory + "/") + "." + name + ".attnscope-"
        for _ in 0 ..< 32 {
            let candidate = prefix + String(UInt32.random(in: .min ... .max), radix: 16)
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if descriptor >= 0 {
                if let mode { _ = fchmod(descriptor, mode) }
                return (descriptor, candidate)
            }
            if errno != EEXIST {
                let code = errno
                if code == ENOENT || code == ENOTDIR {
                    throw FileWriteError(path: path, problem: "cannot be written (its directory does not exist)")
                }
                throw .system(path, "cannot be written", errno: code)
            }
        }
        throw FileWriteError(path: path, problem: "cannot be written (no unique temporary name beside it)")
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
