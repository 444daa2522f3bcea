#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file opened for reading, with its real size, and one-line errors for missing
/// paths and anything that is not a regular file. Every path the program reads is opened here.
///
/// The path is opened non-blocking (a FIFO would otherwise block `open` until a writer came,
/// before `fstat` could refuse it), close-on-exec and without becoming a controlling terminal;
/// anything but a regular file is refused, then blocking reads are restored.
///
/// The real size (from `fstat`) bounds every allocation: files larger than twice the decode cap
/// (plus 1 MiB for headers) are refused, since no accepted tensor could come from them.
public final class OpenedFile: ByteSource {
    /// The path as the user gave it.
    let path: String
    /// The file's size in bytes.
    let size: Int
    private let descriptor: Int32

    /// Opens `path`, refusing non-files, empty files and files over the read limit.
    init(_ path: String, maxBytes cap: Int) throws(FeatureMapError) {
        self.path = path
        (descriptor, size) = try Self.openRegularFile(path)
        // f8 data takes twice its decoded size; headers need a little more.
        let (twice, overflow) = cap.multipliedReportingOverflow(by: 2)
        let limit = twice &+ (1 << 20)
        let problem: String?
        if size == 0 {
            problem = "is empty"
        } else if !overflow && limit > 0 && size > limit {
            problem = "is \(size) bytes, over the \(limit)-byte read limit (raise it with \(ReadLimits.environmentVariable))"
        } else {
            problem = nil
        }
        if let problem {
            close(descriptor)
            throw .invalidFile(path: path, problem: problem)
        }
    }

    private init(path: String, descriptor: Int32, size: Int) {
        self.path = path
        self.descriptor = descriptor
        self.size = size
    }

    /// The whole contents of a small file (a tour, a session), refused when over `limit` bytes.
    public static func contents(ofSmallFile path: String, limit: Int) throws(FeatureMapError) -> [UInt8] {
        let (descriptor, size) = try openRegularFile(path)
        let file = OpenedFile(path: path, descriptor: descriptor, size: size)
        guard size <= limit else { throw .invalidFile(path: path, problem: "is \(size) bytes, over the \(limit)-byte limit for this kind of file") }
        return try file.bytes()
    }

    /// Opens `path` without blocking and returns its descriptor and size, or throws unless it is
    /// a regular file.
    private static func openRegularFile(_ path: String) throws(FeatureMapError) -> (Int32, Int) {
        // Shown quoted: an empty name would leave the message's "path:" prefix blank.
        guard !path.isEmpty else { throw .invalidFile(path: "''", problem: "the file name is empty") }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw .invalidFile(path: path, problem: describe(errno: errno)) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw .invalidFile(path: path, problem: describe(errno: code))
        }
        let kind = FileKind(mode: info.st_mode)
        guard kind == .regular else {
            close(descriptor)
            throw .invalidFile(path: path, problem: kind.refusal)
        }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return (descriptor, Int(info.st_size))
    }

    deinit { close(descriptor) }

    /// Reads `count` bytes at `offset` into `buffer`, the problem in words (for the readers).
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(ReadProblem) {
        do throws(FeatureMapError) { try readNamed(into: buffer, count: count, at: offset) } catch {
            if case let .invalidFile(_, problem) = error { throw ReadProblem(problem) }
            throw ReadProblem("cannot be read")
        }
    }

    /// Reads `count` bytes at `offset` into `buffer` (which holds at least `count` bytes).
    func readNamed(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(FeatureMapError) {
        var done = 0
        while done < count {
            let got = pread(descriptor, buffer + done, count - done, off_t(offset + done))
            if got < 0 {
                if errno == EINTR { continue }
                throw .invalidFile(path: path, problem: Self.describe(errno: errno))
            }
            if got == 0 { throw .invalidFile(path: path, problem: "shrank while it was being read") }
            done += got
        }
    }

    /// The first `count` bytes of the file (at most its size), or all of it.
    func bytes(prefix count: Int? = nil) throws(FeatureMapError) -> [UInt8] {
        let wanted = min(count ?? size, size)
        var failure: FeatureMapError?
        let bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress, wanted > 0 else { return }
            do throws(FeatureMapError) { try readNamed(into: base, count: wanted, at: 0) } catch { failure = error; return }
            initialized = wanted
        }
        if let failure { throw failure }
        return bytes
    }

    /// A short sentence for an `errno` from opening or reading a file.
    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case EISDIR: return "is a directory, not a file"
        case ENOTDIR: return "a component of the path is not a directory"
        default: return "cannot be read (\(String(cString: strerror(code))))"
        }
    }
}
