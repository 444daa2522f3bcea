/// An n-dimensional array of Float values read from a file, in C (row-major) order.
///
/// Readers convert every dtype to Float by value (integers and bools unscaled), keep the
/// original dtype name for `info`, and never allocate from a size a header merely claims.
public struct Tensor: Sendable, Equatable {
    /// The dimensions, outermost first.
    public var shape: [Int]
    /// The values in row-major order; `values.count` is the product of `shape`.
    public var values: [Float]
    /// The dtype as the file named it, in NumPy's spelling (`f4`, `u1`, `b1`, `bf16`, …); big-endian
    /// types carry a `>` prefix (`>f4`).
    public var dtype: String

    /// Creates a tensor; `values.count` must equal the product of `shape`.
    public init(shape: [Int], values: [Float], dtype: String = "f4") {
        precondition(shape.reduce(1, *) == values.count, "tensor shape does not match its values")
        self.shape = shape
        self.values = values
        self.dtype = dtype
    }

    /// The number of elements.
    public var count: Int { values.count }

    /// The same tensor with leading dimensions of size 1 removed (at least one dimension is kept).
    public func droppingLeadingUnitDimensions() -> Tensor {
        var copy = self
        while copy.shape.count > 1, copy.shape[0] == 1 { copy.shape.removeFirst() }
        return copy
    }

    /// The shape written the way messages and `info` print it, e.g. `64×32×32`.
    public var shapeDescription: String { shape.map(String.init).joined(separator: "×") }
}

/// The named tensors of one file, in the order the file lists them.
public struct TensorArchive: Sendable {
    /// The file the tensors came from, as the user named it.
    public var path: String
    /// Tensor names in file order (`.npy` and images hold one, named `features`).
    public var names: [String]
    /// The tensors by name.
    public var tensors: [String: Tensor]
    /// The format the file was read as.
    public var format: TensorFileFormat

    /// Creates an archive from named tensors in order.
    public init(path: String, entries: [(String, Tensor)], format: TensorFileFormat = .npy) {
        self.path = path
        self.format = format
        self.names = entries.map(\.0)
        self.tensors = Dictionary(entries, uniquingKeysWith: { first, _ in first })
    }

    /// The tensor called `name`; or, when `name` is nil, `features` if present, else the only one.
    public func tensor(named name: String?) throws -> Tensor {
        if let name {
            guard let t = tensors[name] else {
                throw FeatureMapError.missingTensor(path: path, name: name, available: names)
            }
            return t
        }
        if let t = tensors["features"] { return t }
        if names.count == 1, let t = tensors[names[0]] { return t }
        throw FeatureMapError.ambiguousTensor(path: path, available: names)
    }
}
