import Foundation

/// Reads `.safetensors` files: an 8-byte little-endian header length, a JSON header naming each
/// tensor's dtype, shape and byte range, then the raw little-endian data.
///
/// Tensors are returned in data order (by start offset, then name). Every byte range is checked
/// against the data buffer and against the shape before any allocation.
enum SafetensorsReader {
    /// The largest JSON header accepted (the reference implementation's limit too).
    static let maxHeaderBytes = 100_000_000

    /// Whether `bytes` looks like a safetensors file: a plausible length, then `{`.
    static func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 10 else { return false }
        let length = bytes.loadUnaligned(as: UInt64.self).littleEndian
        return length >= 2 && length <= UInt64(bytes.count - 8) && bytes[8] == UInt8(ascii: "{")
    }

    /// The tensors of the file in `bytes`; `maxBytes` caps each tensor's decoded size.
    static func read(_ bytes: UnsafeRawBufferPointer, maxBytes: Int) throws(ReadProblem) -> [(String, Tensor)] {
        guard bytes.count >= 8 else { throw ReadProblem("is truncated: a .safetensors file starts with an 8-byte header length") }
        let claimed = bytes.loadUnaligned(as: UInt64.self).littleEndian
        guard claimed <= UInt64(bytes.count - 8) else {
            throw ReadProblem("is truncated: the .safetensors header claims \(claimed) bytes but the file has \(bytes.count - 8) after the length")
        }
        guard claimed <= UInt64(maxHeaderBytes) else {
            throw ReadProblem("has a \(claimed)-byte .safetensors header, over the \(maxHeaderBytes)-byte limit")
        }
        let headerLength = Int(claimed)
        let headerData = Data(bytes[8 ..< 8 + headerLength])
        guard let object = try? JSONSerialization.jsonObject(with: headerData), let header = object as? [String: Any] else {
            throw ReadProblem("has an unreadable .safetensors header (not a JSON object)")
        }
        let dataStart = 8 + headerLength
        let dataLength = bytes.count - dataStart
        var found: [(name: String, begin: Int, tensor: Tensor)] = []
        for (name, value) in header where name != "__metadata__" {
            guard let fields = value as? [String: Any] else {
                throw ReadProblem("tensor '\(name)' has no dtype/shape/data_offsets entry in the header")
            }
            guard let dtypeName = fields["dtype"] as? String else {
                throw ReadProblem("tensor '\(name)' has no dtype")
            }
            guard let type = ElementType(safetensors: dtypeName) else {
                throw ReadProblem("tensor '\(name)' has unsupported dtype '\(dtypeName)' (supported: F16 BF16 F32 F64 I8 I16 I32 I64 U8 U16 U32 U64 BOOL)")
            }
            guard let shapeItems = fields["shape"] as? [Any], let shape = integers(shapeItems) else {
                throw ReadProblem("tensor '\(name)' has no valid shape (a list of integers)")
            }
            guard let offsetItems = fields["data_offsets"] as? [Any], let offsets = integers(offsetItems), offsets.count == 2 else {
                throw ReadProblem("tensor '\(name)' has no valid data_offsets (two integers)")
            }
            let count: Int
            switch ReadLimits.elementCount(of: shape, maxBytes: maxBytes) {
            case .success(let value): count = value
            case .failure(let problem): throw ReadProblem("tensor '\(name)': \(problem.message(shape: shape))")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end, end <= dataLength else {
                throw ReadProblem("tensor '\(name)' has data_offsets [\(begin), \(end)] outside the \(dataLength)-byte data section (the header lies or the file is truncated)")
            }
            let (needed, overflow) = count.multipliedReportingOverflow(by: type.size)
            guard !overflow, needed == end - begin else {
                throw ReadProblem("tensor '\(name)' has \(end - begin) data bytes but shape \(NPYReader.describe(shape)) of \(dtypeName) needs \(overflow ? "more" : String(needed))")
            }
            let values = ElementDecoder.decode(bytes, offset: dataStart + begin, count: count, type: type)
            found.append((name, begin, Tensor(shape: shape, values: values, dtype: type.name)))
        }
        guard !found.isEmpty else { throw ReadProblem("holds no tensors") }
        found.sort { ($0.begin, $0.name) < ($1.begin, $1.name) }
        return found.map { ($0.name, $0.tensor) }
    }

    /// The values of a JSON list as `Int`s, or nil when any is not an integer in range.
    private static func integers(_ items: [Any]) -> [Int]? {
        var result: [Int] = []
        for item in items {
            guard let number = item as? NSNumber else { return nil }
            let double = number.doubleValue
            // Reject fractions and values Int cannot hold.
            guard double.rounded() == double, double > -9.2e18, double < 9.2e18 else { return nil }
            result.append(number.intValue)
        }
        return result
    }
}
