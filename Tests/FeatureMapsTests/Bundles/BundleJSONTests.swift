import Testing
@testable import FeatureMaps

/// The strict JSON reader of `attnscope.json`: RFC 8259 values, integers kept apart from other
/// numbers, and the refusals a hostile description needs.
@Suite struct BundleJSONTests {
    private func parse(_ text: String) throws(BundleJSONError) -> BundleJSON { try BundleJSON.parse(Array(text.utf8)) }

    @Test func readsEveryKindOfValue() throws {
        let value = try parse(#" { "a": [1, -2, 0, 7.0, 1e3, -0.5, true, false, null], "b": {}, "c": [], "d": "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00" } "#)
        #expect(value["a"] == .array([.integer(1), .integer(-2), .integer(0), .number(7), .number(1000), .number(-0.5),
                                      .boolean(true), .boolean(false), .null]))
        #expect(value["b"] == .object([]) && value["c"] == .array([]))
        #expect(value["d"] == .string("x\"\\/\u{8}\u{c}\n\r\té😀"))
        #expect(value["missing"] == nil)
    }

    @Test func keepsMemberOrderAndWritesCompactText() throws {
        let value = try parse(#"{"z": 1, "a": [2, "q\n"]}"#)
        #expect(value.text == #"{"z": 1, "a": [2, "q\u000a"]}"#)
        #expect(BundleJSON.string(String(repeating: "x", count: 100)).brief.count == 40)
    }

    @Test func anIntegerTooLargeForIntIsANumber() throws {
        #expect(try parse("123456789012345678901234567890") == .number(123456789012345678901234567890))
        #expect(try parse("9223372036854775807") == .integer(Int.max))
    }

    @Test(arguments: [
        ("", "the text ends where a value should be at byte 0"),
        ("{", "an object key is not a string at byte 1"),
        (#"{"a" 1}"#, "':' missing after a key at byte 5"),
        (#"{"a": 1 "b": 2}"#, "',' or '}' expected at byte 8"),
        ("[1 2]", "',' or ']' expected at byte 3"),
        ("[1,]", "not a JSON value at byte 3"),
        ("tru", "not a JSON value at byte 0"),
        ("01", "a number with a leading zero at byte 2"),
        ("1.", "a number without digits after '.' at byte 2"),
        ("1e", "a number without exponent digits at byte 2"),
        ("-", "not a JSON value at byte 0"),
        ("1e999", "a number too large for a double at byte 5"),
        (#""\x""#, "a bad escape in a string at byte 3"),
        (#""\u12""#, "a bad \\u escape at byte 3"),
        (#""\u+123""#, "a bad \\u escape at byte 3"),
        (#""\udc00""#, "a lone surrogate in a string at byte 7"),
        (#""\ud800\u0041""#, "a lone surrogate in a string at byte 13"),
        (#"""#, "the text ends inside a string at byte 1"),
        ("[1", "the text ends inside an array at byte 2"),
        (#"{"a": 1"#, "the text ends inside an object at byte 7"),
        ("1 2", "text after the JSON value at byte 2"),
        (#"{"a": 1, "a": 1}"#, #"key "a" appears twice at byte 12"#),
    ])
    func refusesWhatIsNotJSON(_ text: String, _ problem: String) {
        #expect(throws: BundleJSONError(problem: problem)) { try parse(text) }
    }

    @Test func nestingIsBoundedWithoutRecursingFurther() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: BundleJSONError(problem: "nesting deeper than 32 levels at byte 32")) { try parse(deep) }
        let fine = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
        #expect((try? parse(fine)) != nil)
    }
}
