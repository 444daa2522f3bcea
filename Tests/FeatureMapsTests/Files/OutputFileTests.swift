import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import FeatureMaps

@Suite("Output files: regular files replaced safely, devices written through, the rest refused")
struct OutputFileTests {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func kind(_ path: String) -> FileKind {
        var info = stat()
        return lstat(path, &info) == 0 ? FileKind(mode: info.st_mode) : .other
    }

    /// Everything in the directory, so that a stray temporary file is noticed.
    func listing() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: directory).sorted() }

    @Test func aNewFileAppearsOnlyWhenCommittedAndNothingElseIsLeft() throws {
        let path = directory + "/new.txt"
        let file = try OutputFile(creating: path)
        try file.write("hello ")
        try file.write([0x77, 0x6f, 0x72, 0x6c, 0x64])
        #expect(!FileManager.default.fileExists(atPath: path))
        try file.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "hello world")
        #expect(try listing() == ["new.txt"])
    }

    @Test func anExistingFileIsReplacedKeepingItsPermissions() throws {
        let path = directory + "/old.txt"
        try "previous contents".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o640)
        try OutputFile.write("new", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o640)
        #expect(try listing() == ["old.txt"])
    }

    @Test func aDiscardedWriteLeavesTheOldFileUntouched() throws {
        let path = directory + "/kept.txt"
        try "kept".write(toFile: path, atomically: false, encoding: .utf8)
        let file = try OutputFile(creating: path)
        try file.write("half a fil")
        file.discard()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "kept")
        #expect(try listing() == ["kept.txt"])
    }

    @Test func aFullDeviceIsOneLineNamingThePathAndTheProblem() throws {
        let file = try OutputFile(creating: "/dev/full")
        let error = try #require(throws: FileWriteError.self) { try file.write("x") }
        #expect(error.description == "/dev/full: cannot be written (No space left on device)")
        #expect(kind("/dev/full") == .characterDevice)
    }

    @Test func devNullIsWrittenThroughAndStaysACharacterDevice() throws {
        try OutputFile.write("discarded", to: "/dev/null")
        #expect(kind("/dev/null") == .characterDevice)
        // A link to a character device is written through too; the link stays a link.
        let link = directory + "/to-null"
        #expect(symlink("/dev/null", link) == 0)
        try OutputFile.write("discarded", to: link)
        #expect(kind(link) == .symbolicLink)
        #expect(kind("/dev/null") == .characterDevice)
    }

    @Test func aSymbolicLinkToAFileIsRefusedAndStaysALink() throws {
        let target = directory + "/target.txt", link = directory + "/link.txt"
        try "target".write(toFile: target, atomically: false, encoding: .utf8)
        #expect(symlink(target, link) == 0)
        let error = try #require(throws: FileWriteError.self) { try OutputFile.write("new", to: link) }
        #expect(error.description.hasPrefix("\(link): is a symbolic link;"))
        #expect(kind(link) == .symbolicLink)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "target")
        // A dangling link is refused the same way (nothing is created at its target).
        let dangling = directory + "/dangling"
        #expect(symlink(directory + "/nowhere", dangling) == 0)
        #expect(throws: FileWriteError.self) { try OutputFile.write("new", to: dangling) }
        #expect(!FileManager.default.fileExists(atPath: directory + "/nowhere"))
    }

    @Test func aDirectoryFIFOAndSocketAreRefusedWithoutBlocking() throws {
        let fifo = directory + "/fifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        let fifoError = try #require(throws: FileWriteError.self) { try OutputFile.write("x", to: fifo) }
        #expect(fifoError.description.hasPrefix("\(fifo): is a FIFO (named pipe), not a file;"))
        #expect(kind(fifo) == .fifo)

        let dirError = try #require(throws: FileWriteError.self) { try OutputFile.write("x", to: directory) }
        #expect(dirError.description.hasPrefix("\(directory): is a directory, not a file;"))

        let socketPath = directory + "/socket"
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in socketPath.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        let socketError = try #require(throws: FileWriteError.self) { try OutputFile.write("x", to: socketPath) }
        #expect(socketError.description.hasPrefix("\(socketPath): is a socket, not a file;"))
        #expect(kind(socketPath) == .socket)
        #expect(try listing() == ["fifo", "socket"])
    }

    @Test func aMissingDirectoryIsNamed() throws {
        let error = try #require(throws: FileWriteError.self) { try OutputFile.write("x", to: directory + "/no/such/file") }
        #expect(error.description == "\(directory)/no/such/file: cannot be written (its directory does not exist)")
    }

    @Test func aNonFileThatAppearsBeforeCommitIsNotReplaced() throws {
        let path = directory + "/raced"
        let file = try OutputFile(creating: path)
        try file.write("x")
        #expect(mkfifo(path, 0o644) == 0)
        #expect(throws: FileWriteError.self) { try file.commit() }
        #expect(kind(path) == .fifo)
        #expect(try listing() == ["raced"])
    }
}
