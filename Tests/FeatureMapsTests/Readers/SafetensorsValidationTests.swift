import Foundation
import Testing
@testable import FeatureMaps

/// safetensors files checked as the reference library checks them (its `validate`: offsets
/// sorted, contiguous from 0, covering the data exactly, each span dtype × shape bytes), plus a
/// cap on the number of tensors. Each file is built by hand.
@Suite("safetensors layout validation")
struct SafetensorsValidationTests {
    /// A file with `header` (JSON) and `dataLength` data bytes holding 0, 1, 2, … as bytes.
    static func file(_ header: String, dataLength: Int) -> [UInt8] {
        var bytes = Array(header.utf8)
        var length = UInt64(bytes.count).littleEndian
        bytes = withUnsafeBytes(of: &length) { Array($0) } + bytes + (0 ..< dataLength).map { UInt8($0 & 0xff) }
        return bytes
    }

    static func outcome(_ header: String, dataLength: Int) -> String {
        do {
            let archive = try TensorFiles.decode(file(header, dataLength: dataLength), path: "x.safetensors")
            return "accepted " + archive.names.joined(separator: ",")
        } catch {
            return "\(error)"
        }
    }

    static func u8(_ name: String, _ count: Int, _ begin: Int, _ end: Int) -> String {
        "\"\(name)\":{\"dtype\":\"U8\",\"shape\":[\(count)],\"data_offsets\":[\(begin),\(end)]}"
    }

    @Test(arguments: [
        // Listed out of order, contiguous: accepted, returned in data order.
        ("{\(u8("b", 4, 4, 8)),\(u8("a", 4, 0, 4))}", 8, "accepted a,b"),
        // A zero-size tensor takes no bytes; metadata is skipped.
        ("{\"__metadata__\":{\"format\":\"pt\"},\(u8("a", 4, 0, 4)),\(u8("e", 0, 4, 4))}", 4, "accepted a,e"),
        ("{\(u8("a", 8, 0, 8)),\(u8("b", 4, 4, 8))}", 8,
         "x.safetensors: tensor 'b' (bytes 4–8) overlaps tensor 'a' (bytes 0–8); tensors may not share bytes (invalid offset)"),
        ("{\(u8("a", 4, 4, 8))}", 8,
         "x.safetensors: has 4 bytes at the start of the data section that belong to no tensor (bytes 0–4); the tensors must cover it without holes (invalid offset)"),
        ("{\(u8("a", 4, 0, 4)),\(u8("b", 4, 6, 10))}", 10,
         "x.safetensors: has 2 bytes after tensor 'a' of the data section that belong to no tensor (bytes 4–6); the tensors must cover it without holes (invalid offset)"),
        ("{\(u8("a", 4, 0, 4))}", 6,
         "x.safetensors: has 2 bytes after its last tensor that belong to no tensor (the tensors cover 4 of the 6 data bytes; invalid offset)"),
        ("{\(u8("a", 3, 0, 4))}", 4, "x.safetensors: tensor 'a' has 4 data bytes but shape (3,) of U8 needs 3"),
        ("{\(u8("a", 4, 4, 0))}", 4, "x.safetensors: tensor 'a' has data_offsets [4, 0], which end before they begin (invalid offset)"),
        ("{\(u8("a", 4, -4, 0))}", 4, "x.safetensors: tensor 'a' has no valid data_offsets (two non-negative integers)"),
        ("{\(u8("a", 4, 0, 4)),\(u8("a", 4, 4, 8))}", 8, "x.safetensors: tensor 'a' appears twice in the header"),
        ("{\"a\":{\"dtype\":\"U8\",\"shape\":[2.0],\"data_offsets\":[0,2]}}", 2, "x.safetensors: tensor 'a' has no valid shape (a list of integers)"),
        ("{\"a\":[1,2]}", 2, "x.safetensors: tensor 'a' has no dtype/shape/data_offsets entry in the header"),
        ("{\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2]}} x", 2, "x.safetensors: has an unreadable .safetensors header (not a JSON object)"),
        ("{\"caf\\u00e9 \\ud83d\\udc08\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2, "accepted café 🐈"),
        ("{\"__metadata__\":" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + ",\(u8("a", 1, 0, 1))}", 1,
         "x.safetensors: has an unreadable .safetensors header (not a JSON object)"),
    ])
    func layoutRules(_ header: String, _ dataLength: Int, _ expected: String) {
        #expect(Self.outcome(header, dataLength: dataLength) == expected)
    }

    @Test func theDecodedValuesAreTheBytesOfEachSpan() throws {
        let archive = try TensorFiles.decode(Self.file("{\(Self.u8("b", 3, 2, 5)),\(Self.u8("a", 2, 0, 2))}", dataLength: 5),
                                             path: "x.safetensors")
        #expect(archive.tensors["a"]?.values == [0, 1])
        #expect(archive.tensors["b"]?.values == [2, 3, 4])
    }

    @Test func aHeaderListingTooManyTensorsIsRefused() {
        let count = SafetensorsHeader.maxTensors + 1
        let header = "{" + (0 ..< count).map { Self.u8("t\($0)", 1, $0, $0 + 1) }.joined(separator: ",") + "}"
        #expect(Self.outcome(header, dataLength: count) == "x.safetensors: lists more than 65536 tensors in its header, over the limit")
        let fewer = "{" + (0 ..< 1000).map { Self.u8("t\($0)", 1, $0, $0 + 1) }.joined(separator: ",") + "}"
        #expect(Self.outcome(fewer, dataLength: 1000).hasPrefix("accepted t0,t1,"))
    }

    @Test func theTensorsTogetherStayUnderTheCap() throws {
        let bytes = Self.file("{\(Self.u8("a", 40, 0, 40)),\(Self.u8("b", 40, 40, 80))}", dataLength: 80)
        #expect(throws: FeatureMapError.invalidFile(path: "x.safetensors", problem: "needs 320+ bytes as Float32 for its tensors together, over the 200-byte limit (raise it with ATTNSCOPE_MAX_BYTES)")) {
            _ = try TensorFiles.decode(bytes, path: "x.safetensors", maxBytes: 200)
        }
        #expect(try TensorFiles.decode(bytes, path: "x.safetensors", maxBytes: 320).names == ["a", "b"])
    }

    /// `__metadata__` is checked but not kept: escapes and UTF-8 pass, broken text or escapes
    /// are still refused as the reference library's JSON parser refuses them.
    @Test func metadataIsCheckedWithoutBeingKept() {
        let tensor = Self.u8("features", 4, 0, 4)
        #expect(Self.outcome("{\"__metadata__\":{\"k\\u00e9\":\"caf\u{e9} \\n \\ud83d\\ude00\"},\(tensor)}", dataLength: 4) == "accepted features")
        #expect(Self.outcome("{\"__metadata__\":{\"k\":\"\\ud83d\"},\(tensor)}", dataLength: 4).contains("unreadable"))
        #expect(Self.outcome("{\"__metadata__\":{\"k\":\"\\q\"},\(tensor)}", dataLength: 4).contains("unreadable"))
        let header = "{\"__metadata__\":{\"k\":\"ab\"},\(tensor)}"
        var bytes = Self.file(header, dataLength: 4)
        bytes[8 + Array(header.utf8).firstIndex(of: UInt8(ascii: "b"))!] = 0xFF  // inside the metadata value
        #expect(throws: FeatureMapError.self) { _ = try TensorFiles.decode(bytes, path: "x.safetensors") }
    }

    /// The reference library reads `__metadata__` as an optional map of strings to strings and
    /// refuses any other value.
    @Test func metadataMustMapStringsToStrings() {
        let tensor = Self.u8("features", 4, 0, 4)
        for good in ["null", "{}", "{\"a\":\"1\",\"b\":\"\"}"] {
            #expect(Self.outcome("{\"__metadata__\":\(good),\(tensor)}", dataLength: 4) == "accepted features", "\(good)")
        }
        for bad in ["{\"a\":1}", "{\"a\":\"1\",\"b\":[\"x\"]}", "\"text\"", "[]", "{\"a\":null}"] {
            #expect(Self.outcome("{\"__metadata__\":\(bad),\(tensor)}", dataLength: 4)
                == "x.safetensors: has a __metadata__ that is not a map of strings to strings (invalid metadata)", "\(bad)")
        }
    }
}
