import Testing
@testable import FeatureMaps

@Suite("OpenedFile names what it refuses")
struct OpenedFileTests {
    @Test func anEmptyFileNameIsSaidSo() {
        // An empty argument (`attnscope ''`, `--proj ""`) read as "Error: : no such file".
        #expect(throws: FeatureMapError.invalidFile(path: "''", problem: "the file name is empty")) {
            _ = try TensorFiles.read("")
        }
        #expect(throws: FeatureMapError.invalidFile(path: "''", problem: "the file name is empty")) {
            _ = try OpenedFile.contents(ofSmallFile: "", limit: 1 << 20)
        }
    }
}
