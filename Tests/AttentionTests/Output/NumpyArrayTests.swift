import Testing
import Attention

@Suite struct NumpyArrayTests {
    @Test func npyHeaderIsAlignedLittleEndianFloat32() {
        let bytes = NumpyArray.float32(shape: [1, 2], values: [1, -2])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        #expect(String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
                    .hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }"))
        #expect(Array(bytes.suffix(8)) == [0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0])
        let vector = NumpyArray.float32(shape: [3], values: [0, 0, 0])
        #expect(String(decoding: vector, as: UTF8.self).contains("'shape': (3,)"))
    }
}
