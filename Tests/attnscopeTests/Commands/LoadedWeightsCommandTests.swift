import Foundation
import Testing

/// `weights --mode loaded --attention FILE`: the row of the file on the grid, and every misfit
/// refused in one line with a non-zero exit.
@Suite struct LoadedWeightsCommandTests {
    /// A 1×2×3 map and a (2, 7, 7) attention tensor (one prefix token) whose entries say where they are.
    static func files() throws -> (map: String, attention: String) {
        let map = try TensorFileWriter.npy([1, 2, 3], [Float](repeating: 0, count: 6))
        let attention = try TensorFileWriter.npy([2, 7, 7], (0..<98).map { Float($0) / 1000 })
        return (map, attention)
    }

    static func remove(_ paths: String...) {
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test func theRowIsLaidOnTheGridWithItsPrefixMass() throws {
        let (map, attention) = try Self.files()
        defer { Self.remove(map, attention) }
        let run = try BinaryRun.run(["weights", map, "--mode", "loaded", "--attention", attention, "--head", "1",
                                     "--query", "1,2", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as! [String: Any]
        // Row 1 + (1·3 + 2) = 6 of head 1 starts at (7 + 6)·7 = 91.
        let weights = (json["weights"] as! [[NSNumber]]).flatMap { $0.map(\.doubleValue) }
        #expect(zip(weights, (92...97).map { Double(Float($0) / 1000) }).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(((json["prefix"] as! [NSNumber]).first?.doubleValue).map { abs($0 - Double(Float(91) / 1000)) < 1e-9 } == true)
    }

    @Test(arguments: [
        (["--head", "2"], "--head is out of range: the attention file of shape 2×7×7 holds 2 head(s)"),
        (["--window", "2"], nil),  // windows do not apply to a whole-sequence tensor
    ] as [([String], String?)])
    func headsAndWindows(_ extra: [String], _ message: String?) throws {
        let (map, attention) = try Self.files()
        defer { Self.remove(map, attention) }
        let run = try BinaryRun.run(["weights", map, "--mode", "loaded", "--attention", attention, "--query", "0,0"] + extra)
        if let message {
            #expect(run.status != 0)
            #expect(run.stderr.contains(message) && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        } else {
            #expect(run.status == 0, "\(run.stderr)")
        }
    }

    @Test func misfitsAreOneLine() throws {
        let (map, attention) = try Self.files()
        let small = try TensorFileWriter.npy([5, 5], [Float](repeating: 0.2, count: 25))
        let windowed = try TensorFileWriter.npy([3, 1, 4, 4], [Float](repeating: 0.25, count: 48))
        defer { Self.remove(map, attention, small, windowed) }
        for (arguments, message) in [
            (["--attention", small], "N = 5 is not P + H·W for the 2×3 map"),
            ([String](), "needs the model's attention probabilities"),
            (["--attention", windowed, "--window", "3"], "makes 2 windows of 2×2 = 4 tokens"),
        ] {
            let run = try BinaryRun.run(["weights", map, "--mode", "loaded", "--query", "0,0"] + arguments)
            #expect(run.status != 0)
            #expect(run.stderr.contains(message) && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
    }
}
