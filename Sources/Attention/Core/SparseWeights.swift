/// A weight map stored as its possibly nonzero entries, in row-major order; every other weight is 0.
///
/// `indices` is strictly increasing and inside `0..<count`, so a pixel has at most one entry
/// and the entries can be read in the order a dense scan would meet them. An entry may hold 0
/// (a bilinear corner with weight 0) or NaN.
public struct SparseWeights: Sendable, Equatable {
    /// The number of pixels H·W.
    public let count: Int
    /// The row-major indices of the entries, strictly increasing.
    public let indices: [Int]
    /// The weight of each entry.
    public let values: [Float]

    /// A map of `count` pixels holding `values` at `indices` (strictly increasing, in `0..<count`).
    public init(count: Int, indices: [Int], values: [Float]) {
        precondition(indices.count == values.count, "sparse weights need one value per index")
        assert(zip(indices, indices.dropFirst()).allSatisfy { $0 < $1 }, "sparse indices must increase")
        assert(indices.first.map { $0 >= 0 } ?? true && indices.last.map { $0 < count } ?? true,
               "sparse indices must lie on the map")
        self.count = count
        self.indices = indices
        self.values = values
    }

    /// An all-zero map of `count` pixels.
    public init(count: Int) {
        self.init(count: count, indices: [], values: [])
    }

    /// The map that `dense[i] += values[k]` for k in order would leave, starting from zeros:
    /// contributions to one pixel are summed in Float in the order given, as a dense scatter does.
    /// `indices` may repeat and come in any order; each must lie in `0..<count`.
    public init(count: Int, accumulating indices: [Int], _ values: [Float]) {
        precondition(indices.count == values.count, "sparse weights need one value per index")
        let n = indices.count
        // Sort keys (index, k) packed as index·2^shift + k: unique, so any sort keeps each
        // pixel's contributions in their given order.
        let shift = UInt64(Swift.max(1, Int.bitWidth - n.leadingZeroBitCount))
        precondition(count <= 1 << (63 - Int(shift)), "map too large for packed sparse keys")
        var keys = [UInt64](unsafeUninitializedCapacity: n) { out, initialized in
            for k in 0..<n { out[k] = UInt64(indices[k]) << shift | UInt64(k) }
            initialized = n
        }
        if n <= 48 {
            // Insertion sort: a kernel's corners arrive nearly ordered.
            keys.withUnsafeMutableBufferPointer { a in
                for i in 1..<Swift.max(1, n) {
                    let key = a[i]
                    var j = i
                    while j > 0, a[j - 1] > key { a[j] = a[j - 1]; j -= 1 }
                    a[j] = key
                }
            }
        } else {
            keys.sort()
        }
        let mask = UInt64(1) << shift - 1
        var mergedIndices: [Int] = [], mergedValues: [Float] = []
        mergedIndices.reserveCapacity(n)
        mergedValues.reserveCapacity(n)
        for key in keys {
            let i = Int(key >> shift), k = Int(key & mask)
            if mergedIndices.last == i {
                mergedValues[mergedValues.count - 1] += values[k]
            } else {
                mergedIndices.append(i)
                mergedValues.append(0 + values[k])  // 0 + (−0) is +0, as in a zeroed dense map
            }
        }
        self.init(count: count, indices: mergedIndices, values: mergedValues)
    }

    /// The weight of the pixel at row-major `index` (binary search; 0 without an entry).
    public subscript(index: Int) -> Float {
        var low = 0, high = indices.count
        while low < high {
            let mid = (low + high) / 2
            if indices[mid] < index { low = mid + 1 } else { high = mid }
        }
        return low < indices.count && indices[low] == index ? values[low] : 0
    }

    /// Every weight in a row-major array (allocates and fills `count` floats: O(H·W)).
    public func dense() -> [Float] {
        var out = [Float](repeating: 0, count: count)
        for (i, v) in zip(indices, values) { out[i] = v }
        return out
    }
}
