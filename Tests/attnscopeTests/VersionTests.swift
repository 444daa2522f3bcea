import Foundation
import Testing

/// `attnscope --version`, and the same version in `bench --json`.
@Suite struct VersionTests {
    /// What `attnscope --version` printed, checked to be one MAJOR.MINOR.PATCH line.
    static func printedVersion(_ arguments: [String] = ["--version"]) throws -> String {
        let run = try BinaryRun.run(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let text = String(decoding: run.stdout, as: UTF8.self)
        #expect(text.wholeMatch(of: /[0-9]+\.[0-9]+\.[0-9]+\n/) != nil, "\(text)")
        return text.trimmingCharacters(in: .newlines)
    }

    @Test func versionPrintsOneLineAndExitsZero() throws {
        let version = try Self.printedVersion()
        #expect(!version.isEmpty)
        // The explorer is the default subcommand; it answers the same.
        #expect(try Self.printedVersion(["explore", "--version"]) == version)
    }

    @Test func benchJSONCarriesTheVersion() throws {
        let version = try Self.printedVersion()
        let run = try BinaryRun.run(["bench", "--size", "2x4x4", "--json", "--queries", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        #expect(object["version"] as? String == version)
        for key in BenchCommandTests.sizeKeys { #expect(object[key] != nil, "missing \(key)") }
    }
}
