import Testing
import Rendering

@Suite struct ASCIIFallbackTests {
    @Test func spellsKnownSymbolsAndMarksTheRest() {
        #expect(ASCIIFallback.ascii("Σ 1.0  24×32") == "sum 1.0  24x32")
        #expect(ASCIIFallback.ascii("γ = 1 · cut…") == "gamma = 1 . cut~")
        #expect(ASCIIFallback.ascii("plain") == "plain")
        #expect(ASCIIFallback.ascii("漢") == "?")
        #expect(ASCIIFallback.ascii("A_2⋯A_1, ω ⊙ b, ⌈H/r⌉") == "A_2...A_1, omega * b, ceil(H/r)")
        #expect(ASCIIFallback.ascii("┌─┐ → ▀") == "+-+ -> #")
    }

    @Test func printableASCIIStaysInACell() {
        for value in UInt32(0x20)...0x7E {
            let scalar = Unicode.Scalar(value)!
            #expect(ASCIIFallback.character(for: scalar) == scalar)
        }
    }

    @Test func cellsGetOneLookalikeCharacter() {
        #expect(ASCIIFallback.character(for: "│") == "|")
        #expect(ASCIIFallback.character(for: "┌") == "+")
        #expect(ASCIIFallback.character(for: "×") == "x")
        #expect(ASCIIFallback.character(for: "Σ") == "S")
        #expect(ASCIIFallback.character(for: "→") == ">")
        #expect(ASCIIFallback.character(for: "▀") == "#")
        #expect(ASCIIFallback.character(for: "漢") == "?")
        #expect(ASCIIFallback.character(for: "\u{7}") == "?", "control characters never reach the terminal")
    }
}
