/// How a field holds its H×W weight map: every weight, or only the ones that can be nonzero.
///
/// Most mechanisms fill a large part of the map and store it densely. The sampling mechanisms
/// (dcn, dat) touch at most four pixels per sample — 196 of 65 536 at 256×256 with DAT's 49
/// points — so they store just those entries: zeroing and scanning a dense map would cost more
/// than the whole query. Readers that need every weight in an array (the `weights` JSON and
/// `.npy` writers, tests) call `dense()` once; per-pixel reads use the subscript, which is a
/// binary search for sparse maps, and the renderer pools sparse entries directly.
public enum FieldWeights: Sendable {
    /// `M[row·W + col]` for every pixel.
    case dense([Float])
    /// The entries that may be nonzero; every other weight is 0.
    case sparse(SparseWeights)

    /// The number of pixels H·W.
    public var count: Int {
        switch self {
        case let .dense(values): return values.count
        case let .sparse(entries): return entries.count
        }
    }

    /// The weight of the pixel at row-major `index` (O(log n) for a sparse map).
    @inlinable
    public subscript(index: Int) -> Float {
        switch self {
        case let .dense(values): return values[index]
        case let .sparse(entries): return entries[index]
        }
    }

    /// Every weight in a row-major array.
    ///
    /// For a sparse map this allocates and fills H·W floats on every call (O(H·W)): call it once
    /// per field where a whole array is needed, never per pixel.
    public func dense() -> [Float] {
        switch self {
        case let .dense(values): return values
        case let .sparse(entries): return entries.dense()
        }
    }

    /// The bytes the weights occupy.
    public var bytes: Int {
        switch self {
        case let .dense(values): return values.count * MemoryLayout<Float>.stride
        case let .sparse(entries):
            return entries.indices.count * MemoryLayout<Int>.stride + entries.values.count * MemoryLayout<Float>.stride
        }
    }
}
