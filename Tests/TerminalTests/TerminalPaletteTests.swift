import Rendering
import Testing
@testable import Terminal

@Suite("Terminal palette")
struct TerminalPaletteTests {
    @Test func defaultStaysDefault() {
        for colors in [0, 8, 16, 256] {
            #expect(TerminalPalette(colors: colors).number(for: .terminalDefault) == -1)
        }
    }

    @Test func indexedColoursPassThroughWhenTheTerminalHasThem() {
        #expect(TerminalPalette(colors: 256).number(for: .indexed(196)) == 196)
        #expect(TerminalPalette(colors: 8).number(for: .indexed(3)) == 3)
    }

    @Test func colorsBeyondTheTerminalAreReducedToTheNearest() {
        // 196 is pure red (255, 0, 0): bright red (9) on 16 colours, red (1) on 8.
        #expect(TerminalPalette(colors: 16).number(for: .indexed(196)) == 9)
        #expect(TerminalPalette(colors: 8).number(for: .indexed(196)) == 1)
        #expect(TerminalPalette(colors: 0).number(for: .indexed(196)) == -1)
    }

    @Test func rgbBecomesTheNearestPaletteEntry() {
        #expect(TerminalPalette(colors: 256).number(for: .rgb(255, 0, 0)) == 196)
        #expect(TerminalPalette(colors: 256).number(for: .rgb(128, 128, 128)) == 244)
        #expect(TerminalPalette(colors: 8).number(for: .rgb(0, 0, 0)) == 0)
    }
}

@Suite("Key decoding")
struct KeyDecoderTests {
    @Test func controlCodesBecomeControlKeys() {
        #expect(KeyDecoder.key(forCharacter: 3) == .controlC)
        #expect(KeyDecoder.key(forCharacter: 12) == .controlL)
        #expect(KeyDecoder.key(forCharacter: 26) == .controlZ)
        #expect(KeyDecoder.key(forCharacter: 9) == .tab)
        #expect(KeyDecoder.key(forCharacter: 13) == .enter)
        #expect(KeyDecoder.key(forCharacter: 27) == .escape)
        #expect(KeyDecoder.key(forCharacter: 127) == .backspace)  // DEL: what Backspace sends
        #expect(KeyDecoder.key(forCharacter: 0) == .other)
    }

    @Test func printableCharactersStayCharacters() {
        #expect(KeyDecoder.key(forCharacter: 0x71) == .character("q"))
        #expect(KeyDecoder.key(forCharacter: 0x3F) == .character("?"))
        #expect(KeyDecoder.key(forCharacter: 0x3B3) == .character("γ"))
        #expect(KeyDecoder.key(forCharacter: 0xD800) == .other, "a lone surrogate is not a character")
    }
}

@Suite("Terminal checks")
struct TerminalCheckTests {
    @Test func unsetOrDumbTermIsRefusedWithAPointerToRender() {
        #expect(TerminalError.unsupportedTerminal(term: nil).description.contains("attnscope render"))
        #expect(TerminalError.unsupportedTerminal(term: "dumb").description.contains("TERM=dumb"))
        #expect(TerminalError.notATerminal(stream: "standard output").description.contains("attnscope render"))
    }

    @Test func checkRefusesWhatIsNotATerminal() {
        // Under `swift test` at least one of stdin/stdout is usually redirected; when both are a
        // terminal, the environment decides: TERM unset and TERM=dumb are always refused.
        #expect(throws: TerminalError.self) { try Screen.check(environment: [:]) }
        #expect(throws: TerminalError.self) { try Screen.check(environment: ["TERM": "dumb"]) }
    }
}

@Suite("Glyph transliteration")
struct GlyphTransliterationTests {
    @Test func printableASCIIStays() {
        for value in UInt32(0x20)...0x7E {
            #expect(GlyphTransliteration.character(for: Unicode.Scalar(value)!) == value)
        }
    }

    @Test func frameCharactersBecomeTheirASCIILookalikes() {
        #expect(GlyphTransliteration.character(for: "│") == 0x7C)
        #expect(GlyphTransliteration.character(for: "┌") == 0x2B)
        #expect(GlyphTransliteration.character(for: "×") == 0x78)
        #expect(GlyphTransliteration.character(for: "Σ") == 0x53)
        #expect(GlyphTransliteration.character(for: "▀") == 0x23)
        #expect(GlyphTransliteration.character(for: "漢") == 0x3F)
        #expect(GlyphTransliteration.character(for: "\u{7}") == 0x3F, "control characters never reach the terminal")
    }
}
