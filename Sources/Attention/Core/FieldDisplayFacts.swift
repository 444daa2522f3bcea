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
    ///
    /// A dense map is read in one pass for both facts (the explorer's worker pays it per
    /// keystroke); the result equals `ReachedKeys.count` and `TopKeys.hottest` (earlier index on ties).
    public mutating func countDisplayFacts() {
        guard case let .dense(values) = storedWeights else {
            displayFacts = FieldDisplayFacts(reachedKeys: ReachedKeys.count(storedWeights), hottestOther: TopKeys.hottest(of: self))
            return
        }
        let own = query.row * width + query.col
        var reached = 0, best = -1
        var top: Float = 0
        values.withUnsafeBufferPointer { buffer in
            for i in 0..<buffer.count {
                let w = buffer[i]
                if w != 0 && !w.isNaN { reached += 1 }
                if w > top && i != own { top = w; best = i }  // NaN and zero fail `w > top`
            }
        }
        displayFacts = FieldDisplayFacts(reachedKeys: reached,
                                         hottestOther: best < 0 ? nil : Position(row: best / width, col: best % width))
    }

    /// The keys reached: counted once before, or now.
    public var reachedKeyCount: Int { displayFacts?.reachedKeys ?? ReachedKeys.count(storedWeights) }

    /// The hottest key other than the query: found once before, or now.
    public var hottestOtherKey: Position? {
        if let displayFacts { return displayFacts.hottestOther }
        return TopKeys.hottest(of: self)
    }
}
