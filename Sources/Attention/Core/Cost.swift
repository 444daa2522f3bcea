/// Multiply–adds and attention memory of a mechanism (docs/mechanisms.md, "Cost").
public struct Cost: Sendable, Equatable {
    /// Multiply–adds for one query.
    public var macsPerQuery: Double
    /// Query-independent multiply–adds paid once per map (e.g. DAT's sampling), 0 if none.
    public var macsPerMap: Double
    /// The number of queries in a layer (H·W).
    public var queriesPerLayer: Int
    /// Keys each query attends to (the attention matrix is `queriesPerLayer × keys`).
    public var keysPerQuery: Int

    /// Creates a cost.
    public init(macsPerQuery: Double, macsPerMap: Double = 0, queriesPerLayer: Int, keysPerQuery: Int) {
        self.macsPerQuery = macsPerQuery
        self.macsPerMap = macsPerMap
        self.queriesPerLayer = queriesPerLayer
        self.keysPerQuery = keysPerQuery
    }

    /// Multiply–adds for a whole layer on this map.
    public var macsPerLayer: Double { macsPerQuery * Double(queriesPerLayer) + macsPerMap }

    /// Entries of the attention matrix of one layer (H·W × keys attended).
    public var attentionEntriesPerLayer: Double { Double(queriesPerLayer) * Double(keysPerQuery) }
}
