import Foundation

/// Runs the built `attnscope` executable (next to the test bundle) for short, non-interactive
/// commands and captures what it prints.
enum BuiltBinary {
    /// What one run produced.
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The `attnscope` executable in the build directory the tests run from.
    static var url: URL {
        // /proc/self/exe is the test runner inside .build/<triple>/debug; the product sits beside it.
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        while directory.path != "/" && !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("attnscope").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("attnscope")
    }

    /// The feature-map fixtures of the FeatureMaps tests.
    static func fixture(_ relative: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("FeatureMapsTests/Fixtures/\(relative)").path
    }

    /// Runs `attnscope` with `arguments` and extra environment variables.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Small outputs: read both to the end, then reap.
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       standardOutput: String(decoding: outData, as: UTF8.self),
                       standardError: String(decoding: errData, as: UTF8.self))
    }
}
