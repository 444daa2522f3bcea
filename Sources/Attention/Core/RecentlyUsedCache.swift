/// A least-recently-used cache bounded by an entry count and a byte budget.
///
/// `AttentionEngine` keeps its prepared mechanisms here: some hold caches as large as the map
/// (axial's height-pass outputs, criss-cross pass outputs), so a count limit alone would let
/// twelve of them use twelve maps' worth of memory. The entry used last is never evicted, even
/// when it alone is over budget — it is the one the user is looking at.
struct RecentlyUsedCache<Key: Hashable, Value> {
    /// The most entries kept.
    public var capacity: Int
    /// The most bytes kept (as `bytes` reports them), the most recent entry excepted.
    public var budget: Int
    /// How many bytes an entry holds now (it may grow after it is inserted, so it is asked again).
    public let bytes: (Value) -> Int
    private var entries: [Key: Value] = [:]
    /// Keys from least to most recently used.
    private var order: [Key] = []
    /// The most recently used entry, so that asking for it again (every keystroke) costs one
    /// key comparison instead of a hash and a reorder.
    private var mostRecentKey: Key?
    /// The value of `mostRecentKey` (kept apart: a tuple would be copied through the runtime).
    private var mostRecentValue: Value?

    /// An empty cache of at most `capacity` entries and `budget` bytes.
    public init(capacity: Int, budget: Int, bytes: @escaping (Value) -> Int) {
        self.capacity = capacity
        self.budget = budget
        self.bytes = bytes
    }

    /// The keys, least recently used first.
    public var keys: [Key] { order }

    /// The bytes held by every entry, as they report them now.
    public var totalBytes: Int { entries.values.reduce(0) { $0 + bytes($1) } }

    /// The value for `key`, marking it most recently used; nil when absent.
    public mutating func value(for key: Key) -> Value? {
        if mostRecentKey == key, let value = mostRecentValue { return value }
        guard let hit = entries[key] else { return nil }
        touch(key)
        mostRecentKey = key
        mostRecentValue = hit
        return hit
    }

    /// Stores `value` as the most recently used entry, then evicts; returns the evicted keys.
    @discardableResult
    public mutating func insert(_ value: Value, for key: Key) -> [Key] {
        entries[key] = value
        touch(key)
        mostRecentKey = key
        mostRecentValue = value
        return evict()
    }

    /// Drops least recently used entries until the count and the bytes fit; the most recent one
    /// always stays. Call it again when entries may have grown. Returns the evicted keys.
    @discardableResult
    public mutating func evict() -> [Key] {
        var evicted: [Key] = []
        var total = totalBytes
        while order.count > 1, order.count > max(capacity, 1) || total > budget {
            let key = order.removeFirst()
            if let gone = entries.removeValue(forKey: key) { total -= bytes(gone) }
            evicted.append(key)
        }
        return evicted
    }

    /// Empties the cache.
    public mutating func removeAll() {
        entries.removeAll()
        order.removeAll()
        mostRecentKey = nil
        mostRecentValue = nil
    }

    private mutating func touch(_ key: Key) {
        if let i = order.firstIndex(of: key) { order.remove(at: i) }
        order.append(key)
    }
}
