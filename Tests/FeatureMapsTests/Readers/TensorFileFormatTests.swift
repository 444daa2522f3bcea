import Testing
@testable import FeatureMaps

/// A format's extensions (which shell completion offers) are exactly the ones that name it.
@Suite struct TensorFileFormatTests {
    @Test func extensionsNameTheirFormatInAnyCase() {
        let expected: [TensorFileFormat: [String]] = [
            .npy: ["npy"], .npz: ["npz"], .safetensors: ["safetensors"], .netpbm: ["pgm", "ppm", "pnm"]]
        for format in TensorFileFormat.allCases {
            #expect(format.pathExtensions == expected[format], "\(format)")
            for name in format.pathExtensions {
                #expect(TensorFileFormat(pathExtension: name) == format)
                #expect(TensorFileFormat(pathExtension: name.uppercased()) == format)
            }
        }
        for unknown in ["", "txt", "np", "npyz", "tour"] { #expect(TensorFileFormat(pathExtension: unknown) == nil) }
    }
}
