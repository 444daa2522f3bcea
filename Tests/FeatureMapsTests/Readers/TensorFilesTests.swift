import Foundation
import Testing
@testable import FeatureMaps

/// Every valid fixture reads back exactly what NumPy / safetensors / PyTorch wrote.
@Suite struct TensorFilesTests {
    static let files = Fixtures.expected.tensors.keys.sorted()

    @Test(arguments: files)
    func readsEveryTensorExactly(_ file: String) throws {
        let archive = try TensorFiles.read(Fixtures.path(file))
        let expected = try #require(Fixtures.expected.tensors[file])
        #expect(Set(archive.names) == Set(expected.keys))
        for (name, want) in expected {
            let tensor = try #require(archive.tensors[name])
            #expect(tensor.shape == want.shape, "\(file) \(name)")
            #expect(tensor.dtype == want.dtype, "\(file) \(name)")
            #expect(tensor.values.count == want.bits.count)
            let mismatches = zip(want.bits, tensor.values).filter { !Fixtures.sameValue($0, $1) }.count
            #expect(mismatches == 0, "\(file) \(name): \(mismatches) values differ")
        }
    }

    @Test func coversEveryFormatAndDType() {
        let dtypes = Set(Fixtures.expected.tensors.values.flatMap { $0.values.map(\.dtype) })
        for name in ["f2", "f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "b1",
                     ">f2", ">f4", ">f8", ">i2", ">i4", ">i8", ">u2", ">u4", ">u8", "bf16"] {
            #expect(dtypes.contains(name), "no fixture of dtype \(name)")
        }
        let formats = Set(Self.files.map { ($0 as NSString).pathExtension })
        #expect(formats == ["npy", "npz", "safetensors", "pgm", "ppm"])
    }

    @Test func npzKeepsArchiveOrderAndFormat() throws {
        let archive = try TensorFiles.read(Fixtures.path("npz/deflated.npz"))
        #expect(archive.names == ["features", "other", "wq"])
        #expect(archive.format == .npz)
    }

    @Test func auxiliaryTensorsKeepTheirFullShape() throws {
        #expect(try TensorFiles.read(Fixtures.path("npy/offsets-4d.npy")).tensor(named: nil).shape == [2, 18, 2, 3])
        #expect(try TensorFiles.read(Fixtures.path("npy/vector-1d.npy")).tensor(named: nil).shape == [7])
        #expect(try TensorFiles.read(Fixtures.path("npy/scalar-0d.npy")).tensor(named: nil).values == [2.5])
        let positions = try TensorFiles.read(Fixtures.path("safetensors/bf16.safetensors")).tensor(named: "pos")
        #expect(positions.shape == [1, 1, 3, 4, 2])
    }

    @Test func magicBytesWinOverAWrongOrUnknownExtension() throws {
        let archive = try TensorFiles.read(Fixtures.path("sniff/npy-content.dat"))
        #expect(archive.format == .npy)
        #expect(try archive.tensor(named: nil).shape == [2, 3, 4])
        // A .npy file renamed .safetensors still reads as .npy.
        let bytes = Fixtures.bytes("npy/f4-le.npy")
        #expect(try TensorFiles.decode(bytes, path: "x.safetensors").format == .npy)
    }

    @Test func halfPrecisionConversionIsExactForEveryBitPattern() {
        // Independent reference: the platform's own Float16 conversion.
        #if arch(x86_64) || arch(arm64)
        for bits in 0 ... UInt16.max {
            let ours = ElementDecoder.halfToFloat(bits)
            let platform = Float(Float16(bitPattern: bits))
            #expect(ours.isNaN ? platform.isNaN : ours.bitPattern == platform.bitPattern)
            if !(ours.isNaN ? platform.isNaN : ours.bitPattern == platform.bitPattern) { break }
        }
        #endif
    }

    @Test func aSixtyFourMegabyteArrayLoadsWhole() throws {
        // 64 MB of little-endian f4 in C order: the nearly-memcpy path.
        let channels = 64, height = 512, width = 512
        let header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(channels), \(height), \(width)), }"
        var text = Array(header.utf8)
        while (10 + text.count + 1) % 64 != 0 { text.append(0x20) }
        text.append(0x0a)
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(text.count & 0xff), UInt8(text.count >> 8)] + text
        let count = channels * height * width
        let values = (0 ..< count).map { Float($0 % 1000) * 0.5 }
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-large-\(getpid()).npy")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let map = try FeatureMapLoader.load(url.path)
        #expect(map.channels == channels && map.height == height && map.width == width)
        #expect(map.data == values)
        // Its speed is measured by `attnscope bench` (load_ms), not here.
    }
}
