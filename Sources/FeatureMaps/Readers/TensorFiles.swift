import Foundation

/// Reads every tensor of a file, whatever its format.
///
/// Used for feature maps and for auxiliary files (projections, offsets, positions, bias
/// tables), so it returns each tensor with its full shape, nothing dropped or reinterpreted.
public enum TensorFiles {
    /// Reads all tensors of a .npy, .npz, .safetensors or PGM/PPM file.
    ///
    /// The format comes from the extension; a file whose extension is unknown or whose content
    /// contradicts it is recognised by its magic bytes. A .npy or image holds one tensor named
    /// `features`. Every problem is one `FeatureMapError` line naming the file.
    public static func read(_ path: String) throws -> TensorArchive {
        try read(path, maxBytes: ReadLimits.maxBytes)
    }

    /// Reads all tensors of a file, refusing any tensor over `maxBytes` decoded bytes.
    public static func read(_ path: String, maxBytes: Int) throws -> TensorArchive {
        let file = try OpenedFile(path, maxBytes: maxBytes)
        let head = try file.bytes(prefix: 1 << 16)
        // Native-order f4 .npy data is read straight into the Float array (no byte copy).
        if let tensor = try NPYReader.readDirect(file, head: head, maxBytes: maxBytes) {
            return TensorArchive(path: path, entries: [("features", tensor)], format: .npy)
        }
        return try decode(file, head: head, path: path, maxBytes: maxBytes)
    }

    /// Decodes the file contents `bytes` as if read from `path` (used by tests and fuzzing).
    public static func decode(_ bytes: [UInt8], path: String, maxBytes: Int = ReadLimits.maxBytes) throws(FeatureMapError) -> TensorArchive {
        try decode(MemoryBytes(bytes: bytes), head: Array(bytes.prefix(1 << 16)), path: path, maxBytes: maxBytes)
    }

    /// Decodes the file in `source`, whose first bytes are `head`, read a piece at a time.
    static func decode(_ source: some ByteSource, head: [UInt8], path: String, maxBytes: Int) throws(FeatureMapError) -> TensorArchive {
        if source.size == 0 { throw .invalidFile(path: path, problem: "is empty") }
        let byExtension = TensorFileFormat(pathExtension: (path as NSString).pathExtension)
        let sniffed = head.withUnsafeBytes { TensorFileFormat.sniff($0, size: source.size) }
        // Magic bytes win over a wrong extension; the extension decides when there is no magic
        // (so its reader can say what is wrong).
        guard let format = sniffed ?? byExtension else {
            throw .invalidFile(path: path, problem: "is not a recognised tensor file (expected .npy, .npz, .safetensors, .pgm or .ppm content)")
        }
        do throws(ReadProblem) {
            switch format {
            case .npy:
                return TensorArchive(path: path, entries: [("features", try NPYReader.read(source, maxBytes: maxBytes))], format: .npy)
            case .npz:
                return TensorArchive(path: path, entries: try NPZReader.read(source, maxBytes: maxBytes), format: .npz)
            case .safetensors:
                return TensorArchive(path: path, entries: try SafetensorsReader.read(source, maxBytes: maxBytes), format: .safetensors)
            case .netpbm:
                // Pictures are read whole: one to six bytes per sample, decoded to four.
                let bytes = try source.bytes(at: 0, count: source.size)
                let tensor = try bytes.readingBytes { buffer throws(ReadProblem) in try NetpbmReader.read(buffer, maxBytes: maxBytes) }
                return TensorArchive(path: path, entries: [("features", tensor)], format: .netpbm)
            }
        } catch {
            throw error.error(for: path)
        }
    }
}
