import Foundation

/// Hand-built hostile archives for the memory tests: a deflate stream (fixed Huffman codes,
/// RFC 1951 §3.2.6) whose length-258 matches make a small file inflate to many zeros, wrapped in
/// a one-member ZIP; and a safetensors header listing very many tensors.
enum HostileFiles {
    /// Bits written least significant first, as deflate packs them.
    private struct BitWriter {
        var bytes: [UInt8] = []
        var current: UInt32 = 0
        var count = 0

        /// Appends `length` bits of `value`, least significant first.
        mutating func put(_ value: UInt32, _ length: Int) {
            current |= value << UInt32(count)
            count += length
            while count >= 8 {
                bytes.append(UInt8(current & 0xff))
                current >>= 8
                count -= 8
            }
        }

        /// Appends a Huffman code (written most significant bit first).
        mutating func code(_ value: UInt32, _ length: Int) {
            var reversed: UInt32 = 0
            for bit in 0 ..< length where value & (1 << UInt32(bit)) != 0 { reversed |= 1 << UInt32(length - 1 - bit) }
            put(reversed, length)
        }

        mutating func literal(_ byte: UInt8) {
            if byte < 144 { code(0x30 + UInt32(byte), 8) } else { code(0x190 + UInt32(byte) - 144, 9) }
        }

        mutating func finish() -> [UInt8] {
            if count > 0 { bytes.append(UInt8(current & 0xff)) }
            return bytes
        }
    }

    /// Raw deflate data for `prefix` followed by zeros, `total` bytes in all.
    static func deflatedZeros(prefix: [UInt8], total: Int) -> [UInt8] {
        var writer = BitWriter()
        writer.put(1, 1)  // BFINAL
        writer.put(1, 2)  // BTYPE 01: fixed Huffman codes
        for byte in prefix { writer.literal(byte) }
        var left = total - prefix.count
        writer.literal(0)
        left -= 1
        while left >= 258 {
            writer.code(0xC5, 8)  // length symbol 285: 258 bytes
            writer.put(0, 5)      // distance code 0: distance 1
            left -= 258
        }
        while left > 0 {
            writer.literal(0)
            left -= 1
        }
        writer.code(0, 7)  // end of block
        return writer.finish()
    }

    /// A ZIP holding one deflated member `name` of `uncompressed` bytes.
    static func zip(member name: String, deflated data: [UInt8], uncompressed: Int, crc: UInt32) -> [UInt8] {
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xff), UInt8((v >> 8) & 0xff)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xffff) + le16((v >> 16) & 0xffff) }
        let nameBytes = Array(name.utf8)
        let local = le32(0x0403_4b50) + le16(20) + le16(0) + le16(8) + le16(0) + le16(0) + le32(Int(crc))
            + le32(data.count) + le32(uncompressed) + le16(nameBytes.count) + le16(0) + nameBytes
        let central = le32(0x0201_4b50) + le16(20) + le16(20) + le16(0) + le16(8) + le16(0) + le16(0) + le32(Int(crc))
            + le32(data.count) + le32(uncompressed) + le16(nameBytes.count) + le16(0) + le16(0) + le16(0) + le16(0)
            + le32(0) + le32(0) + nameBytes
        let end = le32(0x0605_4b50) + le16(0) + le16(0) + le16(1) + le16(1) + le32(central.count)
            + le32(local.count + data.count) + le16(0)
        return local + data + central + end
    }

    /// An .npz whose member `features.npy` says `shape` (f4) and inflates to `total` bytes.
    static func npzBomb(shape: [Int], total: Int) throws -> String {
        let data = deflatedZeros(prefix: TensorFileWriter.npyHeader(shape), total: total)
        let path = TensorFileWriter.temporaryPath(".npz")
        try Data(zip(member: "features.npy", deflated: data, uncompressed: total, crc: 0)).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A .safetensors file listing `count` one-element F32 tensors.
    static func manyTensors(_ count: Int) throws -> String {
        var header = "{"
        header.reserveCapacity(count * 64)
        for index in 0 ..< count {
            if index > 0 { header += "," }
            header += "\"t\(index)\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[\(4 * index),\(4 * index + 4)]}"
        }
        header += "}"
        var bytes = Array(header.utf8)
        var length = UInt64(bytes.count).littleEndian
        bytes = withUnsafeBytes(of: &length) { Array($0) } + bytes + [UInt8](repeating: 0, count: 4 * count)
        let path = TensorFileWriter.temporaryPath(".safetensors")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
