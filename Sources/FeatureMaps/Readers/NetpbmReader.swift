/// Reads Netpbm grey and colour images: PGM (`P2` plain, `P5` binary) and PPM (`P3`, `P6`).
///
/// 8-bit and 16-bit samples (16-bit binary samples are big-endian, as the format says); `#`
/// comments in the header. Pixel values convert by value (0…maxval, unscaled). A PGM gives an
/// H×W tensor; a PPM gives 3×H×W, channels first, so it reads the same under every `--layout`.
enum NetpbmReader {
    /// Whether `bytes` starts with a PGM/PPM magic (`P2`, `P3`, `P5`, `P6`).
    static func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && bytes[0] == UInt8(ascii: "P") && [UInt8(ascii: "2"), UInt8(ascii: "3"), UInt8(ascii: "5"), UInt8(ascii: "6")].contains(bytes[1])
    }

    /// Decodes the (first) image in `bytes`; `maxBytes` caps the decoded size.
    static func read(_ bytes: UnsafeRawBufferPointer, maxBytes: Int) throws(ReadProblem) -> Tensor {
        guard matches(bytes) else { throw ReadProblem("is not a PGM/PPM image (no P2, P3, P5 or P6 magic)") }
        let kind = bytes[1]
        let plain = kind == UInt8(ascii: "2") || kind == UInt8(ascii: "3")
        let channels = (kind == UInt8(ascii: "3") || kind == UInt8(ascii: "6")) ? 3 : 1
        var scanner = Scanner(bytes: bytes, position: 2)
        let width = try scanner.headerNumber("width")
        let height = try scanner.headerNumber("height")
        let maxValue = try scanner.headerNumber("maxval")
        guard width > 0, height > 0 else { throw ReadProblem("has an empty image size \(width)×\(height)") }
        guard maxValue >= 1, maxValue <= 65535 else {
            throw ReadProblem("has maxval \(maxValue); PGM/PPM allows 1…65535")
        }
        let shape = channels == 1 ? [height, width] : [height, width, channels]
        let count: Int
        switch ReadLimits.elementCount(of: shape, maxBytes: maxBytes) {
        case .success(let value): count = value
        case .failure(let problem): throw ReadProblem(problem.message(shape: shape))
        }
        var values: [Float]
        if plain {
            // Each plain sample takes at least one digit and one separator (but the last).
            guard count <= (bytes.count - scanner.position + 1) / 2 else {
                throw ReadProblem("is truncated: a \(width)×\(height) image needs \(count) samples")
            }
            values = [Float](repeating: 0, count: count)
            for index in 0 ..< count {
                guard let sample = scanner.plainNumber() else {
                    throw ReadProblem("is truncated or garbled after \(index) of \(count) samples")
                }
                guard sample <= maxValue else { throw ReadProblem("has sample \(sample) above maxval \(maxValue)") }
                values[index] = Float(sample)
            }
        } else {
            // Exactly one whitespace byte separates the maxval from the binary samples.
            guard scanner.position < bytes.count, scanner.isWhitespace(bytes[scanner.position]) else {
                throw ReadProblem("is truncated: no pixel data after the header")
            }
            let start = scanner.position + 1
            let sampleSize = maxValue < 256 ? 1 : 2
            let (needed, overflow) = count.multipliedReportingOverflow(by: sampleSize)
            guard !overflow, needed <= bytes.count - start else {
                throw ReadProblem("is truncated: a \(width)×\(height) image needs \(needed) data bytes, the file has \(bytes.count - start)")
            }
            let type = ElementType(kind: .unsigned, size: sampleSize, bigEndian: true)
            values = ElementDecoder.decode(bytes, offset: start, count: count, type: type)
            if maxValue < 255 || (sampleSize == 2 && maxValue < 65535) {
                if let sample = values.first(where: { $0 > Float(maxValue) }) {
                    throw ReadProblem("has sample \(Int(sample)) above maxval \(maxValue)")
                }
            }
        }
        if channels == 3 {
            values = AxisOrder.hwcToCHW(values, height: height, width: width, channels: 3)
            return Tensor(shape: [3, height, width], values: values, dtype: maxValue < 256 ? "u1" : ">u2")
        }
        return Tensor(shape: [height, width], values: values, dtype: maxValue < 256 ? "u1" : ">u2")
    }

    /// Walks the ASCII parts of a Netpbm file.
    private struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var position: Int

        func isWhitespace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d || byte == 0x0b || byte == 0x0c
        }

        /// Skips whitespace and `#` comments (which run to the end of the line).
        mutating func skipSeparators() {
            while position < bytes.count {
                let byte = bytes[position]
                if isWhitespace(byte) {
                    position += 1
                } else if byte == UInt8(ascii: "#") {
                    while position < bytes.count, bytes[position] != 0x0a, bytes[position] != 0x0d { position += 1 }
                } else {
                    return
                }
            }
        }

        /// A decimal number, or nil when none follows (or it exceeds 2³¹).
        mutating func plainNumber() -> Int? {
            skipSeparators()
            var value = 0, digits = 0
            while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
                value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
                digits += 1
                position += 1
                if value > Int(Int32.max) { return nil }
            }
            if digits == 0 { return nil }
            if position < bytes.count, !isWhitespace(bytes[position]), bytes[position] != UInt8(ascii: "#") { return nil }
            return value
        }

        /// A header field, or a problem naming it.
        mutating func headerNumber(_ field: String) throws(ReadProblem) -> Int {
            guard let value = plainNumber() else {
                throw ReadProblem("has a missing or invalid \(field) in its PGM/PPM header")
            }
            return value
        }
    }
}
