/// The receptive field of one query under one mechanism: weights, geometry and statistics.
public struct AttentionField: Sendable {
    /// The mechanism that produced the field.
    public var mode: Mode
    /// The map's height H.
    public var height: Int
    /// The map's width W.
    public var width: Int
    /// The query u.
    public var query: Position
    /// The weight map `M[row·W + col]`: the attention mass u puts on each input pixel
    /// (docs/mechanisms.md), dense or as sparse entries (dcn, dat).
    public var storedWeights: FieldWeights
    /// Mass outside the image (bilinear corners off the map, Swin padding tokens).
    public var offImage: Double
    /// The sampled points of dcn and dat, in pixels, with their mass.
    public var samples: [Sample]
    /// True when a synthetic stand-in (offsets, offset network, tables) was used.
    public var illustrative: Bool
    /// Geometry for the renderer to draw over the weights.
    public var overlays: [Overlay]
    /// Σ, max, entropy, keys and cost.
    public var statistics: FieldStatistics
    /// The name of the view computed (e.g. "pass 1 of 2", "composed"), when the mode has steps.
    public var stepLabel: String?
    /// Facts the UI should show in plain words (e.g. which Swin rule applied).
    public var notes: [String]
    /// Named scalars particular to a mode (e.g. LESA's `unary`), written into the JSON.
    public var extras: [String: Double]
    /// The mass on each prefix token (class, registers) when prefix tokens are keys of the
    /// softmax; empty otherwise. `Σ weights + offImage + Σ prefix = 1`.
    public var prefix: [Double] = []
    /// The prefix token that is the query (`--query token:i`), nil for a grid query (`query`).
    public var prefixQuery: Int? = nil
    /// What sets this field apart from its mode's plain formula or rules (Swin V2's cosine
    /// attention, a library's window rules), for titles, status and captions; nil when nothing does.
    public var flavor: FieldFlavor? = nil
    /// The keys reached and the hottest key besides the query, counted once where the field is
    /// made for display (`countDisplayFacts`), so that a frame does not rescan a large map.
    public var displayFacts: FieldDisplayFacts? = nil

    /// Creates a field with a dense weight map; statistics are computed from the weights unless
    /// given (`statistics`, which must then describe `weights`, `keysAttended` and `cost`).
    public init(mode: Mode, height: Int, width: Int, query: Position, weights: [Float],
                offImage: Double = 0, samples: [Sample] = [], illustrative: Bool = false,
                overlays: [Overlay] = [], cost: Cost, keysAttended: Int,
                stepLabel: String? = nil, notes: [String] = [], extras: [String: Double] = [:],
                statistics: FieldStatistics? = nil) {
        self.init(mode: mode, height: height, width: width, query: query, storedWeights: .dense(weights),
                  offImage: offImage, samples: samples, illustrative: illustrative, overlays: overlays,
                  cost: cost, keysAttended: keysAttended, stepLabel: stepLabel, notes: notes, extras: extras,
                  statistics: statistics)
    }

    /// Creates a field with a dense or sparse weight map; statistics are computed from the
    /// weights unless given (as for `init(mode:height:width:query:weights:…)`).
    @inline(__always)  // built once per keystroke: inlined, the field is not copied on return
    public init(mode: Mode, height: Int, width: Int, query: Position, storedWeights: FieldWeights,
                offImage: Double = 0, samples: [Sample] = [], illustrative: Bool = false,
                overlays: [Overlay] = [], cost: Cost, keysAttended: Int,
                stepLabel: String? = nil, notes: [String] = [], extras: [String: Double] = [:],
                statistics: FieldStatistics? = nil) {
        precondition(storedWeights.count == height * width, "field weights do not match its size")
        self.mode = mode
        self.height = height
        self.width = width
        self.query = query
        self.storedWeights = storedWeights
        self.offImage = offImage
        self.samples = samples
        self.illustrative = illustrative
        self.overlays = overlays
        self.statistics = statistics ?? FieldStatistics(storedWeights, keysAttended: keysAttended, cost: cost)
        self.stepLabel = stepLabel
        self.notes = notes
        self.extras = extras
    }

    /// `M[row·W + col]` for every pixel, row-major.
    ///
    /// A sparse field (dcn, dat) builds this array on every read: O(H·W). Read it once where a
    /// whole array is needed (writers, tests); use `weight(at:)` or `storedWeights` elsewhere.
    /// Setting it stores the map densely.
    public var weights: [Float] {
        get { storedWeights.dense() }
        set { storedWeights = .dense(newValue) }
    }

    /// The weight at `(row, col)` (a binary search for sparse fields).
    public func weight(at p: Position) -> Float { storedWeights[p.row * width + p.col] }
}

/// One sampled point of a sampling mechanism (dcn, dat), in pixel coordinates.
public struct Sample: Hashable, Sendable, Codable {
    /// The row coordinate of the sample.
    public var y: Double
    /// The column coordinate of the sample.
    public var x: Double
    /// The attention mass the query puts on this sample.
    public var weight: Double

    /// Creates a sample.
    public init(y: Double, x: Double, weight: Double) {
        self.y = y
        self.x = x
        self.weight = weight
    }
}
