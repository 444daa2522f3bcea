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

    /// The file-name extensions that name the format, lowercase (shell completion offers them too).
    public var pathExtensions: [String] {
        switch self {
        case .npy: ["npy"]
        case .npz: ["npz"]
        case .safetensors: ["safetensors"]
        case .netpbm: ["pgm", "ppm", "pnm"]
        }
    }

    /// The format a file name's extension names, or nil for an unknown extension.
    public init?(pathExtension: String) {
        let lowered = pathExtension.lowercased()
        guard let format = Self.allCases.first(where: { $0.pathExtensions.contains(lowered) }) else { return nil }
        self = format
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
