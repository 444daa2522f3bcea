import Rendering
import Testing
@testable import Terminal

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
