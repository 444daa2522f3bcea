import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Slides from the command line: `render` reaching the explorer's views, per-mode tensors in
/// the compare view, `tour --export` and `--export-dir`.
@Suite struct SlideCommandTests {
    static func demo(_ name: String) -> String { AttnscopeBinary.packageRoot.appendingPathComponent("demos/\(name)").path }
    static let objects = ["render", demo("objects.npy"), "--mode", "global", "--query", "12,16", "--size", "120x40",
                          "--format", "text"]

    @Test func renderDrawsTheCompareViewWithOneScaleAndNumbers() throws {
        let r = try BinaryRun.run(Self.objects + ["--compare", "global,window,dcn,dat"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        for title in ["Global", "Swin window", "Deformable conv (DCN)", "DAT deformable attention"] {
            #expect(r.text.contains(title), "\(title) missing")
        }
        #expect(r.text.components(separatedBy: " shared").count - 1 == 4)
        #expect(r.text.components(separatedBy: " eff ").count - 1 == 4)
        #expect(!r.text.contains("? help"), "a slide has no key hints")
    }

    @Test func dcnAndDatGetTheirOwnTensors() throws {
        // One offsets file for both: DCN's shape does not fit DAT, whose panel says so in place.
        let shared = try BinaryRun.run(Self.objects + ["--compare", "dcn,dat", "--offsets", Self.demo("dcn-offsets.npy")])
        #expect(shared.status == 0, "stderr: \(shared.stderr)")
        #expect(shared.text.contains("DAT deformable attention") && shared.text.contains("the offsets file"))
        #expect(shared.text.components(separatedBy: " eff ").count - 1 == 1)
        // Each its own: both drawn, neither illustrative.
        let own = try BinaryRun.run(Self.objects + ["--compare", "dcn,dat", "--dcn-offsets", Self.demo("dcn-offsets.npy"),
                                                    "--dat-positions", Self.demo("dat-positions.npy")])
        #expect(own.status == 0, "stderr: \(own.stderr)")
        #expect(own.text.components(separatedBy: " eff ").count - 1 == 2)
        #expect(!own.text.contains("illustrative"))
        let bad = try BinaryRun.run(Self.objects + ["--dat-offsets", "/nonexistent.npy"])
        #expect(bad.status != 0 && bad.stderr.contains("--dat-offsets"))
    }

    @Test func renderDrawsPresenterSwinViewsAndTargets() throws {
        let base = ["render", "scene:default", "--mode", "window", "--shifted", "--query", "6,6", "--size", "120x40", "--format", "text"]
        let both = try BinaryRun.run(base + ["--view", "both"])
        #expect(both.status == 0 && both.text.contains("original") && both.text.contains("rolled"), "stderr: \(both.stderr)")
        let rolled = try BinaryRun.run(base + ["--view", "rolled"])
        #expect(rolled.status == 0 && rolled.text.contains("rolled") && !rolled.text.contains("· original"))
        let presenter = try BinaryRun.run(["render", "scene:default", "--mode", "global", "--query", "6,6", "--size", "200x60",
                                           "--format", "ansi", "--presenter"])
        #expect(presenter.status == 0 && presenter.text.contains("┏") && presenter.text.contains("╵"), "a tick axis")
        let cross = ["render", "scene:default", "--mode", "criss-cross", "--query", "8,10", "--size", "120x40", "--format", "text"]
        let target = try BinaryRun.run(cross + ["--target", "18,26"])
        #expect(target.status == 0 && target.text.contains("M[p]"), "stderr: \(target.stderr)")
        let outside = try BinaryRun.run(cross + ["--target", "99,0"])
        #expect(outside.status != 0 && outside.stderr.contains("--target"))
        let pass = try BinaryRun.run(cross + ["--view", "1"])
        #expect(pass.status == 0 && pass.text.contains("pass 1"), "stderr: \(pass.stderr)")
        let tooFar = try BinaryRun.run(cross + ["--view", "9"])
        #expect(tooFar.status != 0 && tooFar.stderr.contains("--view"))
        let offCross = try BinaryRun.run(cross + ["--intermediate", "9,11"])
        #expect(offCross.status != 0 && offCross.stderr.contains("--intermediate"))
    }

    @Test func tourExportWritesEveryStep() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-slides-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let r = try BinaryRun.run(["tour", Self.demo("swin.tour"), "--export", directory, "--size", "100x30"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        let listed = r.text.split(separator: "\n").map { ($0 as NSString).lastPathComponent }.sorted()
        #expect(files == listed)
        #expect(files.count >= 2 && files.count % 2 == 0)
        #expect(files.first?.hasPrefix("step-01-") == true)
        let svg = try #require(files.first { $0.hasSuffix(".svg") })
        #expect(XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: directory + "/" + svg))).parse())
        let onAFile = try BinaryRun.run(["tour", Self.demo("swin.tour"), "--export", Self.demo("swin.tour")])
        #expect(onAFile.status != 0 && onAFile.stderr.contains("not a directory"))
        let sizeAlone = try BinaryRun.run(["tour", Self.demo("swin.tour"), "--size", "100x30"])
        #expect(sizeAlone.status != 0 && sizeAlone.stderr.contains("--size"))
    }

    @Test func exportDirMustBeADirectory() throws {
        let missing = try BinaryRun.run(["scene:default", "--export-dir", "/nonexistent-attnscope-dir"])
        #expect(missing.status != 0 && missing.stderr.contains("--export-dir") && missing.stderr.contains("no such directory"))
    }
}
