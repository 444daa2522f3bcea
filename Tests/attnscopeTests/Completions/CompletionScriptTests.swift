import Foundation
import Testing

/// The completion scripts shipped in `completions/` are the ones the built binary generates.
@Suite struct CompletionScriptTests {
    /// Each shell and the file its script ships in (the names the shells look for once installed).
    static let scripts = [("bash", "attnscope.bash"), ("zsh", "_attnscope"), ("fish", "attnscope.fish")]

    @Test(arguments: scripts)
    func shippedScriptIsCurrent(shell: String, file: String) throws {
        let run = try BinaryRun.run(["--generate-completion-script", shell])
        #expect(run.status == 0, "\(run.stderr)")
        let fresh = String(decoding: run.stdout, as: UTF8.self)
        #expect(fresh.contains("attnscope"))
        let shipped = try String(contentsOf: AttnscopeBinary.packageRoot.appendingPathComponent("completions/\(file)"),
                                 encoding: .utf8)
        let isCurrent = shipped == fresh  // not inside #expect, which would print both scripts whole
        #expect(isCurrent, "completions/\(file) is out of date with the command line (\(Self.firstDifference(shipped, fresh))): run `make completions`")
    }

    /// Where two texts first differ, as `line N: "shipped" ≠ "fresh"` (the scripts are long).
    static func firstDifference(_ shipped: String, _ fresh: String) -> String {
        let a = shipped.split(separator: "\n", omittingEmptySubsequences: false)
        let b = fresh.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : "(end)", right = index < b.count ? String(b[index]) : "(end)"
            if left != right { return "line \(index + 1): \"\(left)\" ≠ \"\(right)\"" }
        }
        return "no line differs"
    }

    /// The real bash, given the shipped script, completes paths and modes the way it should.
    @Test func bashCompletesPathsByExtensionAndModesByName() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-complete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("maps"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["a.npy", "b.npz", "c.safetensors", "d.pgm", "e.txt", "f.tour", "g.cast"] {
            #expect(FileManager.default.createFile(atPath: directory.appendingPathComponent(name).path, contents: Data()))
        }
        #expect(try complete(["render", ""], in: directory) == ["a.npy", "b.npz", "c.safetensors", "d.pgm", "maps"])
        #expect(try complete(["render", "scene:default", "--proj", ""], in: directory) == ["b.npz", "c.safetensors", "maps"])
        #expect(try complete(["render", "x.npy", "--offsets", ""], in: directory) == ["a.npy", "b.npz", "c.safetensors", "maps"])
        #expect(try complete(["render", "x.npy", "--image", ""], in: directory) == ["d.pgm", "maps"])
        #expect(try complete(["tour", ""], in: directory) == ["f.tour", "maps"])
        #expect(try complete(["explore", "--record", ""], in: directory) == ["g.cast", "maps"])
        #expect(try complete(["explore", "--session", ""], in: directory) == ["e.txt", "maps"])
        #expect(try complete(["weights", "x.npy", "--mode", "c"], in: directory) == ["criss-cross"])
        #expect(try complete(["render", "x.npy", "--mode", ""], in: directory) == [
            "axial", "criss-cross", "dat", "dcn", "global", "lesa", "lka", "loaded", "neighborhood", "window"])
    }

    /// What bash's completion function from the shipped script offers for the last of `words`
    /// (after `attnscope`), sorted, with the working directory `directory`.
    private func complete(_ words: [String], in directory: URL) throws -> [String] {
        let script = AttnscopeBinary.packageRoot.appendingPathComponent("completions/attnscope.bash").path
        let quoted = (["attnscope"] + words).map { "'\($0)'" }.joined(separator: " ")
        let program = """
            cd '\(directory.path)' && source '\(script)' || exit 9
            COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count)
            COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
            _attnscope attnscope "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let output = directory.appendingPathComponent("completions.out").path
        let result = try ProcessRunner.run(["/bin/bash", "-c", program], outputFile: output)
        #expect(result.status == 0, "\(result.output)")
        return result.output.split(separator: "\n").map(String.init).sorted()
    }
}
