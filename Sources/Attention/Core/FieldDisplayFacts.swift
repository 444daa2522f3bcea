/// What the explorer's status line, caption and side panel say of a field beyond its statistics:
/// how many keys hold mass and which key besides the query holds the most. Both read the whole
/// map, so they are counted once, off the UI thread, and carried with the field.
public struct FieldDisplayFacts: Sendable, Equatable {
    /// Keys with nonzero, non-NaN weight (`ReachedKeys`).
    public var reachedKeys: Int
    /// The hottest key other than the query (`TopKeys.hottest`), nil when no other holds mass.
    public var hottestOther: Position?
}

extension AttentionField {
    /// Counts `displayFacts` (O(H·W) once; the explorer's worker does it beside the field).
    public mutating func countDisplayFacts() {
        displayFacts = FieldDisplayFacts(reachedKeys: ReachedKeys.count(storedWeights), hottestOther: TopKeys.hottest(of: self))
    }

    /// The keys reached: counted once before, or now.
    public var reachedKeyCount: Int { displayFacts?.reachedKeys ?? ReachedKeys.count(storedWeights) }

    /// The hottest key other than the query: found once before, or now.
    public var hottestOtherKey: Position? {
        if let displayFacts { return displayFacts.hottestOther }
        return TopKeys.hottest(of: self)
    }
}
