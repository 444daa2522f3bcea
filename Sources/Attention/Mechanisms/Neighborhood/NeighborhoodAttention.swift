import FeatureMaps

/// Neighborhood attention (SHI-Labs/NATTEN): a K×K window that shifts inward at the borders, and
/// with dilation d > 1 DiNAT's dilated window (K positions of the query's own sub-grid per axis).
///
/// The keys of each axis are `NeighborhoodAxis` (NATTEN's `get_window_start`); a sub-grid shorter
/// than K is taken whole. Logits are `(q·k·scale + rpb[h, Δy + K − 1, Δx + K − 1]) / T` with Δ the
/// key's sub-grid offset from the query (NATTEN's `get_pb_start`), scale 1/√d by default; softmax
/// over the window's keys.
final class NeighborhoodAttention: Mechanism {
    /// Always `.neighborhood`.
    public let mode = Mode.neighborhood
    /// Neighborhood attention has a single view.
    public let steps: [String] = []

    /// The default kernel size K.
    public static let defaultKernel = 7
    /// The default dilation (NAT's 1).
    public static let defaultDilation = 1

    /// The projected queries and keys, when a projection file is loaded.
    public var cacheBytes: Int { features.cacheBytes }

    private let map: FeatureMap
    private let features: QueryKeyFeatures
    private let scaling: LogitScaling
    private let kernel: Int
    private let dilation: Int
    /// Each row's and each column's keys (query-independent, so prepared once).
    private let rowAxes: [NeighborhoodAxis], colAxes: [NeighborhoodAxis]
    /// The chosen head's rpb table, (2K−1)² row-major and already divided by T; nil without one.
    private let bias: [Float]?
    private let notes: [String]
    private var scaledQuery: [Float]
    private var logits: [Float]

    /// Validates K (odd, ≥ 1) and d (≥ 1), prepares q and k and reads the rpb table.
    public init(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs) throws {
        try Self.descriptor.check(settings)
        let k = settings.kernel ?? Self.defaultKernel, d = settings.dilation ?? Self.defaultDilation
        self.map = map
        kernel = k
        dilation = d
        features = try QueryKeyFeatures(map: map, inputs: inputs, settings: settings)
        scaling = try LogitScaling(settings: settings,
                                   defaultScale: LogitScaling.inverseSquareRoot(of: features.dimension), mode: .neighborhood)
        rowAxes = NeighborhoodAxis.all(length: map.height, kernel: k, dilation: d)
        colAxes = NeighborhoodAxis.all(length: map.width, kernel: k, dilation: d)
        let biasFactor = scaling.biasFactor
        bias = try inputs.relativeBias.map { try NeighborhoodBias.table($0, kernel: k, head: settings.head).map { $0 * biasFactor } }
        scaledQuery = [Float](repeating: 0, count: features.dimension)
        logits = [Float](repeating: 0, count: (rowAxes.map(\.count).max() ?? 0) * (colAxes.map(\.count).max() ?? 0))

        var notes: [String] = []
        if d > 1 {
            notes.append("dilation \(d) (DiNAT): the keys lie \(d) apart, on the query's own sub-grid (rows and columns ≡ the query's mod \(d))")
        }
        let shortRows = rowAxes.contains { $0.count < k }, shortCols = colAxes.contains { $0.count < k }
        if shortRows || shortCols {
            let axes = shortRows && shortCols ? "rows and columns" : shortRows ? "rows" : "columns"
            notes.append(d > 1
                ? "kernel \(k) exceeds some sub-grids of the \(map.height)×\(map.width) map (\(axes)): those are taken whole"
                : "kernel \(k) exceeds the \(map.height)×\(map.width) map: window is \(rowAxes[0].count)×\(colAxes[0].count) (whole axis where K > L)")
        }
        if bias != nil { notes.append("relative position bias (NATTEN rpb) loaded (head \(settings.head))") }
        self.notes = notes
    }

    /// The softmax over the query's neighbourhood.
    public func field(at query: Position) throws -> AttentionField {
        try map.checkQuery(query)
        let n = map.pixelCount, w = map.width, d = features.dimension, side = 2 * kernel - 1
        let u = query.row * w + query.col
        for c in 0..<d { scaledQuery[c] = features.queries[c * n + u] * scaling.contentFactor }
        let rows = rowAxes[query.row], cols = colAxes[query.col]
        for a in 0..<rows.count {
            let y = rows.position(a)
            for b in 0..<cols.count {
                var logit = features.dot(scaledQuery, key: y * w + cols.position(b))
                if let bias { logit += bias[(rows.biasStart + a) * side + cols.biasStart + b] }
                logits[a * cols.count + b] = logit
            }
        }
        let keys = rows.count * cols.count
        logits.withUnsafeMutableBufferPointer { Softmax.normalize(UnsafeMutableBufferPointer(rebasing: $0[0..<keys])) }
        var weights = [Float](repeating: 0, count: n)
        var support: [Range<Int>] = []
        for a in 0..<rows.count {
            let y = rows.position(a)
            for b in 0..<cols.count { weights[y * w + cols.position(b)] = logits[a * cols.count + b] }
            if cols.step == 1 || cols.count == 1 {
                support.append((y * w + cols.first)..<(y * w + cols.last + 1))
            } else {
                support += (0..<cols.count).map { (y * w + cols.position($0))..<(y * w + cols.position($0) + 1) }
            }
        }
        var overlays: [Overlay] = [.window(PixelRect(top: rows.first, left: cols.first,
                                                     height: rows.last - rows.first + 1, width: cols.last - cols.first + 1))]
        if dilation > 1 {
            overlays.append(.kernelGrid((0..<keys).map {
                Point(y: Double(rows.position($0 / cols.count)), x: Double(cols.position($0 % cols.count)))
            }))
        }
        let cost = Cost(macsPerQuery: 2 * Double(keys) * Double(d), queriesPerLayer: n, keysPerQuery: keys)
        return AttentionField(mode: .neighborhood, height: map.height, width: w, query: query, weights: weights,
                              overlays: overlays, cost: cost, keysAttended: keys, notes: notes,
                              statistics: FieldStatistics(weights: weights, support: support, keysAttended: keys, cost: cost))
    }
}
