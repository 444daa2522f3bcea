/// The hottest keys of a field other than the query itself.
///
/// On raw features a query often takes most of its own mass, so the argmax is the query:
/// `m` and the top-k marks want the keys it reads *besides* itself.
public enum TopKeys {
    /// The row-major indices of the `k` largest positive weights, largest first (ties: the
    /// earlier index first), leaving out `excluding`; fewer when fewer keys hold mass.
    public static func indices(_ weights: FieldWeights, k: Int, excluding: Int? = nil) -> [Int] {
        guard k > 0 else { return [] }
        var top: [(index: Int, weight: Float)] = []
        top.reserveCapacity(k + 1)
        // A small sorted buffer: k is a handful, one pass over the map.
        func offer(_ index: Int, _ w: Float) {
            guard w > 0, index != excluding else { return }  // NaN and zero fail `w > 0`
            if top.count == k, let last = top.last, !(w > last.weight) { return }
            var at = top.count
            while at > 0, w > top[at - 1].weight { at -= 1 }
            top.insert((index, w), at: at)
            if top.count > k { top.removeLast() }
        }
        switch weights {
        case let .dense(values):
            for (i, w) in values.enumerated() { offer(i, w) }
        case let .sparse(entries):
            for (i, w) in zip(entries.indices, entries.values) { offer(i, w) }
        }
        return top.map(\.index)
    }

    /// The hottest key other than `query` (nil when no other key holds mass).
    public static func hottest(of field: AttentionField, excludingQuery: Bool = true) -> Position? {
        let own = field.query.row * field.width + field.query.col
        guard let i = indices(field.storedWeights, k: 1, excluding: excludingQuery ? own : nil).first else { return nil }
        return Position(row: i / field.width, col: i % field.width)
    }
}
