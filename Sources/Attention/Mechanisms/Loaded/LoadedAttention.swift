import FeatureMaps

/// The model's own attention probabilities (`--attention FILE`), laid back on the grid: the map
/// of query u is u's row of the loaded matrix, nothing computed.
///
/// A row over the whole sequence puts its first P entries in `prefix` and the rest on the grid;
/// a Swin window's row puts each key on the pixel its rolled, padded position holds (padding
/// goes to `offImage`), so shifted windows come back un-rolled.
final class LoadedAttention: Mechanism, PrefixQuerying {
    /// Always `.loaded`.
    let mode = Mode.loaded
    /// A single view.
    let steps: [String] = []
    /// Nothing beyond the loaded tensor, which is shared, not copied.
    var cacheBytes: Int { 0 }
    /// P, the prefix tokens before the grid tokens (0 for windows).
    var prefixCount: Int { rows.prefixCount }

    private let rows: LoadedRows
    private let head: Int
    private let map: FeatureMap

    /// Reads the layout of the loaded attention tensor for `map`; throws without one, for a shape
    /// that fits no layout on this map, a head beyond its heads, or prefix tokens that disagree
    /// with `--prefix`.
    init(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs) throws {
        guard let tensor = inputs.attention else {
            throw AttentionError.limit(mode: .loaded, problem: Self.noAttention)
        }
        rows = try LoadedRows(tensor, height: map.height, width: map.width, settings: settings)
        guard settings.head >= 0, settings.head < rows.heads else {
            throw AttentionError.setting(SettingError(setting: .head, rule: .mapLimit(
                "is out of range: the attention file of shape \(tensor.shapeDescription) holds \(rows.heads) head(s)"),
                value: .integer(settings.head)))
        }
        if let p = PrefixTokens.count(in: inputs), case .sequence = rows.arrangement, p != rows.prefixCount {
            throw AttentionError.input(.attention, problem: "has shape \(tensor.shapeDescription): N − H·W = \(rows.prefixCount) prefix token(s), but \(AttentionInput.prefix.words) holds \(p)")
        }
        head = settings.head
        self.map = map
    }

    /// Why the mode cannot run: no attention tensor was loaded.
    static let noAttention = "needs the model's attention probabilities (--attention FILE, or a bundle's attention member)"

    /// Grid query `query`'s row.
    func field(at query: Position) throws -> AttentionField {
        try map.checkQuery(query)
        let (start, destination) = rows.row(ofPixel: query.row * map.width + query.col, head: head)
        return field(start: start, destination: destination, query: query, prefixQuery: nil)
    }

    /// Prefix token `token`'s row.
    func field(atPrefixToken token: Int) throws -> AttentionField {
        guard rows.prefixCount > 0 else { throw AttentionError.limit(mode: .loaded, problem: PrefixQuery.noPrefixTokens) }
        guard token >= 0, token < rows.prefixCount else {
            throw AttentionError.limit(mode: .loaded, problem: PrefixQuery.outOfRange(token, count: rows.prefixCount))
        }
        let start = rows.row(ofPrefixToken: token, head: head), p = rows.prefixCount
        return field(start: start, destination: { $0 < p ? -2 - $0 : $0 - p },
                     query: Position(row: 0, col: 0), prefixQuery: token)
    }

    /// The row starting at `start`, each entry put where `destination` says.
    private func field(start: Int, destination: (Int) -> LoadedRows.Destination, query: Position,
                       prefixQuery: Int?) -> AttentionField {
        var weights = [Float](repeating: 0, count: map.pixelCount)
        var prefix = [Double](repeating: 0, count: rows.prefixCount)
        var offImage = 0.0, pixels = 0
        rows.values.withUnsafeBufferPointer { values in
            for k in 0..<rows.rowLength {
                let w = values[start + k], to = destination(k)
                if to >= 0 {
                    weights[to] += w
                    pixels += 1
                } else if to == -1 { offImage += Double(w) } else { prefix[-2 - to] += Double(w) }
            }
        }
        // Nothing is computed: the cost is reading the row; the keys attended are its grid keys.
        let cost = Cost(macsPerQuery: 0, queriesPerLayer: rows.rowLength, keysPerQuery: rows.rowLength)
        var field = AttentionField(mode: .loaded, height: map.height, width: map.width, query: query, weights: weights,
                                   offImage: offImage, cost: cost, keysAttended: pixels, notes: notes)
        field.prefix = prefix
        field.prefixQuery = prefixQuery
        return field
    }

    private var notes: [String] {
        switch rows.arrangement {
        case let .sequence(p):
            return ["the model's own probabilities: \(rows.heads) head(s)" + (p > 0 ? ", \(p) prefix token(s)" : "")]
        case let .windows(layout):
            return ["the model's own probabilities: \(rows.heads) head(s), \(layout.windowText) windows"
                + (layout.roll.isShifted ? ", un-rolled" : "") + (layout.isPadded ? ", padding off the image" : "")]
        }
    }
}
