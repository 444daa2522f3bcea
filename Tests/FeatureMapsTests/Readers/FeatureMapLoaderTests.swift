import Foundation
import Testing
@testable import FeatureMaps

/// Files become planar C×H×W maps as NumPy says they should, with the right statistics.
@Suite struct FeatureMapLoaderTests {
    static let maps = Fixtures.expected.maps.indices.map { $0 }

    @Test(arguments: maps)
    func buildsTheExpectedMap(_ index: Int) throws {
        let want = Fixtures.expected.maps[index]
        let label = "\(want.file) \(want.layout) \(want.tensor ?? "-")"
        let map = try FeatureMapLoader.load(Fixtures.path(want.file), layout: Layout(rawValue: want.layout)!, tensor: want.tensor)
        #expect([map.channels, map.height, map.width] == want.shape, "\(label)")
        #expect(map.sourceDType == want.dtype, "\(label)")
        #expect(map.isLoaded)
        let mismatches = zip(want.bits, map.data).filter { !Fixtures.sameValue($0, $1) }.count
        #expect(map.data.count == want.bits.count && mismatches == 0, "\(label): \(mismatches) values differ")
        let stats = map.statistics
        #expect(Double(stats.minimum) == Double(Float(want.min)), "\(label)")
        #expect(Double(stats.maximum) == Double(Float(want.max)), "\(label)")
        #expect(abs(stats.mean - want.mean) <= 1e-9 * max(1, abs(want.mean)), "\(label)")
        #expect(stats.nanCount == want.nan && stats.infinityCount == want.inf, "\(label)")
    }

    @Test func nanAndInfinityLoadAndAreCounted() throws {
        let map = try FeatureMapLoader.load(Fixtures.path("npy/nan-inf.npy"))
        #expect(map.statistics.nanCount == 2)
        #expect(map.statistics.infinityCount == 2)
        #expect(map.statistics.finiteCount == map.data.count - 4)
    }

    @Test func picksTensorsByName() throws {
        let path = Fixtures.path("malformed/two-tensors.npz")
        #expect(try FeatureMapLoader.load(path, tensor: "b").channels == 2)
        #expect(throws: FeatureMapError.ambiguousTensor(path: path, available: ["a", "b"])) {
            try FeatureMapLoader.load(path)
        }
        #expect(throws: FeatureMapError.missingTensor(path: path, name: "c", available: ["a", "b"])) {
            try FeatureMapLoader.load(path, tensor: "c")
        }
        // The only tensor is taken when none is called `features`.
        #expect(try FeatureMapLoader.load(Fixtures.path("npz/single.npz")).height == 5)
    }

    @Test func theDecodeCapIsCheckedBeforeAllocating() throws {
        let path = Fixtures.path("npy/f4-le.npy")  // 24 values = 96 decoded bytes
        #expect(try FeatureMapLoader.load(path, maxBytes: 96).channels == 2)
        #expect(throws: FeatureMapError.invalidFile(path: path, problem: "shape (2, 3, 4) needs 96 bytes as Float32, over the 95-byte limit (raise it with ATTNSCOPE_MAX_BYTES)")) {
            try FeatureMapLoader.load(path, maxBytes: 95)
        }
    }

    @Test func theCapSettingOverridesTheDefault() {
        #expect(ReadLimits.defaultMaxBytes == 2 << 30)
        // Only read here: tests run in parallel, and the setting is process-wide. The library
        // reads no environment: only the executable sets the cap from ATTNSCOPE_MAX_BYTES.
        #expect(ReadLimits.maxBytes == ReadLimits.defaultMaxBytes)
    }
}
