/// The file formats the readers understand.
public enum TensorFileFormat: String, Sendable, CaseIterable {
    /// A NumPy `.npy` array.
    case npy
    /// A NumPy `.npz` archive of arrays (stored or deflated).
    case npz
    /// A Hugging Face `.safetensors` file.
    case safetensors
    /// A Netpbm PGM (grey) or PPM (colour) image.
    case netpbm

    /// The format a file name's extension names, or nil for an unknown extension.
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "npy": self = .npy
        case "npz": self = .npz
        case "safetensors": self = .safetensors
        case "pgm", "ppm", "pnm": self = .netpbm
        default: return nil
        }
    }

    /// The format whose magic bytes start `bytes` (the first bytes of a file of `size` bytes), or nil.
    static func sniff(_ bytes: UnsafeRawBufferPointer, size: Int) -> TensorFileFormat? {
        if NPYReader.matches(bytes) { return .npy }
        if NPZReader.matches(bytes) { return .npz }
        if NetpbmReader.matches(bytes) { return .netpbm }
        if SafetensorsReader.matches(bytes, size: size) { return .safetensors }
        return nil
    }
}
