import Foundation
import Testing

/// What the command line declares the shells should complete: paths for every FILE, mode names
/// for every mode option (read from the binary's own description of its command line).
@Suite struct FileCompletionTests {
    /// The extensions each file option and argument completes, by subcommand and label.
    static let expectedExtensions: [String: [String]] = {
        let featureMaps = ["npy", "npz", "safetensors", "pgm", "ppm", "pnm"]
        let tensor = ["npy", "npz", "safetensors"], archive = ["npz", "safetensors"]
        var table: [String: [String]] = [:]
        for command in ["explore", "info", "render", "weights"] { table["\(command) file"] = featureMaps }
        for command in ["explore", "render", "weights", "tour"] {
            for option in ["--bias", "--offsets", "--mask", "--positions", "--dcn-offsets", "--dcn-mask", "--dat-offsets",
                           "--dat-positions"] { table["\(command) \(option)"] = tensor }
            for option in ["--proj", "--rel"] { table["\(command) \(option)"] = archive }
        }
        for command in ["explore", "render", "tour"] { table["\(command) --image"] = ["pgm", "ppm", "pnm"] }
        table["render --session"] = ["txt"]
        for command in ["explore", "tour"] {
            table["\(command) --session"] = ["txt"]
            table["\(command) --record"] = ["cast"]
        }
        table["tour file"] = ["tour"]
        table["tour --map-file"] = featureMaps
        table["weights --out"] = ["json", "npy"]
        return table
    }()

    /// Options whose help mentions a file but whose value is not a path.
    static let notPaths: Set<String> = ["--tensor"]

    @Test func everyFileOptionCompletesPathsWithItsExtensions() throws {
        let dump = try CommandLineDump.ofBuiltBinary().dump
        var seen: Set<String> = []
        for (command, argument) in dump.visibleArguments {
            let key = "\(command) \(argument.label)"
            guard let expected = Self.expectedExtensions[key] else { continue }
            seen.insert(key)
            #expect(argument.completionKind?.file?.extensions == expected, "\(key)")
        }
        #expect(seen == Set(Self.expectedExtensions.keys), "missing: \(Set(Self.expectedExtensions.keys).subtracting(seen).sorted())")
    }

    /// A new option that takes a file (its help says so) cannot ship without path completion.
    @Test func noOptionThatTakesAFileLacksPathCompletion() throws {
        let dump = try CommandLineDump.ofBuiltBinary().dump
        for (command, argument) in dump.visibleArguments where argument.kind != "flag" && command != "help" {
            let help = (argument.abstract ?? "").lowercased()
            guard argument.kind == "positional" || help.contains("file") || help.contains("picture"),
                  !Self.notPaths.contains(argument.label) else { continue }
            #expect(argument.completionKind?.file != nil, "\(command) \(argument.label) takes a file but does not complete paths")
        }
    }

    @Test func modeOptionsCompleteEveryModeInOrder() throws {
        let modes = ["global", "window", "axial", "criss-cross", "dcn", "dat", "neighborhood", "lka", "lesa", "loaded"]
        let dump = try CommandLineDump.ofBuiltBinary().dump
        let modeOptions = dump.visibleArguments.filter { ["--mode", "--compare"].contains($0.argument.label) }
        #expect(Set(modeOptions.map { "\($0.command) \($0.argument.label)" }) == [
            "explore --mode", "render --mode", "weights --mode", "explore --compare", "render --compare", "tour --compare"])
        for (command, argument) in modeOptions {
            #expect(argument.completionKind?.list?.values == modes, "\(command) \(argument.label)")
        }
    }
}
