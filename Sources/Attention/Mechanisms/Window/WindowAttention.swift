import FeatureMaps

/// Swin window attention (W-MSA) and shifted window attention (SW-MSA), V1 and V2.
///
/// The query attends to the window of the rolled, padded grid that holds it, with logits
/// `(q·k·scale + B[Δ]) / T − 100·[label differs]` (microsoft/Swin-Transformer,
/// models/swin_transformer.py; padding as in the detection code), or with Swin V2's
/// `logit_scale` loaded, `(cos(q, k)·exp(min(τ_h, ln 100)) + B[Δ]) / T − 100·[…]`. The window,
/// padding and shift follow the variant's library (`SwinVariant`). Mass on padding tokens is
/// reported as `offImage`. The layout, labels, bias table, projected keys (and their norms) are
/// prepared once.
final class WindowAttention: Mechanism {
    /// Always `.window`.
    public let mode = Mode.window
    /// Window attention has a single view.
    public let steps: [String] = []

    /// The projected queries and keys, when a projection file is loaded.
    public var cacheBytes: Int { features.cacheBytes + inverseKeyNorms.count * MemoryLayout<Float>.size }

    private let map: FeatureMap
    private let features: QueryKeyFeatures
    private let scaling: LogitScaling
    private let layout: SwinLayout
    /// Swin V2's temperature of the chosen head; nil for Swin v1's scaled dot product.
    private let cosine: CosineLogitScale?
    /// Cosine attention: 1 / max(‖k_p‖, 1e-12) of every pixel's key (empty otherwise).
    private let inverseKeyNorms: [Float]
    /// The relative position bias of the chosen head, already divided by T; nil when none is loaded.
    private let bias: [Float]?
    /// The key a padding token gets: `Wk·0 + bk` (zeros with identity projections).
    private let paddingKey: [Float]
    /// 1 / max(‖padding key‖, 1e-12) (cosine attention).
    private let paddingInverseNorm: Float
    private let notes: [String]
    private let flavor: FieldFlavor?
    private var scaledQuery: [Float]
    private var logits: [Float]

    /// Validates the window and shift, lays out the rolled, padded grid and reads the bias table
    /// and, for Swin V2, `logit_scale`.
    public init(map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs) throws {
        try Self.descriptor.check(settings)
        self.map = map
        features = try QueryKeyFeatures(map: map, inputs: inputs, settings: settings)
        cosine = try CosineLogitScale(archive: inputs.projections, head: settings.head)
        let defaultScale = cosine?.factor ?? LogitScaling.inverseSquareRoot(of: features.dimension)
        scaling = try LogitScaling(settings: settings, defaultScale: defaultScale, mode: .window)
        let variant = settings.variant ?? .official
        // torchvision's window never shrinks, so M itself sizes the padded grid and each softmax.
        if variant == .torchvision, settings.window > Self.largestUnshrunkWindow {
            throw AttentionError.limit(mode: .window,
                problem: "window \(settings.window) under torchvision's rules (which never shrink it) is larger than \(Self.largestUnshrunkWindow)")
        }
        layout = SwinLayout(height: map.height, width: map.width, requestedWindow: settings.window,
                            requestedShift: settings.shift, variant: variant)
        let biasFactor = scaling.biasFactor
        bias = try WindowAttention.biasTable(inputs.relativeBias, layout: layout, requestedWindow: settings.window,
                                             head: settings.head)?.map { $0 * biasFactor }
        let d = features.dimension, n = map.pixelCount
        let paddingKey = features.projection?.paddingKey ?? [Float](repeating: 0, count: d)
        self.paddingKey = paddingKey
        if cosine != nil {
            var squared = [Float](repeating: 0, count: n)
            features.keys.withUnsafeBufferPointer { k in
                for c in 0..<d {
                    for p in 0..<n { squared[p] += k[c * n + p] * k[c * n + p] }
                }
            }
            inverseKeyNorms = squared.map { CosineLogitScale.inverseNorm(squaredLength: $0) }
            paddingInverseNorm = CosineLogitScale.inverseNorm(squaredLength: paddingKey.reduce(0) { $0 + $1 * $1 })
        } else {
            inverseKeyNorms = []
            paddingInverseNorm = 1
        }
        scaledQuery = [Float](repeating: 0, count: d)
        logits = [Float](repeating: 0, count: layout.area)
        notes = WindowAttention.notes(layout: layout, settings: settings, cosine: cosine,
                                      projected: features.projection != nil, biasLoaded: bias != nil)
        flavor = WindowAttention.flavor(variant: variant, cosine: cosine != nil)
    }

    /// The softmax over the query's window in the rolled grid, scattered back to original pixels.
    public func field(at query: Position) throws -> AttentionField {
        try map.checkQuery(query)
        let mh = layout.windowRows, mw = layout.windowCols, wp = layout.paddedWidth
        let n = map.pixelCount, d = features.dimension, area = layout.area
        let u = query.row * map.width + query.col
        let (rr, rc) = layout.rolled(query.row, query.col)
        let top = rr / mh * mh, left = rc / mw * mw
        let qa = rr - top, qb = rc - left
        let queryLabel = layout.label[rr * wp + rc]

        // Cosine attention normalises the query (F.normalize); the scale then is exp(min(τ, ln 100)).
        var queryFactor = scaling.contentFactor
        if cosine != nil {
            var squared: Float = 0
            for c in 0..<d { squared += features.queries[c * n + u] * features.queries[c * n + u] }
            queryFactor *= CosineLogitScale.inverseNorm(squaredLength: squared)
        }
        var paddingLogit: Float = 0
        for c in 0..<d {
            scaledQuery[c] = features.queries[c * n + u] * queryFactor
            paddingLogit += scaledQuery[c] * paddingKey[c]
        }
        paddingLogit *= paddingInverseNorm
        let side = 2 * mw - 1
        for a in 0..<mh {
            for b in 0..<mw {
                let r = (top + a) * wp + left + b
                let src = Int(layout.source[r])
                var logit: Float
                if src >= 0 {
                    logit = features.dot(scaledQuery, key: src)
                    if cosine != nil { logit *= inverseKeyNorms[src] }
                } else {
                    logit = paddingLogit
                }
                if let bias { logit += bias[(qa - a + mh - 1) * side + (qb - b + mw - 1)] }
                if layout.label[r] != queryLabel { logit += -100 }  // Swin's mask: added after T, never scaled
                logits[a * mw + b] = logit
            }
        }
        Softmax.normalize(&logits)

        var weights = [Float](repeating: 0, count: n)
        var offImage = 0.0
        var minRow = Int.max, maxRow = -1, minCol = Int.max, maxCol = -1
        var written: [Int] = []
        written.reserveCapacity(area)
        for a in 0..<mh {
            for b in 0..<mw {
                let r = (top + a) * wp + left + b
                let p = logits[a * mw + b]
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

        var overlays: [Overlay] = []
        if maxRow >= 0 {
            overlays.append(.window(PixelRect(top: minRow, left: minCol, height: maxRow - minRow + 1, width: maxCol - minCol + 1)))
        }
        overlays.append(.rolledWindow(PixelRect(top: top, left: left, height: mh, width: mw), roll: layout.roll))
        if layout.roll.isShifted {
            for br in 0..<3 {
                let rows = layout.bandExtent(br, alongRows: true)
                for bc in 0..<3 {
                    let cols = layout.bandExtent(bc, alongRows: false)
                    guard !rows.isEmpty, !cols.isEmpty else { continue }
                    let label = 3 * br + bc
                    overlays.append(.maskRegion(PixelRect(top: rows.lowerBound, left: cols.lowerBound,
                                                          height: rows.count, width: cols.count),
                                                label: label, matchesQuery: UInt8(label) == queryLabel))
                }
            }
        }
        let cost = Cost(macsPerQuery: 2 * Double(area) * Double(d), queriesPerLayer: n, keysPerQuery: area)
        var field = AttentionField(mode: .window, height: map.height, width: map.width, query: query, weights: weights,
                                   offImage: offImage, overlays: overlays, cost: cost, keysAttended: area, notes: notes,
                                   statistics: FieldStatistics(weights: weights, support: FieldStatistics.ranges(covering: written),
                                                               keysAttended: area, cost: cost))
        field.flavor = flavor
        return field
    }

    /// The largest window a variant that never shrinks it lays out (M² keys per query).
    static let largestUnshrunkWindow = 1024

    /// Reads the relative position bias table for the effective window Mh×Mw:
    /// (2Mh−1)·(2Mw−1) values, one table per head first ((heads, n) or (heads, 2Mh−1, 2Mw−1)),
    /// or Swin's own parameter layout ((n, heads)).
    static func biasTable(_ raw: Tensor?, layout: SwinLayout, requestedWindow: Int, head: Int) throws -> [Float]? {
        guard let raw else { return nil }
        let rows = 2 * layout.windowRows - 1, cols = 2 * layout.windowCols - 1, n = rows * cols
        let t = raw.droppingLeadingUnitDimensions()
        let s = t.shape
        func pick(heads: Int, _ value: (Int) -> Float) throws -> [Float] {
            guard head >= 0, head < heads else {
                throw AttentionError.setting(SettingError(setting: .head,
                    rule: .mapLimit("is out of range: the relative position bias table has \(heads) head(s)"), value: .integer(head)))
            }
            return (0..<n).map(value)
        }
        if s == [n] || s == [rows, cols] { return try pick(heads: 1) { t.values[$0] } }
        if s.count == 2, s[1] == n { return try pick(heads: s[0]) { t.values[head * n + $0] } }
        if s.count == 3, s[1] == rows, s[2] == cols { return try pick(heads: s[0]) { t.values[head * n + $0] } }
        if s.count == 2, s[0] == n { return try pick(heads: s[1]) { t.values[$0 * s[1] + head] } }
        let window = layout.windowText
        let needs = layout.isSquare ? "(2M−1)² = \(n)" : "(2Mh−1)·(2Mw−1) = \(n)"
        var problem = "has shape \(raw.shapeDescription); window \(window) needs \(needs) values per head: (\(n)), (heads, \(n)) or Swin's (\(n), heads)"
        if layout.windowShrank {
            problem += " (the window shrank from \(requestedWindow) to \(window) on this \(layout.height)×\(layout.width) map)"
        }
        throw AttentionError.input(.relativeBias, problem: problem)
    }
}
