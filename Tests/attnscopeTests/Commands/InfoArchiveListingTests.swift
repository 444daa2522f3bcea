import Foundation
import Testing

/// `info` on an archive with no map to pick lists its tensors; a channels-last-looking array
/// read channels-first gets one hint line on stderr, and is still read.
@Suite struct InfoArchiveListingTests {
    @Test func anArchiveWithoutFeaturesListsItsTensors() throws {
        let path = FeatureMapFixtures.path("npz/ambiguous.npz")
        let outcome = try BinaryRun.run(["info", path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let text = outcome.standardOutput
        #expect(text.hasPrefix(path + "\n"))
        #expect(text.contains("tensors 2, none called 'features'"))
        // NumPy: a (3, 5, 6) <f4, b (3, 4) <i4.
        #expect(text.contains("    a  3×5×6 f4\n") && text.contains("    b  3×4 i4\n"))
        #expect(outcome.stderr.isEmpty)
        // --tensor still reads one of them as a map.
        let picked = try BinaryRun.run(["info", path, "--tensor", "a"])
        #expect(picked.status == 0 && picked.standardOutput.contains("shape   3×5×6 (C×H×W)"))
    }

    @Test func aChannelsLastShapeReadChannelsFirstGetsAHint() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // An 8×8×5 array (H×W×C): read as C×H×W it is 8 channels of an 8×5 map.
        let header = "{'descr': '<f4', 'fortran_order': False, 'shape': (8, 8, 5), }"
        var text = header + String(repeating: " ", count: 63 - (10 + header.count) % 64) + "\n"
        var data = Data([0x93]) + Data("NUMPY".utf8) + Data([1, 0, UInt8(text.utf8.count % 256), UInt8(text.utf8.count / 256)])
        data += Data(text.utf8) + Data(count: 8 * 8 * 5 * 4)
        let file = directory.appendingPathComponent("hwc.npy").path
        try data.write(to: URL(fileURLWithPath: file))
        for command in [["info", file], ["render", file, "--mode", "global", "--query", "1,1"]] {
            let outcome = try BinaryRun.run(command)
            #expect(outcome.status == 0, "\(command): \(outcome.stderr)")
            #expect(outcome.stderr == "note: \(file): read as C×H×W = 8×8×5 (8 channels of a 8×5 map); if it is H×W×C, pass --layout hwc\n")
        }
        let told = try BinaryRun.run(["info", file, "--layout", "hwc"])
        #expect(told.stderr.isEmpty && told.standardOutput.contains("shape   5×8×8 (C×H×W)"))
    }
}
