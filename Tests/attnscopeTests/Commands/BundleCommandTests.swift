import Foundation
import Testing

/// Bundles on the command line: `weights`, `render` and `info` open a bundle's block with its
/// mode, settings and tensors exactly as the corresponding options would, options override it,
/// and bad bundles are one line. (exporter/tests/test_bundle_open.py compares real models' bundles
/// with the modules' own attention.)
@Suite struct BundleCommandTests {
    static func bundle(_ name: String) -> String { FeatureMapFixtures.path("bundles/" + name) }

    /// The parsed JSON, its exact text (compared byte for byte) and stderr of one `weights` run.
    private func weights(_ arguments: [String]) throws -> (json: [String: Any], text: Data, stderr: String) {
        let run = try BinaryRun.run(["weights"] + arguments)
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        return (try #require(JSONSerialization.jsonObject(with: run.stdout) as? [String: Any]), run.stdout, run.stderr)
    }

    private func oneLine(_ arguments: [String]) throws -> String {
        let run = try BinaryRun.run(arguments)
        #expect(run.status != 0 && !run.signalled && run.stdout.isEmpty, "\(arguments)")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(arguments): \(run.stderr)")
        return String(lines.first ?? "")
    }

    /// single.npz: a window block (window 3, shift [1, 1], scale 0.5) with wq/wk/bq/bk and a bias table.
    @Test(arguments: ["0", "1"])
    func aBundleOpensAsItsOptionsWould(_ head: String) throws {
        let file = Self.bundle("single.npz")
        for query in ["0,0", "2,3", "4,5"] {
            let bare = try weights([file, "--query", query, "--head", head])
            let flags = try weights([file, "--tensor", "features", "--mode", "window", "--window", "3", "--shift", "1",
                                     "--variant", "timm", "--scale", "0.5", "--proj", file, "--bias", file, "--query", query, "--head", head])
            #expect(bare.json["mode"] as? String == "window")
            #expect(bare.text == flags.text, "query \(query) head \(head)")
        }
    }

    @Test func whatTheBundleHoldsButIsNotUsedIsNoticed() throws {
        let stderr = try weights([Self.bundle("single.npz"), "--query", "1,1"]).stderr
        #expect(stderr.contains("note: \(Self.bundle("single.npz")): settings this attnscope does not know, ignored: mlp_ratio 4"))
        #expect(stderr.contains("note: \(Self.bundle("single.npz")): members this attnscope does not read: wo\n"))
    }

    @Test func optionsOverrideTheBundle() throws {
        let file = Self.bundle("single.npz")
        let global = try weights([file, "--mode", "global", "--query", "2,2"])
        let flags = try weights([file, "--tensor", "features", "--mode", "global", "--scale", "0.5", "--proj", file, "--query", "2,2"])
        #expect(global.json["mode"] as? String == "global")
        #expect(global.text == flags.text)  // the bundle's scale still applies
        let unshifted = try weights([file, "--shift", "0", "--query", "2,2"])
        let plain = try weights([file, "--tensor", "features", "--mode", "window", "--window", "3", "--variant", "timm", "--scale", "0.5",
                                 "--proj", file, "--bias", file, "--query", "2,2"])
        #expect(unshifted.text == plain.text)
        #expect(unshifted.text != (try weights([file, "--query", "2,2"])).text)  // the bundle's shift 1 differs
    }

    /// multi.npz: block 0 is neighborhood with kernel [3, 3]; block 1 holds wq without wk.
    @Test func blockPicksABlockOfAMultiBlockBundle() throws {
        let file = Self.bundle("multi.npz")
        let projection = try TensorFileWriter.safetensors([("wq", [1, 2, 2], (0..<4).map { Float($0) * 0.25 }),
                                                           ("wk", [1, 2, 2], (0..<4).map { Float($0) * 0.5 })])
        defer { try? FileManager.default.removeItem(atPath: projection) }
        let first = try weights([file, "--query", "1,2"])
        let flags = try weights([file, "--tensor", "b0.features", "--mode", "neighborhood", "--kernel", "3", "--dilation", "1",
                                 "--proj", projection, "--query", "1,2"])
        #expect(first.json["mode"] as? String == "neighborhood")
        #expect(first.text == flags.text)
        #expect(try weights([file, "--block", "0", "--query", "1,2"]).text == first.text)
        #expect(try oneLine(["weights", file, "--block", "1", "--query", "1,1"])
            == "Error: \(file): no member 'b1.wk' (a projection file needs wq and wk)")
        #expect(try weights([file, "--block", "1", "--query", "1,1", "--proj", projection]).json["mode"] as? String == "global")
    }

    @Test func badBlocksAndBadBundlesAreOneLine() throws {
        let multi = Self.bundle("multi.npz")
        #expect(try oneLine(["weights", multi, "--block", "2", "--query", "1,1"]) == "Error: --block 2: \(multi) holds 2 blocks (0…1)")
        #expect(try oneLine(["render", multi, "--block", "5", "--query", "1,1"]) == "Error: --block 5: \(multi) holds 2 blocks (0…1)")
        let plain = Self.bundle("plain.npz")
        #expect(try oneLine(["weights", plain, "--block", "1", "--mode", "global", "--query", "0,0"])
            == "Error: --block 1: \(plain) is not a bundle (no attnscope.json member)")
        let future = Self.bundle("malformed/format-2.npz")
        for command in [["weights", future, "--query", "0,0"], ["render", future, "--query", "0,0"], ["info", future]] {
            #expect(try oneLine(command)
                == "Error: \(future): member 'attnscope.json' has format 2; this attnscope reads format 1 (a newer exporter wrote it?)")
        }
        let noFeatures = Self.bundle("members/no-features.npz")
        #expect(try oneLine(["weights", noFeatures, "--block", "1", "--query", "0,0"])
            == "Error: \(noFeatures): has no member 'b1.features' (the block's attention input, C×H×W)")
        let negative = try BinaryRun.run(["weights", multi, "--block", "-1", "--query", "0,0"])  // a usage error
        #expect(negative.status != 0 && negative.stderr.hasPrefix("Error: --block must be 0 or more (got -1)\n"))
    }

    /// cli/: bundles the reader accepts whose block 1 the command line cannot use.
    @Test func aBlockAttnscopeCannotUseIsOneLine() throws {
        func line(_ name: String) throws -> String {
            try oneLine(["weights", Self.bundle("cli/" + name), "--block", "1", "--query", "0,0"])
        }
        let prefix = "Error: \(Self.bundle("cli"))/"
        #expect(try line("unknown-mode.npz").hasPrefix(prefix + "unknown-mode.npz: attnscope.json block 1 has mode 'msda', which this attnscope does not compute (global, window,"))
        #expect(try line("unequal-dilation.npz") == prefix + "unequal-dilation.npz: attnscope.json block 1 setting 'dilation' is [3, 2]: "
            + "attnscope has one value for both axes, and per-axis values that differ are not supported yet")
        #expect(try line("window-text.npz") == prefix + "window-text.npz: attnscope.json block 1 setting 'window' is \"seven\"; expected an integer or [h, w]")
        #expect(try line("scale-list.npz") == prefix + "scale-list.npz: attnscope.json block 1 setting 'scale' is [1, 2, 3]; expected a number")
        #expect(try line("bad-kernel.npz").hasPrefix(prefix + "bad-kernel.npz: attnscope.json: neighborhood: kernel must be odd"))
        // the option names what it set: --kernel 4 over the bundle's kernel 3
        #expect(try oneLine(["weights", Self.bundle("multi.npz"), "--kernel", "4", "--query", "0,0"]).hasPrefix("Error: neighborhood: --kernel must be odd"))
        // block 0 of the same files is fine
        #expect(try weights([Self.bundle("cli/unknown-mode.npz"), "--query", "0,0"]).json["mode"] as? String == "neighborhood")
    }

    /// The explorer and tours refuse a bad bundle before they look for a terminal.
    @Test func theExplorerAndToursRefuseABadBundleInOneLine() throws {
        let multi = Self.bundle("multi.npz"), broken = Self.bundle("malformed/heads-zero.npz")
        let tour = AttnscopeBinary.packageRoot.appendingPathComponent("demos/criss-cross.tour").path
        #expect(try oneLine([multi, "--block", "3"]) == "Error: --block 3: \(multi) holds 2 blocks (0…1)")
        #expect(try oneLine([broken]) == "Error: \(broken): member 'attnscope.json' has 'heads' 0; expected a positive integer")
        #expect(try oneLine(["tour", tour, "--map-file", broken])
            == "Error: \(broken): member 'attnscope.json' has 'heads' 0; expected a positive integer")
        // A good bundle gets as far as the terminal check (stdout is a file here), notes not yet printed.
        let run = try BinaryRun.run([Self.bundle("single.npz")])
        #expect(run.status != 0 && run.stderr.hasPrefix("Error: the explorer needs an interactive terminal"), "\(run.stderr)")
    }

    @Test func aFileThatIsNotABundleStillNeedsMode() throws {
        let run = try BinaryRun.run(["weights", Self.bundle("plain.npz"), "--query", "0,0"])
        #expect(run.status != 0)
        #expect(run.stderr.hasPrefix("Error: Missing expected argument '--mode <mode>'\n"), "\(run.stderr)")
    }

    @Test func renderDrawsTheBundlesBlockOverItsPicture() throws {
        let run = try BinaryRun.run(["render", Self.bundle("single.npz"), "--query", "2,3", "--format", "text", "--size", "70x20"])
        #expect(run.status == 0, "\(run.stderr)")
        // The bundle's own mode and variant, at the query asked for (the side panel, which would
        // name the file, gives way to the maps at this size).
        #expect(run.standardOutput.contains("Swin window · timm rules") && run.standardOutput.contains("q=2,3"))
    }

    @Test func infoListsTheModelBlocksAndMembers() throws {
        let file = Self.bundle("multi.npz")
        let run = try BinaryRun.run(["info", file])
        #expect(run.status == 0, "\(run.stderr)")
        let text = run.standardOutput
        #expect(text.hasPrefix(file + "\n  format  attnscope bundle"))
        #expect(text.contains("  model   natten,depth=2\n  blocks  2 (--block 0…1)\n"))
        #expect(text.contains("    0  blocks.0  neighborhood  1 head  3×4  kernel [3, 3], dilation [1, 1]\n"))
        #expect(text.contains("    1  blocks.1  global  1 head  3×4\n"))
        #expect(text.contains("    b1.image     1×3×4 f4\n"))
        #expect(text.contains("  block 0 map 2×3×4 (C×H×W), min 0, max 5.75, mean 2.875, NaN 0, Inf 0\n"))
        let second = try BinaryRun.run(["info", file, "--block", "1"]).standardOutput
        #expect(second.contains("  block 1 map 2×3×4 (C×H×W), min 100, max 105.75"))
    }
}
