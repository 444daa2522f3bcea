import Foundation
import Testing
import FeatureMaps
@testable import Explorer

/// Session files carry any map path and caption exactly: written by the real writer, read back by
/// the real reader, through a file on disk.
@Suite("Session values are escaped and read back exactly")
struct SessionEscapingTests {
    static let oddPaths = [
        "/data/plain.npy",
        "/data/with spaces/a b.npy",
        "/data/line\nbreak.npy",
        "/data/#hash.npy",
        "#starts-with-hash.npy",
        "/data/\"quoted\".npy",
        "\"leading-quote.npy",
        "/data/back\\slash\\n.npy",
        "/data/café 東京 🐈.npy",
        "  leading and trailing spaces  ",
        "/data/tab\there\r\nand-crlf.npy",
        "/data/\u{1B}[31mescape.npy",
        "\u{301}combining-first.npy",
        "/data/nbsp\u{A0}and\u{2028}separator\u{200B}.npy",
        "\\u{41} is not unescaped.npy",
    ]

    @Test(arguments: oddPaths)
    func aMapPathRoundTripsThroughASessionFile(_ path: String) throws {
        var state = makeState()
        state.teaching.mapSpec = path
        state.teaching.caption = "caption of " + path
        let text = SessionFile.text(of: state)
        // One line per entry: a newline in the path never reaches the file raw.
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count
                == SessionFile.text(of: makeState()).split(separator: "\n", omittingEmptySubsequences: false).count + 1)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-session-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try OutputFile.write(text, to: file)
        let saved = try SessionFile.load(file)
        #expect(saved.map == path)
        var restored = makeState()
        try saved.restore(into: &restored)
        #expect(restored.teaching.caption == "caption of " + path)
    }

    @Test func plainValuesAreWrittenAsTheyAre() {
        #expect(ScriptValue.spelled("/data/with spaces/a b.npy") == "/data/with spaces/a b.npy")
        #expect(ScriptValue.spelled("scene:default") == "scene:default")
        #expect(ScriptValue.spelled("a\nb") == "\"a\\nb\"")
        #expect(ScriptValue.spelled("café") == "\"café\"")
        #expect(ScriptValue.spelled("x\u{200B}") == "\"x\\u{200B}\"")
    }

    @Test(arguments: [
        ("map \"unterminated", "s.txt:1: map: the quoted value has no closing quote"),
        ("map \"a\" b", "s.txt:1: map: text after the closing quote"),
        ("map \"a\\qb\"", "s.txt:1: map: unknown escape \\q"),
        ("map \"\\u{110000}\"", "s.txt:1: map: \\u{110000} is not a Unicode scalar"),
        ("map \"\\u12\"", "s.txt:1: map: \\u must be followed by {HEX}"),
    ])
    func malformedQuotedValuesAreRefusedWithFileAndLine(_ text: String, _ expected: String) {
        #expect(throws: ExplorerError.self) { _ = try SessionFile.parse(text, file: "s.txt") }
        do { _ = try SessionFile.parse(text, file: "s.txt") } catch {
            #expect(error.description.hasPrefix(expected), "\(error)")
        }
    }

    @Test func unquotedHandWrittenValuesStayLiteral() throws {
        let tour = try TourScript.parse("step One\ncaption Backslash \\n and # stay, \"quotes\" inside too\n", file: "t.tour")
        var state = makeState()
        state = try tour.state(at: 0, from: state)
        #expect(state.teaching.caption == "Backslash \\n and # stay, \"quotes\" inside too")
    }
}
