/// Reads `.safetensors` files: an 8-byte little-endian header length, a JSON header naming each
/// tensor's dtype, shape and byte range, then the raw little-endian data.
///
/// Validated as the reference library does, with a smaller header: at most 16 MiB (the library
/// allows 100 MB; 16 MiB holds the entries of `SafetensorsHeader.maxTensors` tensors several times
/// over, and keeps what a hostile header costs within the memory bound) listing at most
/// `SafetensorsHeader.maxTensors` tensors; sorted by offset, the tensors' byte ranges start
/// at 0, follow each other without overlap or hole and end exactly at the end of the data; each
/// range holds exactly dtype × shape bytes. Tensors are returned in data order, each decoded a
/// piece at a time from the file into its storage; together they stay under the cap.
enum SafetensorsReader {
    /// The largest JSON header accepted (the header is read whole, so this is what it may cost).
    static let maxHeaderBytes = 16 << 20

    /// Whether `bytes`, the start of a file of `size` bytes, looks like a safetensors file: a
    /// plausible header length, then `{`.
    static func matches(_ bytes: UnsafeRawBufferPointer, size: Int) -> Bool {
        guard bytes.count >= 10 else { return false }
        let length = bytes.loadUnaligned(as: UInt64.self).littleEndian
        return length >= 2 && length <= UInt64(size - 8) && bytes[8] == UInt8(ascii: "{")
    }

    /// The tensors of the file in `source`; `maxBytes` caps their decoded size, each and together.
    static func read(_ source: some ByteSource, maxBytes: Int) throws(ReadProblem) -> [(String, Tensor)] {
        guard source.size >= 8 else { throw ReadProblem("is truncated: a .safetensors file starts with an 8-byte header length") }
        let claimed = try source.bytes(at: 0, count: 8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self).littleEndian }
        guard claimed <= UInt64(source.size - 8) else {
            throw ReadProblem("is truncated: the .safetensors header claims \(claimed) bytes but the file has \(source.size - 8) after the length")
        }
        guard claimed <= UInt64(maxHeaderBytes) else {
            throw ReadProblem("has a \(claimed)-byte .safetensors header, over the \(maxHeaderBytes)-byte limit")
        }
        let headerLength = Int(claimed)
        let header = try source.bytes(at: 8, count: headerLength).readingBytes { bytes throws(ReadProblem) in
            try SafetensorsHeader(bytes)
        }
        let dataStart = 8 + headerLength
        let layout = try plan(header.entries, dataLength: source.size - dataStart, maxBytes: maxBytes)
        var found: [(String, Tensor)] = []
        for tensor in layout {
            let values = try NPYReader.decode(source, at: dataStart + tensor.begin, count: tensor.count, type: tensor.type)
            found.append((tensor.name, Tensor(shape: tensor.shape, values: values, dtype: tensor.type.name)))
        }
        return found
    }

    /// One tensor checked and placed.
    struct Placed {
        var name: String
        var type: ElementType
        var shape: [Int]
        var count: Int
        var begin: Int
        var end: Int
    }

    /// Checks every entry and the layout as a whole, returning the tensors in data order.
    static func plan(_ entries: [SafetensorsHeader.Entry], dataLength: Int, maxBytes: Int) throws(ReadProblem) -> [Placed] {
        var placed: [Placed] = []
        placed.reserveCapacity(entries.count)
        var decodedBytes = 0
        for entry in entries {
            let name = entry.name
            guard entry.dtype != nil || entry.shape != nil || entry.offsets != nil || entry.badShape || entry.badOffsets else {
                throw ReadProblem("tensor '\(name)' has no dtype/shape/data_offsets entry in the header")
            }
            guard let dtypeName = entry.dtype else { throw ReadProblem("tensor '\(name)' has no dtype") }
            guard let type = ElementType(safetensors: dtypeName) else {
                throw ReadProblem("tensor '\(name)' has unsupported dtype '\(dtypeName)' (supported: F16 BF16 F32 F64 I8 I16 I32 I64 U8 U16 U32 U64 BOOL)")
            }
            guard let shape = entry.shape else { throw ReadProblem("tensor '\(name)' has no valid shape (a list of integers)") }
            guard let offsets = entry.offsets, offsets.count == 2, offsets[0] >= 0, offsets[1] >= 0 else {
                throw ReadProblem("tensor '\(name)' has no valid data_offsets (two non-negative integers)")
            }
            let count: Int
            switch ReadLimits.elementCount(of: shape, maxBytes: maxBytes) {
            case .success(let value): count = value
            case .failure(let problem): throw ReadProblem("tensor '\(name)': \(problem.message(shape: shape))")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin <= end else {
                throw ReadProblem("tensor '\(name)' has data_offsets [\(begin), \(end)], which end before they begin (invalid offset)")
            }
            guard end <= dataLength else {
                throw ReadProblem("tensor '\(name)' has data_offsets [\(begin), \(end)] outside the \(dataLength)-byte data section (the header lies or the file is truncated)")
            }
            let (needed, overflow) = count.multipliedReportingOverflow(by: type.size)
            guard !overflow, needed == end - begin else {
                throw ReadProblem("tensor '\(name)' has \(end - begin) data bytes but shape \(NPYReader.describe(shape)) of \(dtypeName) needs \(overflow ? "more" : String(needed))")
            }
            decodedBytes += count * MemoryLayout<Float>.size
            guard decodedBytes <= maxBytes else {
                throw ReadProblem("needs \(decodedBytes)+ bytes as Float32 for its tensors together, over the \(maxBytes)-byte limit (raise it with \(ReadLimits.environmentVariable))")
            }
            placed.append(Placed(name: name, type: type, shape: shape, count: count, begin: begin, end: end))
        }
        guard !placed.isEmpty else { throw ReadProblem("holds no tensors") }
        placed.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var covered = 0
        var previous: Placed?
        for tensor in placed {
            if tensor.begin < covered, let previous {
                throw ReadProblem("tensor '\(tensor.name)' (bytes \(tensor.begin)–\(tensor.end)) overlaps tensor '\(previous.name)' (bytes \(previous.begin)–\(previous.end)); tensors may not share bytes (invalid offset)")
            }
            if tensor.begin > covered {
                let after = previous.map { "after tensor '\($0.name)' " } ?? "at the start "
                throw ReadProblem("has \(tensor.begin - covered) bytes \(after)of the data section that belong to no tensor (bytes \(covered)–\(tensor.begin)); the tensors must cover it without holes (invalid offset)")
            }
            covered = tensor.end
            previous = tensor
        }
        guard covered == dataLength else {
            throw ReadProblem("has \(dataLength - covered) bytes after its last tensor that belong to no tensor (the tensors cover \(covered) of the \(dataLength) data bytes; invalid offset)")
        }
        return placed
    }
}
