import Foundation
@testable import FeatureMaps

/// Locates the committed fixtures and what `make_fixtures.py` says the readers must return.
enum Fixtures {
    /// The fixtures directory.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The absolute path of a fixture given relative to the fixtures directory.
    static func path(_ relative: String) -> String {
        directory.appendingPathComponent(relative).path
    }

    /// One tensor as NumPy wrote it.
    struct ExpectedTensor: Decodable {
        var shape: [Int]
        var dtype: String
        /// Float32 bit patterns in C order.
        var bits: [UInt32]
    }

    /// One feature map the loader must build.
    struct ExpectedMap: Decodable {
        var file: String
        var layout: String
        var tensor: String?
        var dtype: String
        var shape: [Int]
        var bits: [UInt32]
        var min: Double
        var max: Double
        var mean: Double
        var nan: Int
        var inf: Int
    }

    /// The whole of expected.json.
    struct Expected: Decodable {
        var tensors: [String: [String: ExpectedTensor]]
        var maps: [ExpectedMap]
    }

    /// expected.json, decoded once.
    static let expected: Expected = {
        let data = try! Data(contentsOf: directory.appendingPathComponent("expected.json"))
        return try! JSONDecoder().decode(Expected.self, from: data)
    }()

    /// Whether two float bit patterns are the same value (any NaN equals any NaN).
    static func sameValue(_ a: UInt32, _ b: Float) -> Bool {
        let expected = Float(bitPattern: a)
        return expected.isNaN ? b.isNaN : expected.bitPattern == b.bitPattern
    }

    /// The bytes of a fixture.
    static func bytes(_ relative: String) -> [UInt8] {
        [UInt8](try! Data(contentsOf: directory.appendingPathComponent(relative)))
    }
}
