import Foundation
import Testing

/// `attnscope info` end to end: the built binary on a scene, fixtures and bad files.
@Suite struct InfoCommandTests {
    @Test func describesTheDefaultScene() throws {
        let outcome = try BinaryRun.run(["info", "scene:default"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.standardOutput.contains("shape   24×28×40 (C×H×W)"))
        #expect(outcome.standardOutput.contains("NaN     0"))
        #expect(outcome.stderr.isEmpty)
    }

    @Test func describesAnArchiveAndItsTensors() throws {
        let path = FeatureMapFixtures.path("npz/deflated.npz")
        let outcome = try BinaryRun.run(["info", path, "--tensor", "other"])
        #expect(outcome.status == 0)
        let text = outcome.standardOutput
        #expect(text.hasPrefix(path + "\n"))
        #expect(text.contains("tensors features (3×5×6 f4), other (3×4 i4) *, wq (2×4×3 f8)"))
        #expect(text.contains("shape   1×3×4 (C×H×W)"))
        #expect(text.contains("dtype   i4"))
        // NumPy: np.arange(12).reshape(3, 4) → min 0, max 11, mean 5.5.
        #expect(text.contains("min     0\n") && text.contains("max     11\n") && text.contains("mean    5.5\n"))
    }

    @Test func readsChannelsLastAndCountsNonFiniteValues() throws {
        let hwc = try BinaryRun.run(["info", FeatureMapFixtures.path("npy/hwc.npy"), "--layout", "hwc"])
        #expect(hwc.standardOutput.contains("shape   3×5×6 (C×H×W)"))
        #expect(hwc.standardOutput.contains("layout  hwc"))
        let special = try BinaryRun.run(["info", FeatureMapFixtures.path("npy/nan-inf.npy")])
        #expect(special.status == 0)
        #expect(special.standardOutput.contains("NaN     2\n") && special.standardOutput.contains("Inf     2\n"))
    }

    @Test(arguments: ["malformed/truncated-data.npy", "malformed/npz-crc.npz", "malformed/a-directory.npy",
                      "malformed/does-not-exist.npy", "malformed/safetensors-header-lies.safetensors"])
    func refusesABadFileWithOneLine(_ relative: String) throws {
        let path = FeatureMapFixtures.path(relative)
        let outcome = try BinaryRun.run(["info", path])
        #expect(outcome.status != 0)
        #expect(outcome.standardOutput.isEmpty)
        let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1, "\(outcome.stderr)")
        #expect(lines.first?.contains(path + ": ") == true)
    }

    @Test func theEnvironmentCapsTheDecodedSize() throws {
        let path = FeatureMapFixtures.path("npy/f4-le.npy")
        let outcome = try BinaryRun.run(["info", path], environment: ["ATTNSCOPE_MAX_BYTES": "64"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("\(path): shape (2, 3, 4) needs 96 bytes as Float32, over the 64-byte limit"))
    }

    @Test func anUnreadableCapIsOneLine() throws {
        let outcome = try BinaryRun.run(["info", "scene:tiny"], environment: ["ATTNSCOPE_MAX_BYTES": "lots"])
        #expect(outcome.status != 0)
        #expect(outcome.standardOutput.isEmpty)
        let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1 && lines[0].contains("ATTNSCOPE_MAX_BYTES: 'lots' is not a positive byte count"), "\(outcome.stderr)")
    }

    @Test func refusesAnUnknownScene() throws {
        let outcome = try BinaryRun.run(["info", "scene:nope"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("scene:nope: no such built-in scene (available: default, stripes, gradient, tiny, large)"))
    }
}
