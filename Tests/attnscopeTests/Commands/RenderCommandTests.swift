import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `attnscope render` end to end, through the built binary.
@Suite struct RenderCommandTests {
    static let base = ["render", "scene:default", "--mode", "global", "--query", "5,9"]

    @Test func smallestFrame() throws {
        let r = try Binary.run(Self.base + ["--size", "20x6", "--format", "text"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 6)
        #expect(lines.allSatisfy { $0.count <= 20 })
        #expect(!r.stdout.contains("\u{1B}"))
        #expect(r.stdout.contains("global"))
    }

    @Test func largeFrame() throws {
        let r = try Binary.run(Self.base + ["--size", "300x100", "--format", "text"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 100)
        #expect(lines.allSatisfy { $0.count <= 300 })
        #expect(r.stdout.contains("entropy"))  // the side panel fits
    }

    @Test func tooSmallSaysSo() throws {
        let r = try Binary.run(Self.base + ["--size", "12x4", "--format", "text"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("too small"))
    }

    @Test func ansiCarriesPaletteCodes() throws {
        let r = try Binary.run(Self.base + ["--size", "80x24", "--format", "ansi"], environment: ["NO_COLOR": "1"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("\u{1B}[") && r.stdout.contains("38;5;"))
        let truecolor = try Binary.run(Self.base + ["--size", "80x24", "--format", "ansi", "--color", "truecolor"])
        #expect(truecolor.stdout.contains("38;2;"))
        let none = try Binary.run(Self.base + ["--size", "80x24", "--format", "ansi", "--color", "none"])
        #expect(none.status == 0)
        #expect(!none.stdout.contains("\u{1B}"))
    }

    @Test func textIsTheDefaultOffATerminal() throws {
        let r = try Binary.run(Self.base + ["--size", "80x24"], environment: ["TERM": "xterm-256color"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(!r.stdout.contains("\u{1B}"))
    }

    @Test func asciiOnly() throws {
        let r = try Binary.run(Self.base + ["--size", "80x24", "--format", "text", "--ascii"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(r.stdout.contains("[]"))  // the query cursor
        #expect(r.stdout.contains("sum="))  // Σ spelled out
    }

    @Test func svgParses() throws {
        let r = try Binary.run(Self.base + ["--size", "40x12", "--format", "svg"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let parser = XMLParser(data: Data(r.stdout.utf8))
        let parsed = parser.parse()
        #expect(parsed)
        #expect(r.stdout.components(separatedBy: "<rect ").count - 1 >= 40 * 12)
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
    ])
    func badInputIsOneClearLine(_ extra: [String], _ names: String) throws {
        var args = ["render", "scene:default", "--mode", "global", "--query", "5,9"]
        args += extra
        let r = try Binary.run(args)
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(names), "stderr: \(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
    }
}
