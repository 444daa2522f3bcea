import Foundation

/// Runs the built `attnscope` binary (a sibling of the test bundle) and captures its output.
struct BinaryRun {
    /// The exit status.
    var status: Int32
    /// Everything written to stdout.
    var stdout: Data
    /// Everything written to stderr, as text.
    var stderr: String
    /// Whether a signal ended the program (a crash: SIGSEGV, SIGILL from a trap, SIGABRT).
    var signalled = false

    /// Runs `attnscope` with `arguments` and extra `environment` variables; output goes through
    /// temporary files (no pipe can fill up).
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> BinaryRun {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("stdout"), err = dir.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        guard let executable = AttnscopeBinary.path else {
            throw ProcessRunner.SpawnError(message: "the attnscope binary is not built")
        }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return BinaryRun(status: process.terminationStatus, stdout: try Data(contentsOf: out),
                         stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self),
                         signalled: process.terminationReason == .uncaughtSignal)
    }
}
