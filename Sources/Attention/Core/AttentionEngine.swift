import FeatureMaps

/// Makes mechanisms for a map and caches them per settings, so that query-independent work is
/// done once per (map, mode, settings) and reused for every query.
///
/// At most `capacity` mechanisms are kept, and at most `cacheBudget` bytes of their caches
/// (`Mechanism.cacheBytes`); the least recently used go first, the one in use never.
public final class AttentionEngine {
    /// The feature map every mechanism reads.
    public let map: FeatureMap
    /// Loaded tensors (projections, offsets, tables).
    public let inputs: AttentionInputs
    /// How the mechanisms may use the machine (cores; the instruction set and allocator it
    /// selected when made).
    public let runtime: RuntimeConfiguration
    private var cache: RecentlyUsedCache<CacheKey, any Mechanism>

    private struct CacheKey: Hashable {
        var mode: Mode
        var settings: AttentionSettings
    }

    /// How many prepared mechanisms to keep; the least recently used are dropped first.
    public var capacity: Int {
        get { cache.capacity }
        set { cache.capacity = newValue; cache.evict() }
    }

    /// How many bytes of mechanism caches to keep (default: half the map's bytes, at least 8 MB),
    /// so that memory stays near 1.5× the map whatever the user switches between.
    public var cacheBudget: Int {
        get { cache.budget }
        set { cache.budget = newValue; cache.evict() }
    }

    /// The bytes the cached mechanisms hold now.
    public var cachedBytes: Int { cache.totalBytes }

    /// How many mechanisms are cached now.
    public var cachedCount: Int { cache.keys.count }

    /// Creates an engine over `map` with loaded `inputs`, using the machine as `runtime` says
    /// (its instruction set and allocator tuning, when given, are applied for the process).
    public init(map: FeatureMap, inputs: AttentionInputs = AttentionInputs(),
                runtime: RuntimeConfiguration = RuntimeConfiguration()) {
        runtime.applyProcessSettings()
        self.map = map
        self.inputs = inputs
        self.runtime = runtime
        cache = RecentlyUsedCache(capacity: 12, budget: AttentionEngine.defaultCacheBudget(mapBytes: map.data.count * MemoryLayout<Float>.size),
                                  bytes: { $0.cacheBytes })
    }

    /// The default `cacheBudget` for a map of `mapBytes`: half of it, at least 8 MB. A mechanism
    /// that sizes a lazy cache (axial's rows) stays within it, so it never evicts the others alone.
    public static func defaultCacheBudget(mapBytes: Int) -> Int {
        max(mapBytes / 2, 8 << 20)
    }

    /// The mechanism for `mode` and `settings`, made on first use and then reused.
    public func mechanism(_ mode: Mode, settings: AttentionSettings) throws -> any Mechanism {
        let (mechanism, made) = try lookUp(mode, settings: settings)
        if !made { cache.evict() }  // caches may have grown since the last call
        return mechanism
    }

    /// The cached mechanism for `mode` and `settings`, or a new one (inserted, and the cache
    /// evicted); `made` tells which. A hit leaves eviction to the caller.
    private func lookUp(_ mode: Mode, settings: AttentionSettings) throws -> (mechanism: any Mechanism, made: Bool) {
        var key = CacheKey(mode: mode, settings: settings)
        key.settings.step = nil  // the step picks a view; it does not change the prepared work
        if let hit = cache.value(for: key) { return (hit, false) }
        let made = try Mechanisms.make(mode, map: map, settings: key.settings, inputs: inputs.inputs(for: mode), runtime: runtime)
        cache.insert(made, for: key)
        return (made, true)
    }

    /// The field of `query` under `mode` and `settings`.
    public func field(_ mode: Mode, at query: Position, settings: AttentionSettings) throws -> AttentionField {
        guard query.row >= 0, query.row < map.height, query.col >= 0, query.col < map.width else {
            throw AttentionError.queryOutsideMap(query: query, height: map.height, width: map.width)
        }
        let mechanism = try lookUp(mode, settings: settings).mechanism
        let bytesBefore = mechanism.cacheBytes
        var field = try mechanism.field(at: query, step: settings.step)
        // The query may have filled lazy caches (pass outputs, row work): then the budget is
        // checked again. Asking every cached mechanism for its bytes on every keystroke would
        // cost more than a whole dat query; a made mechanism was checked when it was inserted.
        if mechanism.cacheBytes != bytesBefore { cache.evict() }
        if inputs.prefix != nil, Mechanisms.descriptor(for: mode)?.inputs.contains(.prefix) == false {
            field.notes.append("prefix tokens left out: \(mode.name) has no softmax over the whole sequence (global and lesa do)")
        }
        // NaN is computed as PyTorch would; say why it appeared (first note).
        if NonFiniteDiagnosis.applies(to: field) {
            let diagnosis = NonFiniteDiagnosis(map: map, inputs: inputs, settings: settings)
            if let note = diagnosis.note(for: field, scan: { nonFiniteScan }) { field.notes.insert(note, at: 0) }
        }
        return field
    }

    /// The field of prefix token `token` (class, register: `--query token:i`) under `mode`: its
    /// row of the softmax over the whole sequence, for the modes that have one (global, lesa).
    public func field(_ mode: Mode, prefixToken token: Int, settings: AttentionSettings) throws -> AttentionField {
        // Loaded attention counts its prefix tokens itself (N − H·W) when no prefix file says.
        let own = mode.descriptor.inputs.contains(.attention) && inputs.attention != nil
            ? (try lookUp(mode, settings: settings).mechanism as? any PrefixQuerying)?.prefixCount : nil
        guard let count = PrefixTokens.count(in: inputs) ?? own.flatMap({ $0 > 0 ? $0 : nil }) else {
            throw AttentionError.limit(mode: mode, problem: PrefixQuery.noPrefixTokens)
        }
        guard token >= 0, token < count else { throw AttentionError.limit(mode: mode, problem: PrefixQuery.outOfRange(token, count: count)) }
        let mechanism = try lookUp(mode, settings: settings).mechanism
        guard let prefixed = mechanism as? any PrefixQuerying, prefixed.prefixCount > 0 else {
            throw AttentionError.limit(mode: mode, problem: "has no softmax over the whole sequence, so a prefix token cannot be the query (global and lesa can)")
        }
        let bytesBefore = mechanism.cacheBytes
        let field = try prefixed.field(atPrefixToken: token)
        if mechanism.cacheBytes != bytesBefore { cache.evict() }
        return field
    }

    /// The map's non-finite values, scanned on first need.
    private lazy var nonFiniteScan = NonFiniteDiagnosis.MapScan(map)
}
