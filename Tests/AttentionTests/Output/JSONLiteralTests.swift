import Foundation
import Testing
import Attention

@Suite struct JSONLiteralTests {
    @Test func numbersAreExactFloat32ValuesNeverFixedDecimals() {
        #expect(JSONLiteral.number(Float(0.1)) == "0.10000000149011612")
        #expect(JSONLiteral.number(Float(1e-7)) == "1.0000000116860974e-07")
        #expect(JSONLiteral.number(Float(0.25)) == "0.25")
        #expect(JSONLiteral.number(Double.nan) == "null")
    }

    @Test func stringsReadBackExactlyThroughAJSONParser() throws {
        let texts = ["plain", "quote \" and backslash \\", "lines\nand\r\ttabs", "bell \u{7} esc \u{1B}[0m del \u{7F}",
                     "unicode Σ γ ▀ 漢", ""]
        for text in texts {
            let literal = JSONLiteral.string(text)
            #expect(!literal.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "raw control character in \(literal)")
            let parsed = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
            #expect(parsed == [text])
        }
        #expect(JSONLiteral.string("a\u{1}\n") == "\"a\\u0001\\n\"")
    }
}
