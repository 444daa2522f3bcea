import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `attnscope render` end to end, through the built binary.
@Suite struct RenderCommandTests {
    static let base = ["render", "scene:default", "--mode", "global", "--query", "5,9"]

    @Test func smallestFrame() throws {
        let r = try BinaryRun.run(Self.base + ["--size", "20x6", "--format", "text"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let lines = r.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 6)
        #expect(lines.allSatisfy { $0.count <= 20 })
        #expect(!r.text.contains("\u{1B}"))
        #expect(r.text.contains("global"))
    }

    @Test func largeFrame() throws {
        let r = try BinaryRun.run(Self.base + ["--size", "300x100", "--format", "text"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let lines = r.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 100)
        #expect(lines.allSatisfy { $0.count <= 300 })
        #expect(r.text.contains("entropy"))  // the side panel fits
    }

    @Test func tooSmallSaysSo() throws {
        let r = try BinaryRun.run(Self.base + ["--size", "12x4", "--format", "text"])
        #expect(r.status == 0)
        #expect(r.text.contains("too small"))
    }

    @Test func ansiCarriesPaletteCodes() throws {
        let r = try BinaryRun.run(Self.base + ["--size", "80x24", "--format", "ansi"], environment: ["NO_COLOR": "1"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.text.contains("\u{1B}[") && r.text.contains("38;5;"))
        let truecolor = try BinaryRun.run(Self.base + ["--size", "80x24", "--format", "ansi", "--color", "truecolor"])
        #expect(truecolor.text.contains("38;2;"))
        let none = try BinaryRun.run(Self.base + ["--size", "80x24", "--format", "ansi", "--color", "none"])
        #expect(none.status == 0)
        #expect(!none.text.contains("\u{1B}"))
    }

    @Test func textIsTheDefaultOffATerminal() throws {
        let r = try BinaryRun.run(Self.base + ["--size", "80x24"], environment: ["TERM": "xterm-256color"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(!r.text.contains("\u{1B}"))
    }

    @Test func asciiOnly() throws {
        let r = try BinaryRun.run(Self.base + ["--size", "80x24", "--format", "text", "--ascii"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(r.text.contains("[]"))  // the query cursor
        #expect(r.text.contains("sum="))  // Σ spelled out
    }

    @Test func imageUnderlayTintsTheFrame() throws {
        let picture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("demos/objects.pgm").path
        let args = Self.base + ["--size", "100x34", "--format", "ansi", "--color", "truecolor", "--glyphs", "wide"]
        let plain = try BinaryRun.run(args)
        let tinted = try BinaryRun.run(args + ["--image", picture])
        #expect(plain.status == 0 && tinted.status == 0, "stderr: \(tinted.stderr)")
        #expect(plain.text != tinted.text)
        // Same text, different colours: the glyphs are untouched by the underlay.
        let strip = { (s: String) in s.replacing(#/\u{1B}\[[0-9;]*m/#, with: "") }
        #expect(strip(plain.text) == strip(tinted.text))
    }

    @Test func svgParses() throws {
        let r = try BinaryRun.run(Self.base + ["--size", "40x12", "--format", "svg"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let parser = XMLParser(data: Data(r.text.utf8))
        let parsed = parser.parse()
        #expect(parsed)
        #expect(r.text.contains("<text ") && r.text.contains("<rect "))
    }

    @Test(arguments: [
        (["--query", "99,0"], "query"),
        (["--query", "1;2"], "query"),
        (["--size", "80by24"], "size"),
        (["--size", "0x10"], "size"),
        (["--color", "purple"], "color"),
        (["--levels", "99"], "levels"),
        (["--scale-mode", "cubic"], "scale-mode"),
        (["--glyphs", "braille"], "glyphs"),
        (["--image", "/nonexistent/picture.pgm"], "/nonexistent/picture.pgm"),
        (["--mode", "swirl"], "mode"),
    ])
    func badInputIsOneClearLine(_ extra: [String], _ names: String) throws {
        var args = ["render", "scene:default", "--mode", "global", "--query", "5,9"]
        args += extra
        let r = try BinaryRun.run(args)
        #expect(r.status != 0)
        #expect(r.text.isEmpty)
        #expect(r.stderr.contains(names), "stderr: \(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
    }
}

extension BinaryRun {
    /// Stdout as UTF-8 text.
    var text: String { String(decoding: stdout, as: UTF8.self) }
}
