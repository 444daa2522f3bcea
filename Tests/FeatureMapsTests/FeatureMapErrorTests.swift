import Testing
@testable import FeatureMaps

@Suite("FeatureMapError messages stay one readable line")
struct FeatureMapErrorTests {
    @Test func aLongListOfTensorNamesIsCutWithACount() {
        let names = (0 ..< 65_536).map { "t\($0)" }
        let message = FeatureMapError.ambiguousTensor(path: "a.safetensors", available: names).description
        #expect(message == "a.safetensors: several tensors and none is called 'features'; pick one with --tensor (t0, t1, t2, t3, t4, t5, t6, t7, … (65528 more))")
        let missing = FeatureMapError.missingTensor(path: "a.npz", name: "x", available: Array(names.prefix(3))).description
        #expect(missing == "a.npz: no tensor named 'x' (the file has: t0, t1, t2)")
    }

    @Test func eightNamesAreListedWhole() {
        let names = (0 ..< 8).map { "t\($0)" }
        #expect(FeatureMapError.nameList(names) == "t0, t1, t2, t3, t4, t5, t6, t7")
    }
}
