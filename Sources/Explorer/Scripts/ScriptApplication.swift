import Attention
import Rendering

extension ExplorerState {
    /// Applies one script line; a value that does not fit the map or mode is refused with the
    /// file and line.
    public mutating func apply(_ line: ScriptLine, file: String) throws(ExplorerError) {
        func refuse(_ problem: String) -> ExplorerError { .badLine(file: file, line: line.line, problem: problem) }
        func inside(_ p: Position, _ what: String) throws(ExplorerError) {
            guard p.row < mapHeight, p.col < mapWidth else {
                throw refuse("\(what) \(p.row),\(p.col) is outside the \(mapHeight)×\(mapWidth) map")
            }
        }
        switch line.directive {
        case let .mode(mode):
            self.mode = mode
        case let .query(p):
            try inside(p, "query")
            query = p
        case let .temperature(t):
            temperature = t
        case let .parameter(parameter):
            var s = settingsByMode[mode] ?? AttentionSettings()
            if let problem = Self.apply(parameter, to: &s, mode: mode) { throw refuse(problem) }
            settingsByMode[mode] = s
        case let .view(step):
            let count = TeachingSteps.count(mode, settings: settings)
            if let step {
                guard count > 0 else { throw refuse("view: \(mode.name) has a single view with these settings (use view full)") }
                guard step < count else { throw refuse("view: \(mode.name) has \(count) steps here (got \(step + 1))") }
            }
            settingsByMode[mode, default: AttentionSettings()].step = step
        case let .target(p):
            if let p { try inside(p, "target") }
            teaching.target = p
        case let .intermediate(p):
            if let p { try inside(p, "intermediate") }
            teaching.intermediate = p
        case let .cursor(c):
            teaching.cursor = c
        case let .residual(on): teaching.residual = on
        case let .compare(on): compare = on
        case let .compareSet(modes): teaching.compareModes = modes
        case let .presenter(on): teaching.presenter = on
        case let .quiz(on):
            teaching.quiz = on
            teaching.revealed = false
        case let .reveal(on): teaching.revealed = on
        case let .overlays(on): showOverlays = on
        case let .panel(on): showPanel = on
        case let .colormap(c): colormap = c
        case let .glyphs(g): glyphStyle = g
        case let .valueScale(v): valueScale = v
        case let .caption(text):
            teaching.caption = teaching.caption.map { $0 + " " + text } ?? text
        }
    }

    /// Sets one mode parameter, or says why it cannot be used.
    static func apply(_ parameter: ScriptLine.Parameter, to s: inout AttentionSettings, mode: Mode) -> String? {
        switch parameter {
        case let .window(m):
            guard m >= 1 else { return "window: M must be at least 1 (got \(m))" }
            if s.shift >= m { s.shift = m / 2 }
            s.window = m
        case let .shift(v):
            let value = v < 0 ? s.window / 2 : v
            guard value >= 0, value < s.window else { return "shift: must be in [0, \(s.window)) for window \(s.window) (got \(value))" }
            s.shift = value
        case let .passes(value):
            guard let r = value else { s.passes = nil; s.step = nil; return nil }
            let limit = mode == .axial ? 2 : 4
            guard r >= 1, r <= limit else { return "passes: \(mode == .axial ? "axial has 1 or 2" : "1 … 4") (got \(r))" }
            s.passes = r
            s.step = nil
        case let .gamma(g): s.gamma = g
        case let .kernel(value):
            guard let k = value else { s.kernel = nil; return nil }
            guard k >= 1 else { return "kernel: K must be at least 1 (got \(k))" }
            if (mode == .dcn || mode == .neighborhood) && k % 2 == 0 { return "kernel: \(mode.name) needs an odd K (got \(k))" }
            s.kernel = k
        case let .dilation(value):
            guard let d = value else { s.dilation = nil; return nil }
            guard d >= 1 else { return "dilation: must be at least 1 (got \(d))" }
            s.dilation = d
        case let .stride(value):
            guard let r = value else { s.stride = nil; return nil }
            guard r >= 1 else { return "stride: must be at least 1 (got \(r))" }
            s.stride = r
        case let .offsetRange(f): s.offsetRange = f
        case let .layers(value):
            let l = value ?? 1
            guard l >= 1, l <= StackedLayers.maximumLayers else { return "layers: 1 … \(StackedLayers.maximumLayers) (got \(l))" }
            guard l == 1 || StackedLayers.stackableModes.contains(mode) else {
                return "layers: \(mode.name) cannot be stacked (window, neighborhood, dcn, lka can)"
            }
            s.layers = l == 1 ? nil : l
            s.step = nil
        case let .scale(value):
            guard let v = value else { s.scale = nil; return nil }
            guard v > 0 else { return "scale: must be positive (got \(v))" }
            s.scale = v
        case let .head(h):
            guard h >= 0 else { return "head: must be 0 or more (got \(h))" }
            s.head = h
        case let .group(g):
            guard g >= 0 else { return "group: must be 0 or more (got \(g))" }
            s.group = g
        }
        return nil
    }
}

/// How many steps a mode offers with given settings, known before anything is computed.
public enum TeachingSteps {
    /// 0 for a single view; criss-cross R + 1 (passes and composed), axial 1 or 3, a layer stack L.
    public static func count(_ mode: Mode, settings: AttentionSettings) -> Int {
        if let layers = settings.layers, layers > 1, StackedLayers.stackableModes.contains(mode) { return layers }
        switch mode {
        case .crissCross: return (settings.passes ?? 2) + 1
        case .axial: return (settings.passes ?? 2) == 1 ? 1 : 3
        default: return 0
        }
    }
}
