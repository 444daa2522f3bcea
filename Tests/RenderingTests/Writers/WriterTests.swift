import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Attention
import Rendering

@Suite struct WriterTests {
    static func frame(depth: ColorDepth, glyphs: GlyphStyle = .auto, width: Int = 60, height: Int = 20) -> Canvas {
        let field = Fields.blob(height: 12, width: 16, query: Position(row: 4, col: 5),
                                overlays: [.window(PixelRect(top: 2, left: 3, height: 5, width: 5))])
        let renderer = FrameRenderer(style: RenderStyle(colorDepth: depth, glyphs: glyphs))
        return renderer.render(FrameContent(views: [FrameView(title: "A <b> & \"c\"", field: field)],
                                            status: "status & <more>"), width: width, height: height).canvas
    }

    @Test func ansiNoneHasNoEscapes() {
        let text = ANSIWriter(depth: .monochrome).write(Self.frame(depth: .monochrome))
        #expect(!text.contains("\u{1B}"))
        #expect(text == PlainTextWriter().write(Self.frame(depth: .monochrome)))
    }

    @Test func ansi256UsesPaletteCodes() {
        let text = ANSIWriter(depth: .palette256).write(Self.frame(depth: .palette256))
        #expect(text.contains("38;5;"))
        #expect(text.contains("48;5;"))
        #expect(!text.contains("38;2;"))
    }

    @Test func ansiTruecolorUsesRGBCodes() {
        let text = ANSIWriter(depth: .truecolor).write(Self.frame(depth: .truecolor))
        #expect(text.contains("38;2;"))
        #expect(text.contains("48;2;"))
    }

    @Test(arguments: [ColorDepth.ansi16, .ansi8])
    func ansiFewColoursUsesBasicCodes(_ depth: ColorDepth) throws {
        let text = ANSIWriter(depth: depth).write(Self.frame(depth: depth, glyphs: .twoColumn))
        #expect(!text.contains("38;5;") && !text.contains("48;5;") && !text.contains("38;2;"))
        let regex = try Regex("\u{1B}\\[([0-9;]*)m")
        var colourCodes = Set<Int>()
        for match in text.matches(of: regex) {
            let inner = String(text[match.range].dropFirst(2).dropLast())
            for code in inner.split(separator: ";").compactMap({ Int($0) }) where code >= 30 {
                colourCodes.insert(code)
            }
        }
        #expect(!colourCodes.isEmpty)
        for code in colourCodes {
            let basic = (30...37).contains(code) || (40...47).contains(code) || code == 39 || code == 49
            let bright = (90...97).contains(code) || (100...107).contains(code)
            #expect(depth == .ansi16 ? (basic || bright) : basic, "code \(code) at depth \(depth)")
        }
    }

    @Test func ansiEmitsOnlyChanges() {
        var canvas = Canvas(width: 10, height: 1)
        canvas.put("abcdefghij", x: 0, y: 0, foreground: .indexed(200), background: .indexed(17))
        let text = ANSIWriter(depth: .palette256).write(canvas)
        #expect(text == "\u{1B}[38;5;200;48;5;17mabcdefghij\u{1B}[0m\n")
        var mixed = Canvas(width: 3, height: 1)
        mixed[0, 0] = Cell("a", foreground: .indexed(1), attributes: .bold)
        mixed[1, 0] = Cell("b", foreground: .indexed(1))
        mixed[2, 0] = Cell("c", foreground: .indexed(1))
        // Dropping bold needs a reset and the colour again, once.
        #expect(ANSIWriter(depth: .palette256).write(mixed) == "\u{1B}[1;38;5;1ma\u{1B}[0;38;5;1mbc\u{1B}[0m\n")
    }

    @Test func ansiReducesDeeperColours() {
        var canvas = Canvas(width: 1, height: 1)
        canvas[0, 0] = Cell("x", foreground: .rgb(255, 0, 0))
        #expect(ANSIWriter(depth: .palette256).write(canvas) == "\u{1B}[38;5;196mx\u{1B}[0m\n")
        #expect(ANSIWriter(depth: .ansi16).write(canvas) == "\u{1B}[91mx\u{1B}[0m\n")
        #expect(ANSIWriter(depth: .ansi8).write(canvas) == "\u{1B}[31mx\u{1B}[0m\n")
    }

    @Test func svgIsValidXMLWithTextRunsAndMergedRects() throws {
        let canvas = Self.frame(depth: .palette256)
        let svg = SVGWriter().write(canvas)
        let counter = ElementCounter()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = counter
        #expect(parser.parse(), "SVG does not parse: \(String(describing: parser.parserError))")
        let texts = canvas.cells.filter { $0.glyph != " " && $0.glyph != "▀" && $0.glyph != "▄" && $0.glyph != "█" }.count
        #expect(counter.counts["svg"] == 1)
        #expect((counter.counts["rect"] ?? 0) < canvas.width * canvas.height / 4, "cells merge into runs")
        #expect((counter.counts["text"] ?? 0) < texts / 2, "glyphs merge into runs")
        #expect(svg.contains("viewBox=\"0 0 600 400\""))
        #expect(counter.textContent.contains("<"))
    }

    @Test func svgTextIsOneElementPerRunOfEqualStyle() {
        var canvas = Canvas(width: 30, height: 2)
        canvas.put("hello brave world", x: 0, y: 0, maxWidth: 30, unicode: true)
        canvas.put("bold", x: 20, y: 0, maxWidth: 10, unicode: true, attributes: .bold)
        canvas.put("a<b & c", x: 0, y: 1, maxWidth: 30, unicode: true)
        let svg = SVGWriter().write(canvas)
        let texts = svg.components(separatedBy: "\n").filter { $0.hasPrefix("<text") }
        #expect(texts.count == 3)
        #expect(texts[0].contains(">hello brave world</text>") && texts[0].contains("x=\"0\""))
        #expect(texts[1].contains("font-weight=\"bold\"") && texts[1].contains(">bold</text>") && texts[1].contains("x=\"200\""))
        #expect(texts[2].contains(">a&lt;b &amp; c</text>"))
    }

    @Test func svgCellsAreFewRects() {
        // A 10×4 block of one colour, half-blocks of two colours, on the default background.
        var canvas = Canvas(width: 20, height: 6)
        for y in 0..<4 { for x in 0..<10 { canvas[x, y] = Cell("█", foreground: .indexed(196)) } }
        for x in 0..<5 { canvas[x, 5] = Cell("▀", foreground: .indexed(21), background: .indexed(46)) }
        let svg = SVGWriter().write(canvas)
        let rects = svg.components(separatedBy: "\n").filter { $0.hasPrefix("<rect") }
        // The page, the 10×4 block, the half row above, the half row below.
        #expect(rects.count == 4, "\(rects)")
        #expect(rects.contains("<rect x=\"0\" y=\"0\" width=\"100\" height=\"80\" fill=\"#ff0000\"/>"))
        #expect(rects.contains("<rect x=\"0\" y=\"100\" width=\"50\" height=\"10\" fill=\"#0000ff\"/>"))
        #expect(rects.contains("<rect x=\"0\" y=\"110\" width=\"50\" height=\"10\" fill=\"#00ff00\"/>"))
    }

    @Test func plainTextHasNoEscapes() {
        let text = PlainTextWriter().write(Self.frame(depth: .palette256))
        #expect(!text.contains("\u{1B}"))
        #expect(text.hasSuffix("\n"))
    }
}

/// Counts elements and collects character data of an XML document.
final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var textContent = ""

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        counts[elementName, default: 0] += 1
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { textContent += string }
}

@Suite struct ANSISpaceTests {
    @Test func spacesDoNotChangeTheForeground() {
        var canvas = Canvas(width: 4, height: 1)
        canvas[0, 0] = Cell("a", foreground: .indexed(1))
        canvas[1, 0] = Cell(" ", foreground: .indexed(2))
        canvas[2, 0] = Cell(" ", foreground: .indexed(3), background: .indexed(4))
        canvas[3, 0] = Cell("b", foreground: .indexed(1), background: .indexed(4))
        #expect(ANSIWriter(depth: .palette256).write(canvas) == "\u{1B}[38;5;1ma \u{1B}[48;5;4m b\u{1B}[0m\n")
    }
}
