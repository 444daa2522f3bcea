import Foundation
import Testing
@testable import Attention
import FeatureMaps

/// Reference cases written by `Reference/reference_<group>.py` (PyTorch, official code paths).
struct ReferenceCase: Sendable, CustomTestStringConvertible {
    struct Expected: Sendable {
        var weights: [Float]
        var offImage: Double
        var samples: [(y: Double, x: Double, weight: Double)]?
        var extras: [String: Double]
    }

    var name: String
    var mode: Mode
    var map: FeatureMap
    var settings: AttentionSettings
    var inputs: AttentionInputs
    var queries: [Position]
    var expected: [Expected]

    var testDescription: String { name }

    /// Loads every case of `Vectors/<group>.json`.
    static func load(_ group: String) throws -> [ReferenceCase] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Vectors/\(group).json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return (root["cases"] as! [[String: Any]]).map(ReferenceCase.init(json:))
    }

    private static func tensor(_ json: Any) -> Tensor {
        let d = json as! [String: Any]
        let shape = (d["shape"] as! [NSNumber]).map(\.intValue)
        let data = (d["data"] as! [NSNumber]).map(\.floatValue)
        return Tensor(shape: shape, values: data)
    }

    private init(json: [String: Any]) {
        name = json["name"] as! String
        mode = Mode(rawValue: json["mode"] as! String)!
        let f = Self.tensor(json["features"]!)
        map = FeatureMap(channels: f.shape[0], height: f.shape[1], width: f.shape[2], data: f.values,
                         name: name, origin: .synthesized(scene: "reference"))
        var s = AttentionSettings()
        let sj = json["settings"] as? [String: Any] ?? [:]
        func float(_ k: String) -> Float? { (sj[k] as? NSNumber)?.floatValue }
        func int(_ k: String) -> Int? { (sj[k] as? NSNumber)?.intValue }
        if let v = float("temperature") { s.temperature = v }
        s.scale = float("scale")
        if let v = int("window") { s.window = v }
        if let v = int("shift") { s.shift = v }
        s.variant = (sj["variant"] as? String).flatMap(SwinVariant.init(rawValue:))
        s.passes = int("passes")
        if let v = float("gamma") { s.gamma = v }
        s.kernel = int("kernel")
        s.dilation = int("dilation")
        s.stride = int("stride")
        if let v = float("offsetRange") { s.offsetRange = v }
        if let v = int("head") { s.head = v }
        if let v = int("group") { s.group = v }
        s.layers = int("layers")
        s.step = int("step")
        settings = s

        var inp = AttentionInputs()
        let ij = json["inputs"] as? [String: Any] ?? [:]
        func archive(_ k: String) -> TensorArchive? {
            guard let d = ij[k] as? [String: Any] else { return nil }
            return TensorArchive(path: "<\(k)>", entries: d.keys.sorted().map { ($0, Self.tensor(d[$0]!)) })
        }
        inp.projections = archive("projections")
        inp.axialTables = archive("axialTables")
        inp.relativeBias = ij["relativeBias"].map(Self.tensor)
        inp.offsets = ij["offsets"].map(Self.tensor)
        inp.modulation = ij["modulation"].map(Self.tensor)
        inp.positions = ij["positions"].map(Self.tensor)
        inp.kernels = archive("kernels")
        inputs = inp

        queries = (json["queries"] as! [[NSNumber]]).map { Position(row: $0[0].intValue, col: $0[1].intValue) }
        expected = (json["expected"] as! [[String: Any]]).map { e in
            Expected(weights: Self.tensor(e["weights"]!).values,
                     offImage: (e["offImage"] as? NSNumber)?.doubleValue ?? 0,
                     samples: (e["samples"] as? [[NSNumber]])?.map { ($0[0].doubleValue, $0[1].doubleValue, $0[2].doubleValue) },
                     extras: ((e["extras"] as? [String: NSNumber]) ?? [:]).mapValues(\.doubleValue))
        }
    }

    /// Computes every query with a fresh engine and checks weights, offImage, samples (when the
    /// case lists them) and extras at `tolerance`.
    func verify(tolerance: Double = 1e-5, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let engine = AttentionEngine(map: map, inputs: inputs)
        for (q, e) in zip(queries, expected) {
            let field = try engine.field(mode, at: q, settings: settings)
            #expect(field.weights.count == e.weights.count, "\(name) \(q): size", sourceLocation: sourceLocation)
            var worst = 0.0, at = 0
            for i in 0..<min(field.weights.count, e.weights.count) {
                let d = abs(Double(field.weights[i]) - Double(e.weights[i]))
                if !(d <= worst) { worst = d; at = i }
            }
            #expect(worst <= tolerance, "\(name) query \(q): max |Δ| = \(worst) at (\(at / map.width),\(at % map.width))", sourceLocation: sourceLocation)
            #expect(abs(field.offImage - e.offImage) <= tolerance, "\(name) \(q): offImage \(field.offImage) vs \(e.offImage)", sourceLocation: sourceLocation)
            if let samples = e.samples {
                #expect(field.samples.count == samples.count, "\(name) \(q): \(field.samples.count) samples, expected \(samples.count)", sourceLocation: sourceLocation)
                for (i, (got, want)) in zip(field.samples, samples).enumerated() {
                    let close = abs(got.y - want.y) <= tolerance && abs(got.x - want.x) <= tolerance
                        && abs(got.weight - want.weight) <= tolerance
                    #expect(close, "\(name) \(q): sample \(i) is (\(got.y), \(got.x), \(got.weight)), expected (\(want.y), \(want.x), \(want.weight))", sourceLocation: sourceLocation)
                }
            }
            for (k, v) in e.extras {
                #expect(abs((field.extras[k] ?? .nan) - v) <= tolerance, "\(name) \(q): extra \(k)", sourceLocation: sourceLocation)
            }
        }
    }
}
