import Testing
@testable import FeatureMaps

/// A channels-first reading that looks channels-last gets a hint; plausible shapes do not.
@Suite struct LayoutHintTests {
    @Test func squareMapsReadWithTheirHeightAsChannelsGetAHint() throws {
        // Swin stage 1 stored H×W×C = 56×56×96 and read as C×H×W.
        let hint = try #require(LayoutHint.notice(channels: 56, height: 56, width: 96, path: "f.npy"))
        #expect(hint.contains("f.npy") && hint.contains("56 channels of a 56×96 map") && hint.contains("--layout hwc"))
    }

    @Test func anRGBLastAxisGetsAHint() throws {
        let hint = try #require(LayoutHint.notice(channels: 40, height: 30, width: 3, path: "img.npy"))
        #expect(hint.contains("--layout hwc"))
        #expect(LayoutHint.notice(channels: 224, height: 224, width: 4, path: "x")?.contains("hwc") == true)
    }

    @Test(arguments: [(96, 56, 56), (1, 40, 40), (3, 224, 224), (16, 24, 32), (24, 32, 16), (4, 8, 3)])
    func plausibleChannelsFirstShapesGetNone(_ shape: (Int, Int, Int)) {
        #expect(LayoutHint.notice(channels: shape.0, height: shape.1, width: shape.2, path: "f") == nil)
    }
}
