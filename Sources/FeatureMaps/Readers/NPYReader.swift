/// Reads NumPy `.npy` arrays (format versions 1–3).
///
/// Supports dtypes `f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1`, either byte order, C or Fortran order,
/// any rank. The data size is checked against the header's shape, the file's length and the
/// decode cap before any allocation.
enum NPYReader {
    /// Whether `bytes` starts with the `.npy` magic.
    static func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 6 && zip(NPYHeader.magic, bytes.prefix(6)).allSatisfy { $0 == $1 }
    }

    /// The longest header read (NumPy writes well under 1 KiB; version 2 allows 4 GiB).
    static let maxHeaderBytes = 1 << 20

    /// Decodes the array in `source`, returning its values in C order; `maxBytes` caps the
    /// decoded size. The data is decoded a piece at a time straight into the tensor's storage.
    static func read(_ source: some ByteSource, maxBytes: Int) throws(ReadProblem) -> Tensor {
        let head = try source.bytes(at: 0, count: maxHeaderBytes)
        let header = try head.readingBytes { bytes throws(ReadProblem) in try NPYHeader.parse(bytes) }
        let count: Int
        switch ReadLimits.elementCount(of: header.shape, maxBytes: maxBytes) {
        case .success(let value): count = value
        case .failure(let problem): throw ReadProblem(problem.message(shape: header.shape))
        }
        let (needed, overflow) = count.multipliedReportingOverflow(by: header.type.size)
        let available = source.size - header.dataOffset
        if overflow || needed > available {
            throw ReadProblem("is truncated: shape \(describe(header.shape)) of \(header.type.name) needs \(overflow ? "more" : String(needed)) data bytes, the file has \(available)")
        }
        if needed < available {
            throw ReadProblem("has \(available - needed) bytes after the data that shape \(describe(header.shape)) of \(header.type.name) accounts for (the header lies about the size)")
        }
        let values = try decode(source, at: header.dataOffset, count: count, type: header.type,
                                fortranShape: header.fortranOrder ? header.shape : nil)
        return Tensor(shape: header.shape, values: values, dtype: header.type.name)
    }

    /// Decodes `count` elements of `type` at `offset` of `source` (the caller has checked they
    /// are there), reading a piece at a time; with `fortranShape` they are stored in Fortran
    /// order and come out in C order.
    static func decode(_ source: some ByteSource, at offset: Int, count: Int, type: ElementType,
                       fortranShape: [Int]? = nil) throws(ReadProblem) -> [Float] {
        var failure: ReadProblem?
        let values = FloatStorage.make(count: count) { out in
            var sink = ElementSink(out, type: type, fortranShape: fortranShape)
            do throws(ReadProblem) {
                try source.stream(at: offset, count: count * type.size) { piece throws(ReadProblem) in try sink.take(piece) }
            } catch {
                failure = error
                return 0
            }
            return count
        }
        if let failure { throw failure }
        return values
    }

    /// Reads a valid `.npy` file of native-order `f4` straight from `file` into the Float array,
    /// or returns nil (for any other dtype, or any problem, which the general path then reports).
    ///
    /// `head` is the start of the file; the whole header must lie within it.
    static func readDirect(_ file: OpenedFile, head: [UInt8], maxBytes: Int) throws(FeatureMapError) -> Tensor? {
        let parsed: NPYHeader? = head.withUnsafeBytes { bytes in
            matches(bytes) ? try? NPYHeader.parse(bytes) : nil
        }
        let hostIsLittleEndian = 1.littleEndian == 1
        // Fortran order goes through the general path, which places elements as it decodes them.
        guard let header = parsed, hostIsLittleEndian, !header.fortranOrder,
              header.type == ElementType(kind: .float, size: 4, bigEndian: false),
              case .success(let count) = ReadLimits.elementCount(of: header.shape, maxBytes: maxBytes),
              count > 0 else { return nil }
        let (needed, overflow) = count.multipliedReportingOverflow(by: 4)
        guard !overflow, needed == file.size - header.dataOffset else { return nil }
        var failure: FeatureMapError?
        let values = FloatStorage.make(count: count) { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            do throws(FeatureMapError) { try file.readNamed(into: UnsafeMutableRawPointer(base), count: needed, at: header.dataOffset) } catch {
                failure = error
                return 0
            }
            return count
        }
        if let failure { throw failure }
        return Tensor(shape: header.shape, values: values, dtype: header.type.name)
    }

    /// A shape as Python writes it, e.g. `(3, 4)`.
    static func describe(_ shape: [Int]) -> String {
        "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
    }
}
