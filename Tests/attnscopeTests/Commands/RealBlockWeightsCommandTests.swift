import Foundation
import Testing

/// `attnscope weights` on real blocks' tensors handed over as files, as a bundle hands them
/// over: CCNet's value projection in `--proj`, an AxialBlock's `wv`/`wq2` and per-head tables,
/// DAT's G groups and `--bias`. The expected maps are the PyTorch stand-ins' vectors
/// (`Tests/AttentionTests/Reference/reference_real_blocks.py`), compared at 1e-5 × their maximum.
@Suite struct RealBlockWeightsCommandTests {
    typealias Case = [String: Any]

    static func cases(_ group: String) throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("AttentionTests/Vectors/\(group).json")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return try #require(root["cases"] as? [Case])
    }

    static func tensor(_ json: Any?) throws -> (shape: [Int], values: [Float]) {
        let d = try #require(json as? [String: Any])
        return (try #require(d["shape"] as? [Int]), try #require(d["data"] as? [NSNumber]).map(\.floatValue))
    }

    /// The command line of one case (files written to the temporary directory, listed in `files`).
    static func arguments(_ c: Case, files: inout [String]) throws -> [String] {
        let f = try tensor(c["features"])
        let map = try TensorFileWriter.npy(f.shape, f.values)
        files.append(map)
        var args = ["weights", map, "--mode", try #require(c["mode"] as? String), "--format", "json"]
        let inputs = c["inputs"] as? [String: Any] ?? [:]
        for (key, flag) in [("projections", "--proj"), ("axialTables", "--rel")] {
            guard let archive = inputs[key] as? [String: Any] else { continue }
            let path = try TensorFileWriter.safetensors(try archive.keys.sorted().map { name in
                let t = try tensor(archive[name])
                return (name, t.shape, t.values)
            })
            files.append(path)
            args += [flag, path]
        }
        for (key, flag) in [("offsets", "--offsets"), ("positions", "--positions"), ("relativeBias", "--bias")] {
            guard inputs[key] != nil else { continue }
            let t = try tensor(inputs[key])
            let path = try TensorFileWriter.npy(t.shape, t.values)
            files.append(path)
            args += [flag, path]
        }
        let settings = c["settings"] as? [String: NSNumber] ?? [:]
        for (key, flag) in [("head", "--head"), ("passes", "--passes"), ("gamma", "--gamma"), ("offsetRange", "--offset-range")] {
            if let v = settings[key] { args.append("\(flag)=\(v)") }
        }
        return args
    }

    @Test(arguments: [("criss_cross_values", "cc values R=3 gamma 0.5 5x7"),
                      ("axial_block", "axial block G=2 BatchNorms folded 6x6 head 1"),
                      ("dat_groups", "dat G=2 rpe_table head 2"), ("dat_groups", "dat G=2 dense bias head 3")])
    func weightsMatchTheBlock(_ group: String, _ name: String) throws {
        let c = try #require(try Self.cases(group).first { $0["name"] as? String == name })
        var files: [String] = []
        defer { for p in files { try? FileManager.default.removeItem(atPath: p) } }
        let args = try Self.arguments(c, files: &files)
        let queries = try #require(c["queries"] as? [[Int]]), expected = try #require(c["expected"] as? [[String: Any]])
        for (q, e) in zip(queries, expected) {
            let run = try BinaryRun.run(args + ["--query", "\(q[0]),\(q[1])"])
            #expect(run.status == 0, "\(name): \(run.stderr)")
            let doc = try #require(JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
            let got = try #require(doc["weights"] as? [[Double]]).joined().map { $0 }
            let want = try Self.tensor(e["weights"]).values.map(Double.init)
            let tolerance = 1e-5 * (want.max() ?? 1)
            #expect(got.count == want.count)
            let worst = zip(got, want).map { abs($0 - $1) }.max() ?? .nan
            #expect(worst <= tolerance, "\(name) \(q): max |Δ| \(worst)")
        }
    }
}
