import Foundation
import Testing

/// Every bad option or value, for every subcommand, is a usage error naming it: a non-zero exit
/// (not a signal), nothing on stdout, and the option or value in the first line of stderr.
///
/// The explorer runs here without a terminal: its options must be refused before it finds
/// out that stdout is not one (the last case checks that a valid command gets that far).
@Suite struct BadOptionTests {
    /// One bad command line: the arguments after `attnscope` and what the first stderr line
    /// must contain (each needle, case-sensitively).
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var needles: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    /// The fixed 8×24×32 map, and the command prefixes that reach each subcommand's options.
    static let map = AttnscopeBinary.explorerMap
    static let weights = ["weights", map, "--mode", "global", "--query", "1,2"]
    static let render = ["render", map, "--mode", "global", "--query", "1,2", "--size", "40x10", "--format", "text"]
    static let explore = [map]
    /// A lesson of the repository's demos.
    static let tour = AttnscopeBinary.packageRoot.appendingPathComponent("demos/criss-cross.tour").path

    /// Small auxiliary files: a 2-head projection for 8 channels, dcn offsets with 2 groups,
    /// dat offsets with 3 groups (written once, left in the temporary directory).
    static let files: (projection: String, dcnOffsets: String, datOffsets: String) = {
        let projection = try! TensorFileWriter.safetensors([
            ("wq", [2, 4, 8], (0..<64).map { Float($0 % 7) / 7 }), ("wk", [2, 4, 8], (0..<64).map { Float($0 % 5) / 5 }),
        ])
        let dcn = try! TensorFileWriter.npy([1, 2, 18, 24, 32], [Float](repeating: 0, count: 2 * 18 * 24 * 32))
        let dat = try! TensorFileWriter.npy([3, 2, 4, 5], [Float](repeating: 0, count: 3 * 2 * 4 * 5))
        return (projection, dcn, dat)
    }()

    /// Values no mode accepts, for each command that takes attention options.
    static let attentionValues: [([String], [String])] = [
        (["--window", "0"], ["--window", "0"]),
        (["--window", "-2"], ["--window", "-2"]),
        (["--window", "seven"], ["--window", "seven"]),
        (["--shift", "7", "--window", "7"], ["--shift", "7"]),
        (["--shift", "-1"], ["--shift", "-1"]),
        (["--kernel", "-3"], ["--kernel", "-3"]),
        (["--kernel", "0"], ["--kernel", "0"]),
        (["--kernel", "3.5"], ["--kernel", "3.5"]),
        (["--dilation", "0"], ["--dilation", "0"]),
        (["--passes", "0"], ["--passes", "0"]),
        (["--passes", "-1"], ["--passes", "-1"]),
        (["--stride", "0"], ["--stride", "0"]),
        (["--temperature", "0"], ["--temperature", "0"]),
        (["--temperature", "-1"], ["--temperature", "-1"]),
        (["--temperature", "nan"], ["--temperature", "nan"]),
        (["--temperature", "inf"], ["--temperature", "inf"]),
        (["--temperature", "1e-40"], ["--temperature", "1e-40"]),
        (["--temperature", "hot"], ["--temperature", "hot"]),
        (["--temperature"], ["--temperature"]),
        (["--scale", "nan"], ["--scale", "nan"]),
        (["--scale", "-inf"], ["--scale", "-inf"]),
        (["--gamma", "nan"], ["--gamma", "nan"]),
        (["--offset-range", "inf"], ["--offset-range", "inf"]),
        (["--head", "-1"], ["--head", "-1"]),
        (["--group", "-1"], ["--group", "-1"]),
        (["--layout", "bogus"], ["--layout", "bogus"]),
        (["--tensor", "missing"], ["missing"]),
        (["--tensor"], ["--tensor"]),
        (["--proj", "/nonexistent/p.npz"], ["--proj", "/nonexistent/p.npz"]),
        (["--offsets", "/nonexistent/o.npy"], ["--offsets", "/nonexistent/o.npy"]),
        (["--bias", "/nonexistent/b.npy"], ["--bias"]),
        (["--rel", "/nonexistent/r.npz"], ["--rel"]),
        (["--mask", "/nonexistent/m.npy"], ["--mask"]),
        (["--positions", "/nonexistent/p.npy"], ["--positions"]),
        (["--kernels", "/nonexistent/k.npz"], ["--kernels"]),
        (["--proj", files.projection, "--head", "2"], ["--head is out of range", "(got 2)"]),
        (["--bogus"], ["--bogus"]),
        (["--bogus=1"], ["--bogus"]),
        (["-z"], ["-z"]),
    ]

    /// Values only some modes refuse, with the mode that refuses them.
    static let modeValues: [(String, [String], [String])] = [
        ("dcn", ["--kernel", "4"], ["--kernel", "4"]),
        ("neighborhood", ["--kernel", "4"], ["--kernel", "4"]),
        ("neighborhood", ["--dilation", "0"], ["--dilation", "0"]),
        ("axial", ["--passes", "3"], ["--passes", "3"]),
        ("criss-cross", ["--passes", "65"], ["--passes", "65"]),
        ("lka", ["--kernel", "9223372036854775807"], ["lka: --kernel", "9223372036854775807"]),
        ("lka", ["--dilation", "9223372036854775807"], ["lka: --dilation", "9223372036854775807"]),
    ]

    /// Query values that are never a position, or not one on the 24×32 map.
    static let queryValues: [(String, [String])] = [
        ("1", ["--query", "'1'"]), ("1,2,3", ["--query", "1,2,3"]), ("a,b", ["--query", "a,b"]),
        ("-1,0", ["--query", "-1,0"]), ("24,0", ["--query", "24,0"]), ("0,32", ["--query", "0,32"]),
        ("99999999999999999999,0", ["--query"]), ("", ["--query"]),
    ]

    static let cases: [Case] = {
        var cases: [Case] = []
        for prefix in [weights, render, explore, ["tour", tour, "--map-file", map]] {
            cases += attentionValues.map { Case(arguments: prefix + $0.0, needles: $0.1) }
            cases += modeValues.map { mode, arguments, needles in
                let withMode = prefix == explore ? prefix + ["--mode", mode]
                    : prefix.map { $0 == "global" ? mode : $0 }
                return Case(arguments: withMode + arguments, needles: needles)
            }.filter { $0.arguments[0] != "tour" }  // a tour's steps pick the modes
        }
        // The query of each command (the explorer's is optional, the others' required).
        for (value, needles) in queryValues {
            cases.append(Case(arguments: ["weights", map, "--mode", "global", "--query", value], needles: needles))
            cases.append(Case(arguments: ["render", map, "--mode", "global", "--size", "40x10", "--query", value], needles: needles))
            cases.append(Case(arguments: [map, "--query", value], needles: needles))
        }
        cases += [
            // Groups are checked by the mode that reads the file.
            Case(arguments: ["weights", map, "--mode", "dcn", "--query", "1,2", "--offsets", files.dcnOffsets, "--group", "2"],
                 needles: ["--group is out of range", "(got 2)"]),
            Case(arguments: ["weights", map, "--mode", "dat", "--query", "1,2", "--offsets", files.datOffsets, "--group", "3"],
                 needles: ["--group is out of range", "(got 3)"]),
            Case(arguments: ["render", map, "--mode", "dat", "--query", "1,2", "--offsets", files.datOffsets, "--group", "5"],
                 needles: ["--group is out of range", "(got 5)"]),
            Case(arguments: [map, "--mode", "dat", "--offsets", files.datOffsets, "--group", "3"], needles: ["--group is out of range", "(got 3)"]),
            Case(arguments: [map, "--mode", "dcn", "--offsets", files.dcnOffsets, "--group", "2"], needles: ["--group is out of range", "(got 2)"]),
            Case(arguments: [map, "--mode", "dcn", "--offsets", files.datOffsets], needles: ["--offsets"]),
            // Missing and unknown pieces.
            Case(arguments: ["weights", map, "--query", "1,2"], needles: ["--mode"]),
            Case(arguments: ["weights", map, "--mode", "global"], needles: ["--query"]),
            Case(arguments: ["weights", map, "--mode", "bogus", "--query", "1,2"], needles: ["bogus", "--mode"]),
            Case(arguments: ["weights", map, "--mode"], needles: ["--mode"]),
            Case(arguments: ["weights", "--mode", "global", "--query", "1,2"], needles: ["<file>"]),
            Case(arguments: weights + ["--format", "bogus"], needles: ["--format", "bogus"]),
            Case(arguments: weights + ["--format", "json", "--out", "/nonexistent/dir/w.json"], needles: ["--out"]),
            Case(arguments: render + ["--format", "bogus"], needles: ["--format", "bogus"]),
            Case(arguments: ["render", map, "--mode", "lka", "--query", "1,2", "--size", "0x0"], needles: ["--size", "0x0"]),
            Case(arguments: ["render", map, "--mode", "lka", "--query", "1,2", "--size", "5x"], needles: ["--size", "5x"]),
            Case(arguments: ["render", map, "--mode", "lka", "--query", "1,2", "--size", "x5"], needles: ["--size", "x5"]),
            Case(arguments: ["render", map, "--mode", "lka", "--query", "1,2", "--size", "-5x10"], needles: ["--size", "-5x10"]),
            Case(arguments: ["render", map, "--mode", "lka", "--query", "1,2", "--size", "100000x100000"],
                 needles: ["--size", "100000x100000"]),
            Case(arguments: ["render", map, "--mode", "lka", "--query", "1,2", "--size", "99999999999999999999x5"],
                 needles: ["--size"]),
            Case(arguments: ["render", map, "--mode", "lka", "--query", "1,2", "--size"], needles: ["--size"]),
            Case(arguments: ["info", map, "--layout", "bogus"], needles: ["--layout", "bogus"]),
            Case(arguments: ["info", map, "--tensor", "missing"], needles: ["missing"]),
            Case(arguments: ["info", map, "--bogus"], needles: ["--bogus"]),
            Case(arguments: ["info"], needles: ["<file>"]),
            Case(arguments: ["info", map, map], needles: [map]),
            Case(arguments: ["bench", "--bogus"], needles: ["--bogus"]),
            Case(arguments: ["tour"], needles: ["<file>"]),
            Case(arguments: ["tour", tour, "--bogus"], needles: ["--bogus"]),
            Case(arguments: ["tour", "/nonexistent/lesson.tour"], needles: ["/nonexistent/lesson.tour"]),
            Case(arguments: ["tour", tour, "--map-file", "/nonexistent/map.npy"], needles: ["/nonexistent/map.npy"]),
            Case(arguments: ["tour", tour, "--map-file", map, "--proj", files.projection, "--head", "7"], needles: ["--head is out of range", "(got 7)"]),
            Case(arguments: ["--bogus"], needles: ["--bogus"]),
        ]
        // Display options of the explorer and render.
        for prefix in [render, explore, ["tour", tour]] {
            cases += [
                Case(arguments: prefix + ["--color", "bogus"], needles: ["--color", "bogus"]),
                Case(arguments: prefix + ["--color"], needles: ["--color"]),
                Case(arguments: prefix + ["--glyphs", "bogus"], needles: ["--glyphs", "bogus"]),
                Case(arguments: prefix + ["--colormap", "bogus"], needles: ["--colormap", "bogus"]),
                Case(arguments: prefix + ["--scale-mode", "log:0"], needles: ["--scale-mode", "log:0"]),
                Case(arguments: prefix + ["--scale-mode", "clip:nan"], needles: ["--scale-mode", "clip:nan"]),
                Case(arguments: prefix + ["--levels", "1"], needles: ["--levels", "1"]),
                Case(arguments: prefix + ["--levels", "many"], needles: ["--levels", "many"]),
                Case(arguments: prefix + ["--image", "/nonexistent/i.pgm"], needles: ["--image", "/nonexistent/i.pgm"]),
            ]
        }
        cases += [
            Case(arguments: explore + ["--mode", "bogus"], needles: ["--mode", "bogus"]),
            Case(arguments: ["/nonexistent/map.npy"], needles: ["/nonexistent/map.npy"]),
            Case(arguments: ["scene:bogus"], needles: ["scene:bogus"]),
        ]
        return cases
    }()

    @Test(arguments: cases)
    func isAUsageErrorNamingIt(_ badCase: Case) throws {
        let run = try BinaryRun.run(badCase.arguments, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        #expect(!run.signalled, "crashed: \(run.stderr)")
        #expect(run.status != 0 && run.status < 128, "exit status \(run.status)")
        #expect(run.stdout.isEmpty, "stdout: \(run.standardOutput.prefix(200))")
        let first = run.stderr.split(separator: "\n").first.map(String.init) ?? ""
        for needle in badCase.needles {
            #expect(first.contains(needle), "first line \(first.debugDescription) does not name \(needle)")
        }
        #expect(!first.contains("interactive terminal"), "the explorer got past its checks: \(first)")
    }

    @Test func aValidExplorerCommandGetsAsFarAsTheTerminalCheck() throws {
        // Every option valid: without a terminal, the explorer refuses only that.
        let run = try BinaryRun.run(Self.explore + ["--mode", "dcn", "--kernel", "5", "--query", "3,4", "--proj",
                                                    Self.files.projection, "--head", "1", "--temperature", "0.5"],
                                    environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        #expect(run.status == 1 && !run.signalled)
        #expect(run.stderr.contains("interactive terminal"), "\(run.stderr)")
        let offsets = try BinaryRun.run(Self.explore + ["--mode", "dcn", "--offsets", Self.files.dcnOffsets, "--group", "1"],
                                        environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        #expect(offsets.stderr.contains("interactive terminal"), "\(offsets.stderr)")
    }

    @Test func valuesAtTheEdgesStillWork() throws {
        for arguments in [["--window", "1"], ["--shift", "6"], ["--temperature", "1e-30"], ["--scale", "0"],
                          ["--offset-range", "-1"], ["--offset-range=-1"], ["--scale", "-2"]] {
            let run = try BinaryRun.run(Self.weights + arguments)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(!run.stdout.isEmpty)
        }
        let kernels = try BinaryRun.run(["weights", Self.map, "--mode", "lka", "--query", "1,2", "--kernel", "8", "--dilation", "3"])
        #expect(kernels.status == 0, "lka takes even kernels (⌈8/3⌉ = 3): \(kernels.stderr)")
    }
}
