/// One axis of a query's (dilated) neighbourhood, as NATTEN places it.
///
/// Dilation d splits the axis into d interleaved sub-grids (the indices ≡ r mod d). The query at
/// index i takes K consecutive positions of its own sub-grid, centred on it and shifted inward at
/// the sub-grid's ends (NATTEN's `get_window_start`, which counts in sub-grid steps). A sub-grid
/// shorter than K is taken whole. Along the axis the relative-position-bias index of a key is its
/// sub-grid offset from the query plus K − 1 (NATTEN's `get_pb_start` plus the key's step).
struct NeighborhoodAxis: Sendable, Equatable {
    /// The first key's index on the axis.
    let first: Int
    /// How many keys: min(K, the length of the query's sub-grid).
    let count: Int
    /// The distance between neighbouring keys (the dilation).
    let step: Int
    /// The bias-table index of the first key along this axis, in 0..<2K−1.
    let biasStart: Int

    /// The keys of `index` on an axis of `length` for kernel `kernel` and dilation `dilation` (all ≥ 1).
    init(index: Int, length: Int, kernel: Int, dilation: Int) {
        let residue = index % dilation, own = index / dilation
        let subLength = (length - residue + dilation - 1) / dilation
        count = min(kernel, subLength)
        let start = min(max(own - kernel / 2, 0), subLength - count)
        first = residue + dilation * start
        step = dilation
        biasStart = start - own + kernel - 1
    }

    /// The index of key `t` (0..<count) on the axis.
    func position(_ t: Int) -> Int { first + step * t }

    /// The last key's index.
    var last: Int { position(count - 1) }

    /// The axis's keys for every index.
    static func all(length: Int, kernel: Int, dilation: Int) -> [NeighborhoodAxis] {
        (0..<length).map { NeighborhoodAxis(index: $0, length: length, kernel: kernel, dilation: dilation) }
    }
}
