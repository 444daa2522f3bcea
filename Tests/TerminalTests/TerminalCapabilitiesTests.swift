import Testing
@testable import Terminal

@Suite("Terminal capabilities")
struct TerminalCapabilitiesTests {
    @Test func twoHundredFiftySixPairsAllowFifteenBands() {
        // 15² = 225 (top, bottom) pairs, plus 30 for the rest, within pairs 1…255.
        let legacy = TerminalCapabilities(colors: 256, colorPairs: 256, unicode: true, term: "xterm-256color")
        #expect(legacy.heatmapLevelLimit == 15)
        #expect(15 * 15 + TerminalCapabilities.pairsForTheRest <= 255)
        #expect(16 * 16 + TerminalCapabilities.pairsForTheRest > 255)
    }

    @Test func extendedPairsOrFewColoursSetNoLimit() {
        #expect(TerminalCapabilities(colors: 256, colorPairs: 65536, unicode: true, term: "tmux-256color").heatmapLevelLimit == nil)
        #expect(TerminalCapabilities(colors: 256, colorPairs: 32767, unicode: true, term: "xterm-256color").heatmapLevelLimit == nil)
        // 8 or 16 colours: the renderer's bands are those colours already.
        #expect(TerminalCapabilities(colors: 8, colorPairs: 64, unicode: true, term: "xterm").heatmapLevelLimit == nil)
        #expect(TerminalCapabilities(colors: 0, colorPairs: 0, unicode: true, term: "vt100").heatmapLevelLimit == nil)
    }
}
