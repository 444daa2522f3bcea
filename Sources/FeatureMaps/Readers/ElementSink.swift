/// Decodes packed elements arriving in pieces of any length (inflated chunks, file reads)
/// straight into the tensor's Float storage: no copy of the raw bytes, nor of the tensor, is
/// ever held.
///
/// An element split between two pieces waits in a few carried bytes. Elements stored in Fortran
/// order are put at their C-order places as they come (no second, transposed array).
struct ElementSink {
    private let out: UnsafeMutableBufferPointer<Float>
    private let type: ElementType
    private var carried: [UInt8] = []
    /// How many elements have been written.
    private(set) var decoded = 0
    /// For Fortran order: where the next element goes, and how to move on.
    private var placement: FortranPlacement?

    /// Decodes into `out` (every element of it, once all bytes have come); with `fortranShape`,
    /// the elements arrive in Fortran order for that shape and are stored in C order.
    init(_ out: UnsafeMutableBufferPointer<Float>, type: ElementType, fortranShape: [Int]? = nil) {
        self.out = out
        self.type = type
        carried.reserveCapacity(type.size)
        if let fortranShape, fortranShape.count > 1, out.count > 1 { placement = FortranPlacement(shape: fortranShape) }
    }

    /// Whether every element has been decoded (and nothing is left over).
    var isComplete: Bool { decoded == out.count && carried.isEmpty }

    /// Decodes `piece`; throws when it holds more than the elements left.
    mutating func take(_ piece: UnsafeRawBufferPointer) throws(ReadProblem) {
        var piece = piece[...]
        if !carried.isEmpty {
            let taken = min(type.size - carried.count, piece.count)
            carried.append(contentsOf: piece.prefix(taken))
            piece = piece.dropFirst(taken)
            guard carried.count == type.size else { return }
            let element = carried
            carried.removeAll(keepingCapacity: true)
            let result = element.withUnsafeBytes { raw in Result { () throws(ReadProblem) in try decode(raw, count: 1) } }
            try result.get()
        }
        let whole = piece.count / type.size
        if whole > 0 { try decode(UnsafeRawBufferPointer(rebasing: piece.prefix(whole * type.size)), count: whole) }
        carried.append(contentsOf: piece.dropFirst(whole * type.size))
        if decoded == out.count && !carried.isEmpty { throw ReadProblem("holds more data than its shape accounts for") }
    }

    private mutating func decode(_ bytes: UnsafeRawBufferPointer, count: Int) throws(ReadProblem) {
        guard count <= out.count - decoded else { throw ReadProblem("holds more data than its shape accounts for") }
        if placement == nil {
            ElementDecoder.fill(UnsafeMutableBufferPointer(rebasing: out[decoded ..< decoded + count]), from: bytes, count: count, type: type)
        } else {
            // Decode a batch at a time into a small buffer, then scatter to the C-order places.
            let batch = 4096
            withUnsafeTemporaryAllocation(of: Float.self, capacity: min(batch, count)) { scratch in
                var done = 0
                while done < count {
                    let n = min(scratch.count, count - done)
                    let source = UnsafeRawBufferPointer(rebasing: bytes[(done * type.size) ..< ((done + n) * type.size)])
                    ElementDecoder.fill(UnsafeMutableBufferPointer(rebasing: scratch[0 ..< n]), from: source, count: n, type: type)
                    for index in 0 ..< n { out[placement!.next()] = scratch[index] }
                    done += n
                }
            }
        }
        decoded += count
    }
}

/// Walks a shape in Fortran order (first axis fastest), giving each element's C-order offset.
struct FortranPlacement {
    private let shape: [Int]
    private var cStrides: [Int]
    private var index: [Int]
    private var offset = 0

    init(shape: [Int]) {
        self.shape = shape
        cStrides = [Int](repeating: 1, count: shape.count)
        for axis in stride(from: shape.count - 2, through: 0, by: -1) { cStrides[axis] = cStrides[axis + 1] * shape[axis + 1] }
        index = [Int](repeating: 0, count: shape.count)
    }

    /// The C-order offset of the current element; then moves to the next one.
    mutating func next() -> Int {
        let current = offset
        var axis = 0
        while axis < shape.count {
            index[axis] += 1
            offset += cStrides[axis]
            if index[axis] < shape[axis] { break }
            offset -= index[axis] * cStrides[axis]
            index[axis] = 0
            axis += 1
        }
        return current
    }
}
