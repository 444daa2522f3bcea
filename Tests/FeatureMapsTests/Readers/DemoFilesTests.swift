import Foundation
import Testing
@testable import FeatureMaps

/// The example maps in demos/ (written by demos/make_demos.py) load as documented.
@Suite struct DemoFilesTests {
    static func demo(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("demos/\(name)").path
    }

    @Test func channelsLastCopyEqualsTheChannelsFirstMap() throws {
        let chw = try FeatureMapLoader.load(Self.demo("objects.npy"))
        let hwc = try FeatureMapLoader.load(Self.demo("objects-hwc.npy"), layout: .hwc)
        #expect(chw.channels == 16 && chw.height == 24 && chw.width == 32)
        #expect(hwc.data == chw.data)
        let batched = try FeatureMapLoader.load(Self.demo("batch.npz"))
        #expect(batched.data == chw.data)
        let picture = try FeatureMapLoader.load(Self.demo("objects.pgm"))
        #expect(picture.height == 24 && picture.width == 32 && picture.channels == 1)
    }

    @Test func auxiliaryDemosHaveTheDocumentedShapes() throws {
        let projections = try TensorFiles.read(Self.demo("projections.npz"))
        #expect(projections.names == ["wq", "wk", "bq", "bk"])
        #expect(projections.tensors["wq"]?.shape == [2, 8, 16])
        #expect(try TensorFiles.read(Self.demo("dcn-offsets.npy")).tensor(named: nil).shape == [18, 24, 32])
        #expect(try TensorFiles.read(Self.demo("dat-positions.npy")).tensor(named: nil).shape == [6, 8, 2])
        #expect(try TensorFiles.read(Self.demo("swin-bias.npy")).tensor(named: nil).shape == [169])
        #expect(try FeatureMapLoader.load(Self.demo("plaid-f16.npy")).sourceDType == "f2")
    }
}
