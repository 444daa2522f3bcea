import Foundation
import Testing

/// End-to-end tests of `attnscope weights` on the built binary.
@Suite struct WeightsCommandTests {
    private func json(_ run: BinaryRun) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
    }

    @Test func globalJSONHasTheContractShape() throws {
        let run = try BinaryRun.run(["weights", "scene:default", "--mode", "global", "--query", "3,5"])
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try json(run)
        #expect(doc["mode"] as? String == "global")
        #expect(doc["height"] as? Int == 28)
        #expect(doc["width"] as? Int == 40)
        #expect(doc["query"] as? [Int] == [3, 5])
        #expect(doc["offImage"] as? Double == 0)
        #expect(doc["illustrative"] as? Bool == false)
        #expect(doc["nanCount"] as? Int == 0)
        #expect(doc["samples"] == nil)
        let rows = try #require(doc["weights"] as? [[Double]])
        #expect(rows.count == 28 && rows.allSatisfy { $0.count == 40 })
        let total = rows.joined().reduce(0, +)
        #expect(abs(total - 1) < 1e-5)
        // Each number is a float32 value written exactly (parsed with Swift's exact Double(String),
        // since Foundation's JSON parser may round), with at least 9 significant digits here.
        let text = String(decoding: run.stdout, as: UTF8.self)
        let start = try #require(text.range(of: "\"weights\": [")), end = try #require(text.range(of: "\"offImage\""))
        let numbers = text[start.upperBound..<end.lowerBound]
            .split(whereSeparator: { "[], \n".contains($0) }).map(String.init)
        #expect(numbers.count == 28 * 40)
        for literal in numbers {
            let value = try #require(Double(literal), "\(literal)")
            #expect(Double(Float(value)) == value, "\(literal) is not a float32 value")
            #expect(literal.filter(\.isNumber).drop(while: { $0 == "0" }).count >= 9, "\(literal)")
        }
    }

    /// A tensor file that does not fit is named by the option that loaded it, as `--bias` and
    /// `--offsets` already were (`--rel`, `--proj` said only the path).
    @Test(arguments: [("lesa", "--rel"), ("axial", "--rel"), ("global", "--proj")])
    func aMisfitTensorFileIsNamedByItsOption(_ mode: String, _ option: String) throws {
        let file = AttnscopeBinary.explorerMap
        for command in ["weights", "render"] {
            let run = try BinaryRun.run([command, "scene:default", "--mode", mode, "--query", "1,1", option, file])
            #expect(run.status == 1)
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 1)
            #expect(lines.first?.hasPrefix("Error: \(option) \(file): ") == true, "\(command): \(run.stderr)")
        }
    }

    @Test func negativeNumericArgumentsParse() throws {
        for args in [["--offset-range", "-1"], ["--offset-range=-1"], ["--scale", "-0.5"], ["--offset-range", "-1", "--gamma", "-2"]] {
            let run = try BinaryRun.run(["weights", "scene:default", "--mode", "global", "--query", "3,5"] + args)
            #expect(run.status == 0, "\(args): \(run.stderr)")
            #expect((try? json(run)) != nil, "\(args)")
        }
    }

    @Test(arguments: ["-1,5", "28,0", "0,40"])
    func queryOutsideTheMapIsOneLineAndNonZero(_ query: String) throws {
        let run = try BinaryRun.run(["weights", "scene:default", "--mode", "global", "--query", query])
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("outside the 28×40 map"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func invalidSettingIsRefused() throws {
        let run = try BinaryRun.run(["weights", "scene:default", "--mode", "neighborhood", "--kernel", "4", "--query", "3,5"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--kernel must be odd"))
    }

    @Test func npyOutputIsFloat32HByW() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-\(UUID().uuidString).npy")
        defer { try? FileManager.default.removeItem(at: path) }
        let run = try BinaryRun.run(["weights", "scene:default", "--mode", "window", "--shifted", "--query", "23,31",
                                     "--format", "npy", "--out", path.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let bytes = [UInt8](try Data(contentsOf: path))
        #expect(Array(bytes.prefix(8)) == [0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
        #expect(header.contains("'descr': '<f4'") && header.contains("'shape': (28, 40)") && header.hasSuffix("\n"))
        #expect(bytes.count == 10 + headerLength + 4 * 28 * 40)
    }

    @Test func lesaWritesItsUnaryShare() throws {
        let run = try BinaryRun.run(["weights", "scene:default", "--mode", "lesa", "--query", "10,7"])
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try json(run)
        let rows = try #require(doc["weights"] as? [[Double]])
        #expect(doc["unary"] as? Double == rows[10][7])
    }
}
