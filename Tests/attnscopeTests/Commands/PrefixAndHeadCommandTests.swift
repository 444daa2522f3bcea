import Foundation
import Testing

/// `--prefix`, `--query token:I|cls` and `--head mean` on the built binary: the JSON they add and
/// the one-line refusals. (The numbers are checked against timm's own blocks in the Attention
/// tests and, through bundles, in exporter/tests/test_vit_tokens.py.)
@Suite struct PrefixAndHeadCommandTests {
    static let map = AttnscopeBinary.explorerMap  // 8×24×32

    /// A 2-head projection for 8 channels with qk-norm, and 3 prefix tokens (.npy and an .npz-like
    /// safetensors archive with a `prefix` member among others).
    static let files: (projection: String, prefix: String, archive: String, wide: String) = {
        let projection = try! TensorFileWriter.safetensors([
            ("wq", [2, 4, 8], (0..<64).map { Float($0 % 7) / 7 - 0.4 }), ("wk", [2, 4, 8], (0..<64).map { Float($0 % 5) / 5 - 0.3 }),
            ("q_norm_w", [4], [1, 1.5, 0.5, 1]), ("k_norm_b", [2, 4], [0, 0.1, 0.2, 0.3, 0.3, 0.2, 0.1, 0]),
        ])
        let tokens = (0..<24).map { Float($0 % 9) / 4 - 1 }
        let prefix = try! TensorFileWriter.npy([3, 8], tokens)
        let archive = try! TensorFileWriter.safetensors([("features", [1], [0]), ("prefix", [3, 8], tokens)])
        let wide = try! TensorFileWriter.npy([3, 9], [Float](repeating: 0, count: 27))
        return (projection, prefix, archive, wide)
    }()

    private func weights(_ extra: [String]) throws -> (BinaryRun, [String: Any]?) {
        let run = try BinaryRun.run(["weights", Self.map, "--mode", "global", "--proj", Self.files.projection] + extra)
        return (run, try? JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
    }

    @Test func aPrefixAddsItsMassesAndTheTotalStaysOne() throws {
        for prefix in [Self.files.prefix, Self.files.archive] {
            let (run, doc) = try weights(["--prefix", prefix, "--query", "3,5"])
            #expect(run.status == 0, "\(run.stderr)")
            let masses = try #require(doc?["prefix"] as? [Double])
            #expect(masses.count == 3 && masses.allSatisfy { $0 > 0 })
            let grid = try #require(doc?["weights"] as? [[Double]]).joined().reduce(0, +)
            #expect(abs(grid + masses.reduce(0, +) - 1) < 1e-5)
            #expect(doc?["query"] as? [Int] == [3, 5])
        }
        let (_, without) = try weights(["--query", "3,5"])
        #expect(without?["prefix"] == nil, "no prefix key without prefix tokens")
    }

    @Test func aPrefixTokenCanBeTheQuery() throws {
        let (cls, clsDoc) = try weights(["--prefix", Self.files.prefix, "--query", "cls", "--head", "1"])
        #expect(cls.status == 0, "\(cls.stderr)")
        #expect(clsDoc?["query"] as? String == "token:0")
        let (_, token0) = try weights(["--prefix", Self.files.prefix, "--query", "token:0", "--head", "1"])
        #expect(token0?["prefix"] as? [Double] == clsDoc?["prefix"] as? [Double])
        let (_, token2) = try weights(["--prefix", Self.files.prefix, "--query", "token:2", "--head", "mean"])
        #expect(token2?["query"] as? String == "token:2")
        #expect((token2?["prefix"] as? [Double])?.count == 3)
    }

    @Test func renderNamesThePrefixQueryAndMass() throws {
        let run = try BinaryRun.run(["render", Self.map, "--mode", "global", "--proj", Self.files.projection, "--prefix", Self.files.prefix,
                                     "--query", "cls", "--size", "100x30", "--format", "text"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.standardOutput.contains("global  q=token:0  Σ="), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("prefix="))
    }

    @Test func aModeWithoutAWholeSequenceSoftmaxSaysItLeavesThePrefixOut() throws {
        let run = try BinaryRun.run(["weights", Self.map, "--mode", "window", "--window", "4", "--prefix", Self.files.prefix, "--query", "1,1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("note: prefix tokens left out: window has no softmax over the whole sequence (global and lesa do)"))
        #expect((try? JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])?["prefix"] == nil)
    }

    @Test func theHeadMeanIsWritten() throws {
        let (run, doc) = try weights(["--query", "0,0", "--head", "mean"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("note: mean of 2 heads' maps"))
        let (_, h0) = try weights(["--query", "0,0", "--head", "0"]), (_, h1) = try weights(["--query", "0,0", "--head", "1"])
        let rows = [doc, h0, h1].map { ($0?["weights"] as? [[Double]] ?? []).joined().map { $0 } }
        #expect(rows[0].count == 768)
        let worst = zip(rows[0], zip(rows[1], rows[2])).map { abs($0 - ($1.0 + $1.1) / 2) }.max() ?? 1
        #expect(worst < 1e-7)
    }

    @Test(arguments: [
        (["--head", "mean", "--query", "1,1"], "Error: global: --head mean averages the heads of a projection file; load one with --proj"),
        (["--prefix", files.prefix, "--query", "cls", "--mode", "window"], "Error: window: has no softmax over the whole sequence, so a prefix token cannot be the query (global and lesa can)"),
        (["--query", "cls"], "Error: --query cls: no prefix tokens are loaded (--prefix FILE)"),
        (["--prefix", files.prefix, "--query", "token:3"], "Error: --query token:3: 3 prefix tokens loaded (token:0…token:2)"),
        (["--prefix", files.wide, "--query", "1,1"], "Error: --prefix: has shape 3×9; expected P×8 (P prefix tokens of the map's 8 channels)"),
    ])
    func refusalsAreOneLine(_ extra: [String], _ message: String) throws {
        for command in ["weights", "render"] {
            let mode = extra.contains("--mode") ? [] : ["--mode", "global"]
            let run = try BinaryRun.run([command, Self.map] + mode + extra)
            #expect(run.status == 1 && run.stdout.isEmpty, "\(command) \(extra): \(run.status)")
            #expect(run.stderr.split(separator: "\n").map(String.init) == [message], "\(command): \(run.stderr)")
        }
    }

    /// The explorer refuses these before it opens (here: before it finds no terminal).
    @Test(arguments: [
        (["--head", "mean"], "Error: --head mean averages the heads of a projection file; load one with --proj"),
        (["--query", "token:0"], "Error: --query token:0: no prefix tokens are loaded (--prefix FILE)"),
        (["--prefix", files.wide], "Error: --prefix: has shape 3×9; expected P×8 (P prefix tokens of the map's 8 channels)"),
    ])
    func theExplorerRefusesThemBeforeOpening(_ extra: [String], _ message: String) throws {
        let run = try BinaryRun.run([Self.map] + extra, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        #expect(run.status == 1 && run.stdout.isEmpty)
        #expect(run.stderr.split(separator: "\n").first.map(String.init) == message, "\(run.stderr)")
    }

    @Test(arguments: [["--head", "first"], ["--query", "token:"], ["--query", "token:-1"], ["--query", "klass"]])
    func malformedValuesAreUsageErrors(_ extra: [String]) throws {
        let run = try BinaryRun.run(["weights", Self.map, "--mode", "global", "--query", "1,1"] + extra)
        #expect(run.status != 0 && run.stdout.isEmpty)
        #expect(run.stderr.split(separator: "\n").first?.contains(extra[1]) == true, "\(run.stderr)")
    }
}
