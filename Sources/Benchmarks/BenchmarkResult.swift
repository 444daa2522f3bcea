/// The measurements of one map size: the object `attnscope bench --json` prints per size.
///
/// The firm keys of docs/performance.md ("size", "load_ms", "first_frame_ms", "peak_rss_mb",
/// "modes") are always present; the others are extras. Times are milliseconds, memory MiB.
public struct SizeResult: Codable, Sendable, Equatable {
    /// `[C, H, W]`.
    public var size: [Int]
    /// Loading the map's `.npy` through `FeatureMapLoader`.
    public var loadMs: Double
    /// Load + the first (global) field, including its preparation + the first canvas.
    public var firstFrameMs: Double
    /// The process's peak resident memory (`VmHWM`) after every mode ran.
    public var peakRSSMb: Double?
    /// The map's bytes in MiB (extra).
    public var mapMb: Double
    /// The memory target `1.5 × map + 40 MiB` (extra).
    public var rssBudgetMb: Double
    /// Per-keystroke timings per mode, in `Mode.allCases` order.
    public var modes: [ModeResult]
    /// The machine's 1-minute load average when the size started (extra: other work skews times).
    public var loadAverage: Double?
    /// Global attention's matrix–vector product alone, p50 per query (extra; compare NumPy's `K @ q`).
    public var matvecP50Ms: Double?
    /// See `matvecP50Ms`.
    public var matvecP99Ms: Double?
    /// The instruction set of the kernels (`avx512`, `avx2`, `baseline`; extra).
    public var kernels: String?
    /// The cores a large per-query loop may use in the measured sweep (extra; `ATTNSCOPE_THREADS=1` makes it 1).
    public var cores: Int?
    /// The version of attnscope that measured (extra; what `attnscope --version` prints).
    public var version: String?

    enum CodingKeys: String, CodingKey {
        case size
        case loadMs = "load_ms"
        case firstFrameMs = "first_frame_ms"
        case peakRSSMb = "peak_rss_mb"
        case mapMb = "map_mb"
        case rssBudgetMb = "rss_budget_mb"
        case modes
        case loadAverage = "load_average"
        case matvecP50Ms = "global_matvec_p50_ms"
        case matvecP99Ms = "global_matvec_p99_ms"
        case kernels
        case cores
        case version
    }

    /// Creates a result.
    public init(size: [Int], loadMs: Double, firstFrameMs: Double, peakRSSMb: Double?, mapMb: Double,
                rssBudgetMb: Double, modes: [ModeResult], loadAverage: Double? = nil,
                matvecP50Ms: Double? = nil, matvecP99Ms: Double? = nil, kernels: String? = nil, cores: Int? = nil) {
        self.size = size
        self.loadMs = loadMs
        self.firstFrameMs = firstFrameMs
        self.peakRSSMb = peakRSSMb
        self.mapMb = mapMb
        self.rssBudgetMb = rssBudgetMb
        self.modes = modes
        self.loadAverage = loadAverage
        self.matvecP50Ms = matvecP50Ms
        self.matvecP99Ms = matvecP99Ms
        self.kernels = kernels
        self.cores = cores
    }

    /// Encodes the firm keys always (`peak_rss_mb` as null when unknown) and the extras when
    /// present, times rounded to a tenth of a microsecond.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(size, forKey: .size)
        try c.encode(loadMs.roundedToTenthMicroseconds, forKey: .loadMs)
        try c.encode(firstFrameMs.roundedToTenthMicroseconds, forKey: .firstFrameMs)
        try c.encode(peakRSSMb?.roundedToTenthMicroseconds, forKey: .peakRSSMb)
        try c.encode(mapMb.roundedToTenthMicroseconds, forKey: .mapMb)
        try c.encode(rssBudgetMb.roundedToTenthMicroseconds, forKey: .rssBudgetMb)
        try c.encode(modes, forKey: .modes)
        try c.encodeIfPresent(loadAverage, forKey: .loadAverage)
        try c.encodeIfPresent(matvecP50Ms?.roundedToTenthMicroseconds, forKey: .matvecP50Ms)
        try c.encodeIfPresent(matvecP99Ms?.roundedToTenthMicroseconds, forKey: .matvecP99Ms)
        try c.encodeIfPresent(kernels, forKey: .kernels)
        try c.encodeIfPresent(cores, forKey: .cores)
        try c.encodeIfPresent(version, forKey: .version)
    }
}

/// Per-keystroke timings of one mode over the query sweep.
public struct ModeResult: Codable, Sendable, Equatable {
    /// The mode's name (`global`, `criss-cross`, …).
    public var mode: String
    /// `AttentionEngine.field` per keystroke, after the first query warmed the cache.
    public var computeP50Ms: Double?
    /// The 99th percentile of compute.
    public var computeP99Ms: Double?
    /// Rendering a 200×60 canvas per keystroke; nil while rendering is not available.
    public var renderP50Ms: Double?
    /// The 99th percentile of render.
    public var renderP99Ms: Double?
    /// The 99th percentile of compute + render of the same keystroke.
    public var totalP99Ms: Double?
    /// The one-time preparation: making the mechanism (extra).
    public var prepareMs: Double?
    /// The first query after preparation, which may fill lazy caches (extra).
    public var firstQueryMs: Double?
    /// The compute's p50 and p99 in this thread's CPU time (extra): what the keystroke costs
    /// without the waits a loaded machine adds to wall time.
    public var computeCPUP50Ms: Double?
    /// See `computeCPUP50Ms`.
    public var computeCPUP99Ms: Double?
    /// Compute + render of a keystroke in thread CPU time, p99 (extra).
    public var totalCPUP99Ms: Double?
    /// The same queries computed back to back by a fresh engine, without a frame drawn between
    /// them, p50 (extra): the conditions of the NumPy baseline, whose caches stay warm.
    public var backToBackP50Ms: Double?
    /// See `backToBackP50Ms`.
    public var backToBackP99Ms: Double?
    /// Back to back with one core (`RuntimeConfiguration.threads` 1), p50 (extra).
    public var oneCoreBackToBackP50Ms: Double?
    /// See `oneCoreBackToBackP50Ms`.
    public var oneCoreBackToBackP99Ms: Double?
    /// Back to back with two cores (`RuntimeConfiguration.threads` 2), p50 (extra).
    public var twoCoresBackToBackP50Ms: Double?
    /// See `twoCoresBackToBackP50Ms`.
    public var twoCoresBackToBackP99Ms: Double?
    /// How many queries were timed (extra).
    public var queries: Int
    /// Why the mode could not be measured (extra; absent when it was).
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case mode
        case computeP50Ms = "compute_p50_ms"
        case computeP99Ms = "compute_p99_ms"
        case renderP50Ms = "render_p50_ms"
        case renderP99Ms = "render_p99_ms"
        case totalP99Ms = "total_p99_ms"
        case prepareMs = "prepare_ms"
        case firstQueryMs = "first_query_ms"
        case computeCPUP50Ms = "compute_cpu_p50_ms"
        case computeCPUP99Ms = "compute_cpu_p99_ms"
        case totalCPUP99Ms = "total_cpu_p99_ms"
        case backToBackP50Ms = "back_to_back_p50_ms"
        case backToBackP99Ms = "back_to_back_p99_ms"
        case oneCoreBackToBackP50Ms = "back_to_back_1_core_p50_ms"
        case oneCoreBackToBackP99Ms = "back_to_back_1_core_p99_ms"
        case twoCoresBackToBackP50Ms = "back_to_back_2_cores_p50_ms"
        case twoCoresBackToBackP99Ms = "back_to_back_2_cores_p99_ms"
        case queries
        case error
    }

    /// Creates a result.
    public init(mode: String, computeP50Ms: Double? = nil, computeP99Ms: Double? = nil, renderP50Ms: Double? = nil,
                renderP99Ms: Double? = nil, totalP99Ms: Double? = nil, prepareMs: Double? = nil,
                firstQueryMs: Double? = nil, queries: Int = 0, error: String? = nil) {
        self.mode = mode
        self.computeP50Ms = computeP50Ms
        self.computeP99Ms = computeP99Ms
        self.renderP50Ms = renderP50Ms
        self.renderP99Ms = renderP99Ms
        self.totalP99Ms = totalP99Ms
        self.prepareMs = prepareMs
        self.firstQueryMs = firstQueryMs
        self.queries = queries
        self.error = error
    }

    /// Encodes the firm keys always (null when not measured) and the extras when present, times
    /// rounded to a tenth of a microsecond.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(mode, forKey: .mode)
        // The firm keys are always written (null when not measured).
        try c.encode(computeP50Ms?.roundedToTenthMicroseconds, forKey: .computeP50Ms)
        try c.encode(computeP99Ms?.roundedToTenthMicroseconds, forKey: .computeP99Ms)
        try c.encode(renderP50Ms?.roundedToTenthMicroseconds, forKey: .renderP50Ms)
        try c.encode(renderP99Ms?.roundedToTenthMicroseconds, forKey: .renderP99Ms)
        try c.encode(totalP99Ms?.roundedToTenthMicroseconds, forKey: .totalP99Ms)
        try c.encode(prepareMs?.roundedToTenthMicroseconds, forKey: .prepareMs)
        try c.encodeIfPresent(firstQueryMs?.roundedToTenthMicroseconds, forKey: .firstQueryMs)
        try c.encodeIfPresent(computeCPUP50Ms?.roundedToTenthMicroseconds, forKey: .computeCPUP50Ms)
        try c.encodeIfPresent(computeCPUP99Ms?.roundedToTenthMicroseconds, forKey: .computeCPUP99Ms)
        try c.encodeIfPresent(totalCPUP99Ms?.roundedToTenthMicroseconds, forKey: .totalCPUP99Ms)
        try c.encodeIfPresent(backToBackP50Ms?.roundedToTenthMicroseconds, forKey: .backToBackP50Ms)
        try c.encodeIfPresent(backToBackP99Ms?.roundedToTenthMicroseconds, forKey: .backToBackP99Ms)
        try c.encodeIfPresent(oneCoreBackToBackP50Ms?.roundedToTenthMicroseconds, forKey: .oneCoreBackToBackP50Ms)
        try c.encodeIfPresent(oneCoreBackToBackP99Ms?.roundedToTenthMicroseconds, forKey: .oneCoreBackToBackP99Ms)
        try c.encodeIfPresent(twoCoresBackToBackP50Ms?.roundedToTenthMicroseconds, forKey: .twoCoresBackToBackP50Ms)
        try c.encodeIfPresent(twoCoresBackToBackP99Ms?.roundedToTenthMicroseconds, forKey: .twoCoresBackToBackP99Ms)
        try c.encode(queries, forKey: .queries)
        try c.encodeIfPresent(error, forKey: .error)
    }
}

extension Double {
    /// Rounded to 4 decimals (a tenth of a microsecond, for milliseconds), so the JSON stays readable.
    var roundedToTenthMicroseconds: Double { (self * 10_000).rounded() / 10_000 }
}
