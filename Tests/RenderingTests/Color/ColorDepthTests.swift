import Testing
import Rendering

@Suite struct ColorDepthTests {
    @Test func flagWinsOverEverything() {
        #expect(ColorDepth.detect(flag: "16", noColor: "1", colorTerm: "truecolor", terminalColors: 256) == .ansi16)
        #expect(ColorDepth.detect(flag: "none", noColor: nil, colorTerm: "truecolor", terminalColors: 256) == .monochrome)
        #expect(ColorDepth.detect(flag: "truecolor", noColor: "1", colorTerm: nil, terminalColors: nil) == .truecolor)
    }

    @Test func noColorBeatsColorTermAndTerminal() {
        #expect(ColorDepth.detect(flag: "auto", noColor: "1", colorTerm: "truecolor", terminalColors: 256) == .monochrome)
        // An empty NO_COLOR does not count (no-color.org).
        #expect(ColorDepth.detect(flag: "auto", noColor: "", colorTerm: nil, terminalColors: 256) == .palette256)
    }

    @Test func colorTermThenTerminalCount() {
        #expect(ColorDepth.detect(flag: nil, noColor: nil, colorTerm: "24bit", terminalColors: 8) == .truecolor)
        #expect(ColorDepth.detect(flag: nil, noColor: nil, colorTerm: "TrueColor", terminalColors: nil) == .truecolor)
        #expect(ColorDepth.detect(flag: nil, noColor: nil, colorTerm: "yes", terminalColors: 256) == .palette256)
        #expect(ColorDepth.detect(flag: nil, noColor: nil, colorTerm: nil, terminalColors: 88) == .ansi16)
        #expect(ColorDepth.detect(flag: nil, noColor: nil, colorTerm: nil, terminalColors: 8) == .ansi8)
        #expect(ColorDepth.detect(flag: nil, noColor: nil, colorTerm: nil, terminalColors: 2) == .monochrome)
        #expect(ColorDepth.detect(flag: nil, noColor: nil, colorTerm: nil, terminalColors: nil) == .monochrome)
    }

    @Test func parsesFlagValues() {
        #expect(ColorDepth(argument: "256") == .palette256)
        #expect(ColorDepth(argument: "none") == .monochrome)
        #expect(ColorDepth(argument: "auto") == nil)
        #expect(ColorDepth(argument: "12") == nil)
    }
}
