/// The height-pass work of the rows axial attention used last, within a byte budget.
///
/// Everything a query needs depends only on its row, and the height pass of a row costs two
/// sweeps over the whole map (its logits, then its outputs y), while a query on a cached row
/// costs O(H·W) for the composed map alone. A user walks up and down and comes back, so rows
/// are kept until their bytes pass the budget; then the least recently used row goes. At least
/// one row (the one in use) is always kept.
struct AxialRowCache {
    /// The most bytes the cached rows may hold (the row in use excepted).
    let budget: Int
    /// Bytes the cached rows hold now.
    private(set) var bytes = 0
    /// How many rows are cached now.
    private(set) var count = 0
    /// Row i's work, when cached.
    private var rows: [AxialAttention.RowWork?]
    /// When row i was last used (a counter of lookups), for eviction.
    private var lastUse: [Int]
    private var clock = 0

    /// An empty cache for a map of `height` rows that keeps at most `budget` bytes.
    init(height: Int, budget: Int) {
        self.budget = budget
        rows = [AxialAttention.RowWork?](repeating: nil, count: height)
        lastUse = [Int](repeating: 0, count: height)
    }

    /// Row `i`'s work, marking it most recently used; nil when not cached.
    mutating func work(for i: Int) -> AxialAttention.RowWork? {
        guard let hit = rows[i] else { return nil }
        clock += 1
        lastUse[i] = clock
        return hit
    }

    /// Stores row `i`'s work as the most recently used, then drops the least recently used rows
    /// until the bytes fit the budget (never `i` itself).
    mutating func insert(_ work: AxialAttention.RowWork, for i: Int) {
        if let old = rows[i] {
            bytes -= old.bytes
            count -= 1
        }
        rows[i] = work
        bytes += work.bytes
        count += 1
        clock += 1
        lastUse[i] = clock
        while bytes > budget, count > 1 {
            // Eviction runs only after a row was computed (two sweeps over the map), so a linear
            // search for the oldest row costs nothing that shows.
            var oldest = -1
            for r in rows.indices where r != i && rows[r] != nil {
                if oldest < 0 || lastUse[r] < lastUse[oldest] { oldest = r }
            }
            guard oldest >= 0, let gone = rows[oldest] else { break }
            bytes -= gone.bytes
            count -= 1
            rows[oldest] = nil
        }
    }

    /// Whether row `i` is cached (without marking it used).
    func contains(_ i: Int) -> Bool { rows[i] != nil }
}
