/// Decodes packed elements arriving in pieces of any length (inflated chunks, file reads)
/// straight into the tensor's Float storage: no copy of the raw bytes is ever held.
///
/// An element split between two pieces waits in a few carried bytes.
struct ElementSink {
    private let out: UnsafeMutableBufferPointer<Float>
    private let type: ElementType
    private var carried: [UInt8] = []
    /// How many elements have been written.
    private(set) var decoded = 0

    /// Decodes into `out` (every element of it, once all bytes have come).
    init(_ out: UnsafeMutableBufferPointer<Float>, type: ElementType) {
        self.out = out
        self.type = type
        carried.reserveCapacity(type.size)
    }

    /// Whether every element has been decoded (and nothing is left over).
    var isComplete: Bool { decoded == out.count && carried.isEmpty }

    /// Decodes `piece`; throws when it holds more than the elements left.
    mutating func take(_ piece: UnsafeRawBufferPointer) throws(ReadProblem) {
        var piece = piece[...]
        if !carried.isEmpty {
            let needed = type.size - carried.count
            let taken = min(needed, piece.count)
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
        ElementDecoder.fill(UnsafeMutableBufferPointer(rebasing: out[decoded ..< decoded + count]), from: bytes, count: count, type: type)
        decoded += count
    }
}
