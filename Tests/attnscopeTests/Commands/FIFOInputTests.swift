import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every path the program reads is opened without blocking: a FIFO (which would block `open`
/// until a writer came) is refused at once with one line, wherever it is named.
@Suite("FIFOs in every input position are refused promptly")
struct FIFOInputTests {
    static let render = ["render", "scene:default", "--query", "3,3", "--size", "40x12", "--format", "text"]

    /// The arguments naming `fifo`, for each way of reading a file.
    static func cases(_ fifo: String, tour: String, session: String) -> [[String]] {
        [
            ["info", fifo],
            ["render", fifo, "--mode", "global", "--query", "1,1"],
            ["weights", fifo, "--mode", "global", "--query", "1,1"],
            [fifo],
            render + ["--mode", "global", "--proj", fifo],
            render + ["--mode", "window", "--bias", fifo],
            render + ["--mode", "axial", "--rel", fifo],
            render + ["--mode", "dcn", "--offsets", fifo],
            render + ["--mode", "dcn", "--mask", fifo],
            render + ["--mode", "dat", "--positions", fifo],
            render + ["--mode", "global", "--image", fifo],
            ["tour", fifo],
            ["--session", fifo],
            ["tour", tour],
            ["--session", session],
        ]
    }

    @Test func eachInputRefusesAFIFOWithOneLineAtOnce() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/fifo.npy"
        #expect(mkfifo(fifo, 0o644) == 0)
        let tour = dir + "/fifo-map.tour", session = dir + "/fifo-map-session.txt"
        try "map \(fifo)\nstep One\nquery 1,1\n".write(toFile: tour, atomically: false, encoding: .utf8)
        try "map \(fifo)\nquery 1,1\n".write(toFile: session, atomically: false, encoding: .utf8)
        for arguments in Self.cases(fifo, tour: tour, session: session) {
            let run = try DeadlineRun.run(arguments, deadline: 10)
            #expect(!run.hung, "attnscope \(arguments.joined(separator: " ")) blocked on the FIFO")
            #expect(run.exitStatus == 1, "\(arguments): \(run)")
            #expect(run.stderrLines.count == 1, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("\(fifo): is a FIFO (named pipe), not a file"), "\(arguments): \(run.stderr)")
        }
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func aCharacterDeviceAndADirectoryAreRefusedToo() throws {
        for (path, words) in [("/dev/zero", "is a character device, not a file"), ("/tmp", "is a directory, not a file")] {
            let run = try DeadlineRun.run(["info", path], deadline: 10)
            #expect(!run.hung && run.exitStatus == 1)
            #expect(run.stderrLines == ["Error: \(path): \(words)"])
        }
    }
}
