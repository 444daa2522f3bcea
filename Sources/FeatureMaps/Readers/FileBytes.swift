#if canImport(Glibc)
import Glibc
/// The C library's `read(2)`, under a name that `FileBytes.read` does not shadow.
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
/// The C library's `read(2)`, under a name that `FileBytes.read` does not shadow.
private let systemRead = Darwin.read
#endif

/// Reads a whole file into memory in one go, with one-line errors for missing paths,
/// directories and unreadable files.
enum FileBytes {
    /// The bytes of the file at `path`.
    ///
    /// The file's real size (from `fstat`) bounds the allocation; files larger than twice the
    /// decode cap `cap` (plus 1 MiB for headers) are refused: no accepted tensor could come from them.
    static func read(_ path: String, maxBytes cap: Int) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw FeatureMapError.invalidFile(path: path, problem: describe(errno: errno))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw FeatureMapError.invalidFile(path: path, problem: describe(errno: errno))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw FeatureMapError.invalidFile(path: path, problem: "is a directory, not a file")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw FeatureMapError.invalidFile(path: path, problem: "is not a regular file")
        }
        let size = Int(info.st_size)
        if size == 0 { throw FeatureMapError.invalidFile(path: path, problem: "is empty") }
        // f8 data takes twice its decoded size; headers need a little more.
        let (twice, overflow) = cap.multipliedReportingOverflow(by: 2)
        let limit = twice &+ (1 << 20)
        if !overflow && limit > 0 && size > limit {
            throw FeatureMapError.invalidFile(path: path, problem: "is \(size) bytes, over the \(limit)-byte read limit (raise it with \(ReadLimits.environmentVariable))")
        }
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            var done = 0
            while done < size {
                let got = systemRead(descriptor, base + done, size - done)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if got == 0 { break }
                done += got
            }
            initialized = done
        }
        if failure != 0 {
            throw FeatureMapError.invalidFile(path: path, problem: describe(errno: failure))
        }
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
