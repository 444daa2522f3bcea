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
