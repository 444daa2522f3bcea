import FeatureMaps

/// Swin window attention (W-MSA) and shifted window attention (SW-MSA).
///
/// The query attends to the M×M tile of the rolled, padded grid that holds it, with logits
/// `(q·k·scale + B[Δ]) / T − 100·[label differs]` (microsoft/Swin-Transformer,
/// models/swin_transformer.py; padding as in the detection code). Mass on padding tokens is
/// reported as `offImage`. The layout, labels, bias table and projected keys are prepared once.
final class WindowAttention: Mechanism {
    /// Always `.window`.
    public let mode = Mode.window
    /// Window attention has a single view.
    public let steps: [String] = []

    /// The projected queries and keys, when a projection file is loaded.
    public var cacheBytes: Int { features.cacheBytes }

    private let map: FeatureMap
    private let features: QueryKeyFeatures
    private let scaling: LogitScaling
    private let layout: SwinLayout
    /// The relative position bias of the chosen head, already divided by T; nil when none is loaded.
    private let bias: [Float]?
    /// The key a padding token gets: `Wk·0 + bk` (zeros with identity projections).
    private let paddingKey: [Float]
    private let notes: [String]
    private var scaledQuery: [Float]
    private var logits: [Float]

    /// Validates the window and shift, lays out the rolled, padded grid and reads the bias table.
    public init(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs) throws {
        try Self.descriptor.check(settings)
        self.map = map
        features = try QueryKeyFeatures(map: map, inputs: inputs, settings: settings)
        scaling = try LogitScaling(settings: settings,
                                   defaultScale: LogitScaling.inverseSquareRoot(of: features.dimension), mode: .window)
        layout = SwinLayout(height: map.height, width: map.width,
                            requestedWindow: settings.window, requestedShift: settings.shift)
        let biasFactor = scaling.biasFactor
        bias = try WindowAttention.biasTable(inputs.relativeBias, layout: layout, requestedWindow: settings.window,
                                             head: settings.head)?.map { $0 * biasFactor }
        paddingKey = features.projection?.paddingKey ?? [Float](repeating: 0, count: features.dimension)
        scaledQuery = [Float](repeating: 0, count: features.dimension)
        logits = [Float](repeating: 0, count: layout.window * layout.window)

        var notes: [String] = []
        let m = layout.window
        if layout.shrank {
            if m != settings.window {
                notes.append("window shrank to min(H,W)=\(m)" + (settings.shift != 0 ? " and shift \(settings.shift) dropped to 0" : "")
                             + " (classification code's <= rule)")
            } else {
                notes.append("min(H,W)=\(m) <= M=\(m): shift \(settings.shift) dropped to 0 (classification code's <= rule)")
            }
        }
        if layout.isPadded {
            var text = "padded to \(layout.paddedHeight)×\(layout.paddedWidth) with zero tokens (detection code); mass on padding reported as off-image"
            if features.projection != nil { text += "; padding keys are Wk·0 + bk = bk (padding precedes the qkv projection)" }
            notes.append(text)
        }
        if layout.shift > 0 {
            notes.append("shifted windows: map rolled by (−\(layout.shift), −\(layout.shift)); keys outside the query's region get −100")
        }
        if bias != nil { notes.append("relative position bias loaded (head \(settings.head))") }
        self.notes = notes
    }

    /// The softmax over the query's window in the rolled grid, scattered back to original pixels.
    public func field(at query: Position) throws -> AttentionField {
        try map.checkQuery(query)
        let m = layout.window, wp = layout.paddedWidth, n = map.pixelCount, d = features.dimension
        let u = query.row * map.width + query.col
        let (rr, rc) = layout.rolled(query.row, query.col)
        let top = rr / m * m, left = rc / m * m
        let qa = rr - top, qb = rc - left
        let queryLabel = layout.label[rr * wp + rc]

        var paddingLogit: Float = 0
        for c in 0..<d {
            scaledQuery[c] = features.queries[c * n + u] * scaling.contentFactor
            paddingLogit += scaledQuery[c] * paddingKey[c]
        }
        let side = 2 * m - 1
        for a in 0..<m {
            for b in 0..<m {
                let r = (top + a) * wp + left + b
                let src = Int(layout.source[r])
                var logit = src >= 0 ? features.dot(scaledQuery, key: src) : paddingLogit
                if let bias { logit += bias[(qa - a + m - 1) * side + (qb - b + m - 1)] }
                if layout.label[r] != queryLabel { logit += -100 }  // Swin's mask: added after T, never scaled
                logits[a * m + b] = logit
            }
        }
        Softmax.normalize(&logits)

        var weights = [Float](repeating: 0, count: n)
        var offImage = 0.0
        var minRow = Int.max, maxRow = -1, minCol = Int.max, maxCol = -1
        var written: [Int] = []
        written.reserveCapacity(m * m)
        for a in 0..<m {
            for b in 0..<m {
                let r = (top + a) * wp + left + b
                let p = logits[a * m + b]
                let src = Int(layout.source[r])
                if src < 0 { offImage += Double(p); continue }
                weights[src] = p
                written.append(src)
                if layout.label[r] == queryLabel {
                    let y = src / map.width, x = src % map.width
                    minRow = min(minRow, y); maxRow = max(maxRow, y)
                    minCol = min(minCol, x); maxCol = max(maxCol, x)
                }
            }
        }

        var overlays: [Overlay] = [
            .window(PixelRect(top: minRow, left: minCol, height: maxRow - minRow + 1, width: maxCol - minCol + 1)),
            .rolledWindow(PixelRect(top: top, left: left, height: m, width: m),
                          paddedHeight: layout.paddedHeight, paddedWidth: wp, shift: layout.shift),
        ]
        if layout.shift > 0 {
            for br in 0..<3 {
                let rows = layout.bandExtent(br, length: layout.paddedHeight)
                for bc in 0..<3 {
                    let cols = layout.bandExtent(bc, length: wp)
                    guard !rows.isEmpty, !cols.isEmpty else { continue }
                    let label = 3 * br + bc
                    overlays.append(.maskRegion(PixelRect(top: rows.lowerBound, left: cols.lowerBound,
                                                          height: rows.count, width: cols.count),
                                                label: label, matchesQuery: UInt8(label) == queryLabel))
                }
            }
        }
        let cost = Cost(macsPerQuery: 2 * Double(m * m) * Double(d), queriesPerLayer: n, keysPerQuery: m * m)
        return AttentionField(mode: .window, height: map.height, width: map.width, query: query, weights: weights,
                              offImage: offImage, overlays: overlays, cost: cost, keysAttended: m * m, notes: notes,
                              statistics: FieldStatistics(weights: weights, support: FieldStatistics.ranges(covering: written),
                                                          keysAttended: m * m, cost: cost))
    }

    /// Reads the relative position bias table for the effective window: (2M−1)² values, one table
    /// per head first ((heads, (2M−1)²)), or Swin's own parameter layout ((2M−1)², heads).
    static func biasTable(_ raw: Tensor?, layout: SwinLayout, requestedWindow: Int, head: Int) throws -> [Float]? {
        guard let raw else { return nil }
        let m = layout.window, side = 2 * m - 1, n = side * side
        let t = raw.droppingLeadingUnitDimensions()
        let s = t.shape
        func pick(heads: Int, _ value: (Int) -> Float) throws -> [Float] {
            guard head >= 0, head < heads else {
                throw AttentionError.setting(SettingError(setting: .head,
                    rule: .mapLimit("is out of range: the relative position bias table has \(heads) head(s)"), value: .integer(head)))
            }
            return (0..<n).map(value)
        }
        if s == [n] || s == [side, side] { return try pick(heads: 1) { t.values[$0] } }
        if s.count == 2, s[1] == n { return try pick(heads: s[0]) { t.values[head * n + $0] } }
        if s.count == 3, s[1] == side, s[2] == side { return try pick(heads: s[0]) { t.values[head * n + $0] } }
        if s.count == 2, s[0] == n { return try pick(heads: s[1]) { t.values[$0 * s[1] + head] } }
        var problem = "has shape \(raw.shapeDescription); window \(m) needs (2M−1)² = \(n) values per head: (\(n)), (heads, \(n)) or Swin's (\(n), heads)"
        if m != requestedWindow { problem += " (the window shrank from \(requestedWindow) to \(m) on this \(layout.height)×\(layout.width) map)" }
        throw AttentionError.input(.relativeBias, problem: problem)
    }
}
