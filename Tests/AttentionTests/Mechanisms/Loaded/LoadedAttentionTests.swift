import Foundation
import Testing
import FeatureMaps
@testable import Attention

/// Loaded attention against the real modules' own probabilities (Reference/make_loaded_references.py:
/// timm ViT with class and register tokens, timm and torchvision Swin blocks shifted on a padded
/// 10×10 map): each query's map is the module's row, laid on the grid by the script.
@Suite struct LoadedAttentionTests {
    /// One block's probabilities and, per head, the expected maps of some queries.
    struct Block: Sendable, CustomTestStringConvertible {
        struct Expected: Sendable {
            var query: String
            var weights: [Float]
            var offImage: Double
            var prefix: [Double]
        }
        var name: String
        var map: FeatureMap
        var settings: AttentionSettings
        var attention: Tensor
        var heads: [(head: Int, expected: [Expected])]
        var testDescription: String { name }
    }

    static func tensor(_ json: Any) -> Tensor {
        let d = json as! [String: Any]
        return Tensor(shape: (d["shape"] as! [NSNumber]).map(\.intValue), values: (d["data"] as! [NSNumber]).map(\.floatValue))
    }

    static func blocks() throws -> [Block] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Vectors/loaded.json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return (root["cases"] as! [[String: Any]]).map { c in
            let h = (c["height"] as! NSNumber).intValue, w = (c["width"] as! NSNumber).intValue
            let sj = c["settings"] as! [String: Any]
            var s = AttentionSettings()
            if let m = sj["window"] as? NSNumber { s.window = m.intValue }
            if let m = sj["shift"] as? NSNumber { s.shift = m.intValue }
            s.variant = (sj["variant"] as? String).flatMap(SwinVariant.init(rawValue:))
            let heads = (c["heads"] as! [[String: Any]]).map { hj in
                let queries = (hj["queries"] as! [Any]).map { q in
                    (q as? String) ?? (q as! [NSNumber]).map { "\($0.intValue)" }.joined(separator: ",")
                }
                let expected = zip(queries, hj["expected"] as! [[String: Any]]).map { q, e in
                    Block.Expected(query: q, weights: tensor(e["weights"]!).values,
                                   offImage: (e["offImage"] as! NSNumber).doubleValue,
                                   prefix: (e["prefix"] as! [NSNumber]).map(\.doubleValue))
                }
                return (head: (hj["head"] as! NSNumber).intValue, expected: expected)
            }
            let map = FeatureMap(channels: 1, height: h, width: w, data: [Float](repeating: 0, count: h * w),
                                 name: c["name"] as! String, origin: .synthesized(scene: "loaded"))
            return Block(name: c["name"] as! String, map: map, settings: s, attention: tensor(c["attention"]!), heads: heads)
        }
    }

    /// The field of a query written as in the script (`r,c` or `token:i`).
    static func field(_ engine: AttentionEngine, _ query: String, settings: AttentionSettings) throws -> AttentionField {
        if query.hasPrefix("token:") {
            return try engine.field(.loaded, prefixToken: Int(query.dropFirst(6))!, settings: settings)
        }
        let rc = query.split(separator: ",").map { Int($0)! }
        return try engine.field(.loaded, at: Position(row: rc[0], col: rc[1]), settings: settings)
    }

    @Test(arguments: try blocks())
    func everyQueryIsTheModulesRowLaidOnTheGrid(_ block: Block) throws {
        var inputs = AttentionInputs()
        inputs.attention = block.attention
        let engine = AttentionEngine(map: block.map, inputs: inputs)
        for (head, expected) in block.heads {
            var settings = block.settings
            settings.head = head
            for e in expected {
                let field = try Self.field(engine, e.query, settings: settings)
                let peak = Double(e.weights.max()!)
                let worst = zip(field.weights, e.weights).map { abs(Double($0) - Double($1)) }.max()!
                #expect(worst <= 1e-5 * peak, "\(block.name) head \(head) query \(e.query): max |Δ| \(worst)")
                #expect(abs(field.offImage - e.offImage) <= 1e-5 * peak, "\(block.name) \(e.query): offImage \(field.offImage) vs \(e.offImage)")
                #expect(field.prefix.count == e.prefix.count)
                for (got, want) in zip(field.prefix, e.prefix) { #expect(abs(got - want) <= 1e-5 * peak, "\(block.name) \(e.query): prefix") }
            }
        }
    }

    /// `--head mean` is the heads' average: checked against the script's heads 0 and 2 of a
    /// 3-head block through the mean of the three heads' single fields.
    @Test func theMeanOfHeadsAveragesTheirRows() throws {
        let block = try #require(try Self.blocks().first { $0.name.hasPrefix("timm Swin") })
        var inputs = AttentionInputs()
        inputs.attention = block.attention
        let engine = AttentionEngine(map: block.map, inputs: inputs)
        var mean = block.settings
        mean.meanOfHeads = true
        let u = Position(row: 9, col: 9)
        let averaged = try engine.field(.loaded, at: u, settings: mean)
        var sum = [Double](repeating: 0, count: 100), off = 0.0
        for head in 0..<3 {
            var one = block.settings
            one.head = head
            let f = try engine.field(.loaded, at: u, settings: one)
            for i in sum.indices { sum[i] += Double(f.weights[i]) / 3 }
            off += f.offImage / 3
        }
        let expected0 = block.heads[0].expected.first { $0.query == "9,9" }!
        #expect(zip(try engine.field(.loaded, at: u, settings: block.settings).weights, expected0.weights).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(zip(averaged.weights, sum).allSatisfy { abs(Double($0) - $1) < 1e-6 })
        #expect(abs(averaged.offImage - off) < 1e-9)
        #expect(abs(averaged.statistics.sum + averaged.offImage - 1) < 1e-5)
    }

    /// Shapes that fit no layout on the map, a head beyond the heads and a missing tensor are
    /// refused, each in one line naming the attention file or the head.
    @Test func misfitsAreRefusedInOneLine() throws {
        let map = FeatureMap(channels: 1, height: 10, width: 10, data: [Float](repeating: 0, count: 100), name: "m",
                             origin: .synthesized(scene: "loaded"))
        func error(_ attention: Tensor?, _ change: (inout AttentionSettings) -> Void = { _ in }) -> String {
            var inputs = AttentionInputs()
            inputs.attention = attention
            var s = AttentionSettings()
            change(&s)
            do {
                _ = try AttentionEngine(map: map, inputs: inputs).field(.loaded, at: Position(row: 0, col: 0), settings: s)
                return "no error"
            } catch { return "\(error)" }
        }
        func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, values: [Float](repeating: 0, count: shape.reduce(1, *))) }
        #expect(error(nil) == "loaded: needs the model's attention probabilities (--attention FILE, or a bundle's attention member)")
        #expect(error(zeros([2, 99, 99])).hasPrefix("the attention file: has shape 2×99×99; N = 99 is not P + H·W"))
        #expect(error(zeros([4, 2, 49, 49])) { $0.window = 6 }.contains("makes 4 windows of 6×6 = 36 tokens"))
        #expect(error(zeros([4, 2, 49, 49])) { $0.window = 7; $0.shift = 3 } == "no error")
        #expect(error(zeros([2, 100, 99])).contains("expected (heads, N, N) or (N, N)"))
        #expect(error(zeros([2, 101, 101])) { $0.head = 2 }.contains("holds 2 head(s)"))
        #expect(!error(zeros([2, 101, 101])) { $0.head = 2 }.contains("\n"))
    }
}
