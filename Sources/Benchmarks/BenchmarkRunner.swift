import Attention
import FeatureMaps
import Foundation

/// Measures one map size in this process: load, first frame, then a query sweep per mode.
///
/// Run one size per process (`attnscope bench` re-executes itself per size) so that the peak
/// resident memory of one size does not carry into the next.
public struct BenchmarkRunner {
    /// The map size.
    public var size: MapSize
    /// Keystrokes timed per mode (after one warm-up query).
    public var queriesPerMode: Int
    /// What renders a frame (made from the loaded map); nil leaves the render columns empty.
    public var makeDrawer: ((FeatureMap) -> any FrameDrawing)?
    /// The settings every mode runs with (the defaults: what the explorer opens with).
    public var settings = AttentionSettings()
    /// The modes to measure (by default every mode that runs without loaded tensors: loaded
    /// attention needs its file).
    public var modes = Mode.allCases.filter { $0.descriptor.needs.isEmpty }
    /// How the engines use the machine (the executable's, from its environment).
    public var runtime = RuntimeConfiguration()

    /// A runner for `size`, timing `queriesPerMode` keystrokes per mode.
    public init(size: MapSize, queriesPerMode: Int = 300, makeDrawer: ((FeatureMap) -> any FrameDrawing)?) {
        self.size = size
        self.queriesPerMode = queriesPerMode
        self.makeDrawer = makeDrawer
    }

    /// Writes a random `.npy` of the size to a temporary directory, loads it, and measures.
    public func run() throws -> SizeResult {
        let load = SystemLoad.oneMinute
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("attnscope-bench-\(getpid())-\(size)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("features.npy").path
        try SyntheticNPY.write(to: path, channels: size.channels, height: size.height, width: size.width)

        // Startup to first frame: load, the explorer's first (global) field, its canvas.
        var clock = Stopwatch()
        let map = try FeatureMapLoader.load(path)
        let loadMs = clock.lap()
        guard map.channels == size.channels, map.height == size.height, map.width == size.width else {
            throw BenchmarkError("\(path): loaded as \(map.channels)x\(map.height)x\(map.width), written as \(size)")
        }
        let centre = Position(row: size.height / 2, col: size.width / 2)
        let drawer = makeDrawer?(map)
        do {
            let engine = AttentionEngine(map: map, runtime: runtime)
            let field = try engine.field(.global, at: centre, settings: settings)
            drawer?.draw(field)
        }
        let firstFrameMs = loadMs + clock.lap()

        let sweep = QuerySweep.positions(height: size.height, width: size.width, count: queriesPerMode + 1)
        var modes: [ModeResult] = []
        do {
            let engine = AttentionEngine(map: map, runtime: runtime)
            modes = self.modes.map { measure($0, engine: engine, sweep: sweep, drawer: drawer) }
        }
        // The explorer's peak; the back-to-back pass below (a measuring aid, with engines of its
        // own) is left out of it.
        let peak = ResidentMemory.peakMiB
        for (i, mode) in self.modes.enumerated() where modes[i].error == nil {
            let times = measureBackToBack(mode, map: map, sweep: sweep, runtime: runtime)
            modes[i].backToBackP50Ms = Percentile.of(times, 50)
            modes[i].backToBackP99Ms = Percentile.of(times, 99)
            let (one, two) = measureCoresSideBySide(mode, map: map, sweep: sweep)
            modes[i].oneCoreBackToBackP50Ms = Percentile.of(one, 50)
            modes[i].oneCoreBackToBackP99Ms = Percentile.of(one, 99)
            modes[i].twoCoresBackToBackP50Ms = Percentile.of(two, 50)
            modes[i].twoCoresBackToBackP99Ms = Percentile.of(two, 99)
        }
        let matvec = self.modes.contains(.global) ? measureMatvec(map: map, sweep: sweep) : []
        return SizeResult(size: [size.channels, size.height, size.width], loadMs: loadMs, firstFrameMs: firstFrameMs,
                          peakRSSMb: peak, mapMb: size.mebibytes,
                          rssBudgetMb: 1.5 * size.mebibytes + 40, modes: modes, loadAverage: load,
                          matvecP50Ms: Percentile.of(matvec, 50), matvecP99Ms: Percentile.of(matvec, 99),
                          kernels: Kernels.currentLevelName, cores: runtime.cores)
    }

    /// Times global attention's matrix–vector product alone (`q·K` over every pixel, no softmax,
    /// no statistics) per query of the sweep: the number to hold against NumPy's `K @ q`.
    func measureMatvec(map: FeatureMap, sweep: [Position]) -> [Double] {
        let features = QueryKeyFeatures(map: map, projection: nil)
        var out = [Float](repeating: 0, count: map.pixelCount)
        var query = [Float](repeating: 0, count: map.channels)
        var times: [Double] = []
        var clock = Stopwatch()
        for (k, p) in sweep.enumerated() {
            let u = p.row * map.width + p.col
            for c in 0..<map.channels { query[c] = map.data[c * map.pixelCount + u] }
            _ = clock.lap()
            features.dotAll(query, into: &out)
            let t = clock.lap()
            if k > 0 { times.append(t) }  // the first one warms the caches
        }
        return times
    }

    /// Times the sweep's queries back to back with a fresh engine using the machine as `runtime`
    /// says (so no cache is left from the measured sweep) and no frame between them: how the
    /// NumPy baseline times its queries.
    func measureBackToBack(_ mode: Mode, map: FeatureMap, sweep: [Position], runtime: RuntimeConfiguration) -> [Double] {
        let engine = AttentionEngine(map: map, runtime: runtime)
        var times: [Double] = []
        var clock = Stopwatch()
        guard (try? engine.field(mode, at: sweep[0], settings: settings)) != nil else { return [] }
        for query in sweep.dropFirst() {
            _ = clock.lap()
            guard (try? engine.field(mode, at: query, settings: settings)) != nil else { return [] }
            times.append(clock.lap())
        }
        return times
    }

    /// Times the sweep's queries back to back on one core and on two: two fresh engines (threads
    /// 1 and 2) take each query in turn, the order alternating, so that a machine whose speed
    /// drifts (other work, frequency) weighs on both alike.
    func measureCoresSideBySide(_ mode: Mode, map: FeatureMap, sweep: [Position]) -> (one: [Double], two: [Double]) {
        var single = runtime, double = runtime
        single.threads = 1
        double.threads = 2
        let engines = [AttentionEngine(map: map, runtime: single), AttentionEngine(map: map, runtime: double)]
        var times: [[Double]] = [[], []]
        var clock = Stopwatch()
        for engine in engines {
            guard (try? engine.field(mode, at: sweep[0], settings: settings)) != nil else { return ([], []) }
        }
        for (k, query) in sweep.dropFirst().enumerated() {
            for e in (k % 2 == 0 ? [0, 1] : [1, 0]) {
                _ = clock.lap()
                guard (try? engines[e].field(mode, at: query, settings: settings)) != nil else { return ([], []) }
                times[e].append(clock.lap())
            }
        }
        return (times[0], times[1])
    }

    /// Prepares `mode`, warms it with the sweep's first query, then times the rest.
    func measure(_ mode: Mode, engine: AttentionEngine, sweep: [Position], drawer: (any FrameDrawing)?) -> ModeResult {
        var result = ModeResult(mode: mode.name)
        var clock = Stopwatch()
        do {
            _ = try engine.mechanism(mode, settings: settings)
            result.prepareMs = clock.lap()
            drawer?.draw(try engine.field(mode, at: sweep[0], settings: settings))
            result.firstQueryMs = clock.lap()
            var compute: [Double] = [], render: [Double] = [], total: [Double] = []
            var cpu: [Double] = [], totalCPU: [Double] = []
            compute.reserveCapacity(sweep.count)
            render.reserveCapacity(sweep.count)
            total.reserveCapacity(sweep.count)
            for query in sweep.dropFirst() {
                let cpu0 = Stopwatch.threadCPUMilliseconds()
                _ = clock.lap()
                let field = try engine.field(mode, at: query, settings: settings)
                let c = clock.lap()
                let cpu1 = Stopwatch.threadCPUMilliseconds()
                cpu.append(cpu1 - cpu0)
                compute.append(c)
                if let drawer {
                    drawer.draw(field)
                    let r = clock.lap()
                    render.append(r)
                    total.append(c + r)
                    totalCPU.append(Stopwatch.threadCPUMilliseconds() - cpu0)
                }
            }
            result.queries = compute.count
            result.computeP50Ms = Percentile.of(compute, 50)
            result.computeP99Ms = Percentile.of(compute, 99)
            result.computeCPUP50Ms = Percentile.of(cpu, 50)
            result.computeCPUP99Ms = Percentile.of(cpu, 99)
            result.totalCPUP99Ms = Percentile.of(totalCPU, 99)
            result.renderP50Ms = Percentile.of(render, 50)
            result.renderP99Ms = Percentile.of(render, 99)
            result.totalP99Ms = Percentile.of(total, 99)
        } catch {
            result.error = "\(error)"
        }
        return result
    }
}
