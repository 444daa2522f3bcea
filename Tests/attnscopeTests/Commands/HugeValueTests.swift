import Foundation
import Testing

/// The command lines of issue 20 that trapped (SIGILL) on huge values: each is now either
/// refused with one line naming the option and a non-zero exit, or drawn; none is signalled.
@Suite struct HugeValueTests {
    static let map = AttnscopeBinary.explorerMap
    static let environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8"]

    /// Values past a mode's range, for weights, render and the explorer (refused before it
    /// looks for a terminal): the option in the one line, the mode named once.
    static let refused: [(arguments: [String], needles: [String])] = {
        let huge = "9223372036854775807"
        var cases: [(arguments: [String], needles: [String])] = []
        for (option, value) in [("--dilation", huge), ("--kernel", huge), ("--kernel", "22")] {
            let tail = ["--mode", "lka", option, value]
            cases.append((["weights", map, "--query", "1,2"] + tail, ["lka: ", option]))
            cases.append((["render", map, "--query", "1,2", "--size", "40x10", "--format", "text"] + tail, ["lka: ", option]))
            cases.append(([map] + tail, ["lka: ", option]))
        }
        cases.append((["weights", map, "--query", "1,2", "--mode", "criss-cross", "--passes", huge], ["criss-cross: ", "--passes"]))
        cases.append(([map, "--mode", "dat", "--stride", huge], ["dat: ", "--stride"]))
        cases.append(([map, "--window", huge, "--shift", huge], ["--shift"]))
        return cases
    }()

    @Test(arguments: refused.indices)
    func pastTheRangeIsOneLineAndANonZeroExit(_ index: Int) throws {
        let (arguments, needles) = Self.refused[index]
        let run = try BinaryRun.run(arguments, environment: Self.environment)
        #expect(!run.signalled, "crashed: \(run.stderr)")
        #expect(run.status != 0 && run.status < 128, "exit status \(run.status)")
        // One line of problem; a usage error adds ArgumentParser's usage and help pointer.
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.dropFirst().allSatisfy { $0.contains("Usage:") || $0.contains("--help") }, "\(run.stderr)")
        let first = lines.first.map(String.init) ?? ""
        for needle in needles { #expect(first.contains(needle), "\(first)") }
        #expect(first.components(separatedBy: needles[0]).count <= 2, "the mode is named once: \(first)")
        #expect(!first.contains("interactive terminal"), "\(first)")
    }

    /// Huge but finite values are the user's to try: drawn, with the value spelt in exponent form.
    @Test(arguments: [
        ["--mode", "criss-cross", "--gamma", "1e30"],
        ["--mode", "dat", "--offset-range", "1e30"],
        ["--mode", "global", "--temperature", "1e19"],
        ["--mode", "lka", "--kernel", "1048575", "--dilation", "1"],
    ])
    func hugeFiniteValuesAreDrawn(_ tail: [String]) throws {
        let render = try BinaryRun.run(["render", Self.map, "--query", "1,2", "--size", "60x20", "--format", "text"] + tail,
                                       environment: Self.environment)
        #expect(!render.signalled && render.status == 0, "\(render.status): \(render.stderr)")
        #expect(!render.stdout.isEmpty)
        // The explorer's checks pass too; without a terminal it stops only there.
        let explore = try BinaryRun.run([Self.map] + tail, environment: Self.environment)
        #expect(!explore.signalled && explore.status == 1, "\(explore.status): \(explore.stderr)")
        #expect(explore.stderr.contains("interactive terminal"), "\(explore.stderr)")
    }

    /// A DCNv2 mask of 1e30 (its sample weights overflow the panel's fixed-point text).
    @Test func aHugeModulationMaskIsDrawn() throws {
        let mask = try TensorFileWriter.npy([9, 24, 32], [Float](repeating: 1e30, count: 9 * 24 * 32))
        let render = try BinaryRun.run(["render", Self.map, "--mode", "dcn", "--query", "5,5", "--size", "80x24",
                                        "--format", "text", "--mask", mask], environment: Self.environment)
        #expect(!render.signalled && render.status == 0, "\(render.status): \(render.stderr)")
        #expect(render.standardOutput.contains("e+"), "the huge sums are spelt in exponent form")
    }
}
