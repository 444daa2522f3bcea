import Foundation
import Testing

/// `man/attnscope.1`, written by swift-argument-parser's generate-manual plugin (`make man`), is
/// current with the built binary.
///
/// The plugin is too slow to run in every test run (it builds the package and its own tool), so
/// the check goes through what it reads: it turns `attnscope --experimental-dump-help` into the
/// page, and `scripts/update-manual.sh` stamps the page with that dump's `cksum`. A fresh dump
/// with another checksum means the command line changed after the page was made.
@Suite struct ManualPageTests {
    static let pageURL = AttnscopeBinary.packageRoot.appendingPathComponent("man/attnscope.1")
    static let stampPrefix = #".\" attnscope --experimental-dump-help | cksum: "#

    @Test func pageIsStampedWithTheCurrentCommandLine() throws {
        let page = try String(contentsOf: Self.pageURL, encoding: .utf8)
        let stamp = try #require(page.split(separator: "\n").first { $0.hasPrefix(Self.stampPrefix) },
                                 "man/attnscope.1 has no stamp line: run `make man`")
        let stamped = stamp.dropFirst(Self.stampPrefix.count).split(separator: " ").prefix(2).joined(separator: " ")

        let json = try CommandLineDump.ofBuiltBinary().json
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-man-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let dumpPath = directory.appendingPathComponent("dump.json").path
        #expect(FileManager.default.createFile(atPath: dumpPath, contents: json))
        let cksum = try ProcessRunner.run(["/usr/bin/cksum", dumpPath], outputFile: directory.appendingPathComponent("cksum.out").path)
        #expect(cksum.status == 0, "\(cksum.output)")
        let fresh = cksum.output.split(separator: " ").prefix(2).joined(separator: " ")
        #expect(stamped == fresh, "man/attnscope.1 is out of date with the command line: run `make man`")
    }

    /// The page is this tool's, and names every subcommand and every visible option (a check that
    /// does not trust the stamp).
    @Test func pageNamesEveryCommandAndOption() throws {
        let page = try String(contentsOf: Self.pageURL, encoding: .utf8)
        let lines = Set(page.split(separator: "\n").map(String.init))
        #expect(lines.contains(".Dt ATTNSCOPE 1"))
        #expect(lines.contains(".Nm attnscope"))
        let dump = try CommandLineDump.ofBuiltBinary().dump
        for sub in dump.command.subcommands ?? [] {
            #expect(lines.contains(".It Em \(sub.commandName)"), "\(sub.commandName)")
        }
        for (command, argument) in dump.visibleArguments where argument.kind != "positional" {
            #expect(page.contains("Fl -\(argument.label.dropFirst(2))"), "\(command) \(argument.label)")
        }
    }
}
