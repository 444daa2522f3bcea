import FeatureMaps

/// Neighborhood attention (SHI-Labs/NATTEN): a K×K window that shifts inward at the borders.
///
/// Per axis of length L the window is `min(K, L)` long and starts at
/// `clamp(i − K//2, 0, L − K)` (NATTEN's `get_window_start` for dilation 1), so every query
/// attends to exactly `min(K, H)·min(K, W)` keys. Softmax over them with scale 1/√d by default.
final class NeighborhoodAttention: Mechanism {
    /// Always `.neighborhood`.
    public let mode = Mode.neighborhood
    /// Neighborhood attention has a single view.
    public let steps: [String] = []

    /// The default kernel size K.
    public static let defaultKernel = 7

    /// The projected queries and keys, when a projection file is loaded.
    public var cacheBytes: Int { features.cacheBytes }

    private let map: FeatureMap
    private let features: QueryKeyFeatures
    private let scaling: LogitScaling
    /// The window's rows (min(K, H)) and columns (min(K, W)).
    private let rows: Int, cols: Int
    private let notes: [String]
    private var scaledQuery: [Float]
    private var logits: [Float]

    /// Validates K (odd, ≥ 1) and prepares q and k.
    public init(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs) throws {
        let k = settings.kernel ?? NeighborhoodAttention.defaultKernel
        try Self.descriptor.check(settings)
        self.map = map
        features = try QueryKeyFeatures(map: map, inputs: inputs, settings: settings)
        scaling = try LogitScaling(settings: settings,
                                   defaultScale: LogitScaling.inverseSquareRoot(of: features.dimension), mode: .neighborhood)
        rows = min(k, map.height)
        cols = min(k, map.width)
        scaledQuery = [Float](repeating: 0, count: features.dimension)
        logits = [Float](repeating: 0, count: rows * cols)
        var notes: [String] = []
        if rows < k || cols < k {
            notes.append("kernel \(k) exceeds the \(map.height)×\(map.width) map: window is \(rows)×\(cols) (whole axis where K > L)")
        }
        if let dilation = settings.dilation, dilation != 1 {
            notes.append("dilation \(dilation) is not used by neighborhood (dilation 1)")
        }
        self.notes = notes
    }

    /// NATTEN's window start along an axis of `length` for a window of `size` (≤ length).
    static func windowStart(_ index: Int, length: Int, size: Int) -> Int {
        min(max(index - size / 2, 0), length - size)
    }

    /// The softmax over the query's neighbourhood.
    public func field(at query: Position) throws -> AttentionField {
        try map.checkQuery(query)
        let n = map.pixelCount, w = map.width, d = features.dimension
        let u = query.row * w + query.col
        for c in 0..<d { scaledQuery[c] = features.queries[c * n + u] * scaling.contentFactor }
        let top = NeighborhoodAttention.windowStart(query.row, length: map.height, size: rows)
        let left = NeighborhoodAttention.windowStart(query.col, length: w, size: cols)
        for a in 0..<rows {
            for b in 0..<cols {
                logits[a * cols + b] = features.dot(scaledQuery, key: (top + a) * w + left + b)
            }
        }
        Softmax.normalize(&logits)
        var weights = [Float](repeating: 0, count: n)
        for a in 0..<rows {
            for b in 0..<cols { weights[(top + a) * w + left + b] = logits[a * cols + b] }
        }
        let keys = rows * cols
        let cost = Cost(macsPerQuery: 2 * Double(keys) * Double(d), queriesPerLayer: n, keysPerQuery: keys)
        return AttentionField(mode: .neighborhood, height: map.height, width: w, query: query, weights: weights,
                              overlays: [.window(PixelRect(top: top, left: left, height: rows, width: cols))],
                              cost: cost, keysAttended: keys, notes: notes,
                              statistics: FieldStatistics(weights: weights, support: (0..<rows).map {
                                  let start = (top + $0) * w + left
                                  return start..<(start + cols)
                              }, keysAttended: keys, cost: cost))
    }
}
