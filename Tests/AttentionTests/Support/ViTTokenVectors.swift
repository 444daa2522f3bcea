import Foundation
import Testing
@testable import Attention
import FeatureMaps

/// One timm ViT block written by `Reference/reference_vit_tokens.py`: the grid features and
/// prefix tokens its attention read, its projections (qk-norm included when it has it) and its
/// own softmax rows for grid and prefix queries, per head and for the head mean.
struct ViTTokenCase: Sendable, CustomTestStringConvertible {
    /// One row of the module's softmax.
    struct Row: Sendable {
        /// The head, nil for the mean of the heads.
        var head: Int?
        /// The grid query, nil for a prefix query.
        var position: Position?
        /// The prefix query, nil for a grid query.
        var token: Int?
        /// The row on the grid, H×W.
        var weights: [Float]
        /// The row on the prefix tokens.
        var prefix: [Double]
    }

    var name: String
    var map: FeatureMap
    var inputs: AttentionInputs
    var heads: Int
    var rows: [Row]

    var testDescription: String { name }

    /// Every case of `Vectors/vit_tokens.json`.
    static func load() throws -> [ViTTokenCase] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Vectors/vit_tokens.json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return (root["cases"] as! [[String: Any]]).map(ViTTokenCase.init(json:))
    }

    private static func tensor(_ json: Any) -> Tensor {
        let d = json as! [String: Any]
        return Tensor(shape: (d["shape"] as! [NSNumber]).map(\.intValue), values: (d["data"] as! [NSNumber]).map(\.floatValue))
    }

    private init(json: [String: Any]) {
        name = json["name"] as! String
        let f = Self.tensor(json["features"]!)
        map = FeatureMap(channels: f.shape[0], height: f.shape[1], width: f.shape[2], data: f.values,
                         name: name, origin: .synthesized(scene: "reference"))
        var inputs = AttentionInputs()
        let projections = json["projections"] as! [String: Any]
        inputs.projections = TensorArchive(path: "<proj>", entries: projections.keys.sorted().map { ($0, Self.tensor(projections[$0]!)) })
        inputs.prefix = Self.tensor(json["prefix"]!)
        inputs.prefixNames = json["prefixNames"] as? [String]
        self.inputs = inputs
        heads = (json["heads"] as! NSNumber).intValue
        rows = (json["expected"] as! [[String: Any]]).map { e in
            var row = Row(head: (e["head"] as? NSNumber)?.intValue, weights: Self.tensor(e["weights"]!).values,
                          prefix: (e["prefix"] as! [NSNumber]).map(\.doubleValue))
            if let q = e["query"] as? [NSNumber] {
                row.position = Position(row: q[0].intValue, col: q[1].intValue)
            } else {
                row.token = Int((e["query"] as! String).dropFirst("token:".count))!
            }
            return row
        }
    }

    /// The settings of `row`'s head (or the mean).
    func settings(_ row: Row) -> AttentionSettings {
        var s = AttentionSettings()
        s.head = row.head ?? 0
        s.meanOfHeads = row.head == nil
        return s
    }

    /// The field attnscope computes for `row` under `mode`.
    func field(_ engine: AttentionEngine, _ mode: Mode, _ row: Row) throws -> AttentionField {
        if let token = row.token { return try engine.field(mode, prefixToken: token, settings: settings(row)) }
        return try engine.field(mode, at: row.position!, settings: settings(row))
    }

    /// Checks `field` against `row`: grid weights and prefix masses at 1e-5 × the row's maximum.
    func expect(_ field: AttentionField, matches row: Row, sourceLocation: SourceLocation = #_sourceLocation) {
        let what = "\(name) head \(row.head.map(String.init) ?? "mean") query \(row.token.map { "token:\($0)" } ?? "\(row.position!)")"
        let top = max(row.weights.map(Double.init).max() ?? 0, row.prefix.max() ?? 0)
        let tolerance = 1e-5 * top
        let weights = field.weights
        #expect(weights.count == row.weights.count, "\(what): size", sourceLocation: sourceLocation)
        let worst = zip(weights, row.weights).map { abs(Double($0) - Double($1)) }.max() ?? .nan
        #expect(worst <= tolerance, "\(what): grid max |Δ| = \(worst)", sourceLocation: sourceLocation)
        #expect(field.prefix.count == row.prefix.count, "\(what): \(field.prefix.count) prefix masses", sourceLocation: sourceLocation)
        let prefixWorst = zip(field.prefix, row.prefix).map { abs($0 - $1) }.max() ?? 0
        #expect(prefixWorst <= tolerance, "\(what): prefix max |Δ| = \(prefixWorst)", sourceLocation: sourceLocation)
        #expect(field.prefixQuery == row.token, "\(what): prefixQuery", sourceLocation: sourceLocation)
    }
}
