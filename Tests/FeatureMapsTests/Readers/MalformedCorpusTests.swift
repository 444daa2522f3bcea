import Foundation
import Testing
@testable import FeatureMaps

/// Every file of the malformed corpus produces exactly the one line written for it.
@Suite struct MalformedCorpusTests {
    /// (file, expected line) from Fixtures/expected-errors.txt.
    static let cases: [(String, String)] = {
        let text = try! String(contentsOf: Fixtures.directory.appendingPathComponent("expected-errors.txt"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let file = String(line.prefix(while: { $0 != ":" }))
            return (file, String(line))
        }
    }()

    @Test(arguments: cases.map(\.0))
    func producesItsExactErrorLine(_ file: String) throws {
        let line = try #require(Self.cases.first { $0.0 == file }?.1)
        let path = Fixtures.path("malformed/" + file)
        do {
            let map = try FeatureMapLoader.load(path)
            Issue.record("\(file) loaded as \(map.channels)×\(map.height)×\(map.width) instead of failing")
        } catch let error as FeatureMapError {
            #expect(error.description == Fixtures.directory.path + "/malformed/" + line)
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func everyCorpusFileHasAnExpectedLine() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("malformed"))
        let listed = Set(Self.cases.map(\.0))
        for file in files { #expect(listed.contains(file), "\(file) has no line in expected-errors.txt") }
        #expect(files.count >= 40)
    }

    @Test func unknownScenesAreNamed() {
        #expect(throws: FeatureMapError.unknownScene(name: "nope", available: Scenes.names)) {
            try FeatureMapLoader.load("scene:nope")
        }
        #expect(FeatureMapError.unknownScene(name: "nope", available: ["default"]).description
            == "scene:nope: no such built-in scene (available: default)")
    }
}
