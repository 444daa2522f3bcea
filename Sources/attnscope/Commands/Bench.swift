import ArgumentParser
import Attention
import Benchmarks
import Foundation

/// `attnscope bench`: measures load, first frame, peak memory and per-keystroke compute and
/// render time of every mode on random maps.
///
/// Each size runs in a fresh child process (this executable again, with a hidden option), so
/// the peak resident memory of one size does not carry into the next.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measures load, first frame, memory and per-keystroke compute and render time.",
        discussion: """
            Meant for the release build: swift run -c release attnscope bench. Without --size it \
            runs 64x64x64, 64x128x128 and 64x256x256 and --json prints a list of objects; with \
            --size one object.
            """)

    @Option(help: ArgumentHelp("The map size CxHxW (e.g. 64x256x256); default: three sizes.", valueName: "CxHxW"))
    var size: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: .private)
    var queries = 300

    @Flag(name: .customLong("in-process"), help: .private)
    var inProcess = false

    /// Measures only these modes (a development aid).
    @Option(name: .customLong("mode"), help: .private)
    var onlyModes: [String] = []

    func validate() throws {
        for name in onlyModes where Mode(rawValue: name) == nil {
            throw ValidationError("--mode: unknown mode '\(name)' (one of \(Mechanisms.names))")
        }
        if let size, MapSize(parsing: size) == nil {
            throw ValidationError("--size: '\(size)' is not C×H×W with positive sizes (e.g. 64x256x256, at most \(MapSize.maximumElements) elements)")
        }
        guard queries >= 1, queries <= 100_000 else {
            throw ValidationError("--queries: must be between 1 and 100000")
        }
    }

    func run() throws {
        let sizes = size.flatMap(MapSize.init(parsing:)).map { [$0] } ?? MapSize.defaults
        let runtime = try RuntimeEnvironment.configuration()  // an unreadable variable stops here, once
        if inProcess {
            var runner = BenchmarkRunner(size: sizes[0], queriesPerMode: queries) { map in
                ExplorerFrame(mapName: map.name, mapHeight: map.height, mapWidth: map.width)
            }
            if !onlyModes.isEmpty { runner.modes = onlyModes.compactMap(Mode.init(rawValue:)) }
            runner.runtime = runtime
            var result = try runner.run()
            result.version = AttnscopeVersion.current
            try StandardOutput.write(Bench.encode(result) + "\n")
            return
        }
        #if DEBUG
        StandardOutput.note("note: this is a debug build; measure with the release build: swift run -c release attnscope bench")
        #endif
        var results: [SizeResult] = []
        for s in sizes { results.append(try runChild(s)) }
        if json {
            try StandardOutput.write((size == nil ? Bench.encode(results) : Bench.encode(results[0])) + "\n")
        } else {
            try StandardOutput.write(BenchmarkTable.format(results) + "\n")
        }
    }

    /// Runs one size in a fresh copy of this executable and decodes its JSON.
    private func runChild(_ size: MapSize) throws -> SizeResult {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("attnscope-bench-parent-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("\(size).json")
        guard FileManager.default.createFile(atPath: output.path, contents: nil) else {
            throw CommandError("bench: cannot create \(output.path) for the child's result")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["bench", "--size", size.description, "--json", "--in-process", "--queries", String(queries)]
            + onlyModes.flatMap { ["--mode", $0] }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.standardError
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandError("bench: measuring \(size) failed (child exit status \(process.terminationStatus))")
        }
        do {
            return try JSONDecoder().decode(SizeResult.self, from: Data(contentsOf: output))
        } catch {
            throw CommandError("bench: measuring \(size) printed no readable result (\(error))")
        }
    }

    /// Pretty JSON with sorted keys for one result or a list.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
