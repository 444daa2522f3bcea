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
        case let .parameter(setting, value):
            var s = settingsByMode[mode] ?? AttentionSettings()
            if let problem = Self.apply(setting, value, to: &s, mode: mode) { throw refuse(problem) }
            if setting == .head { s.meanOfHeads = false }
            settingsByMode[mode] = s
        case .headMean:
            settingsByMode[mode, default: AttentionSettings()].meanOfHeads = true
        case .shifted:
            settingsByMode[mode, default: AttentionSettings()].shift = settings.window / 2
        case let .view(step):
            let count = mode.descriptor.steps(settings)
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

    /// Sets one mode parameter, or says why it cannot be used (the mode's rules, worded with
    /// the script's keywords). Rules that tie two settings together (LKA's ⌈K/d⌉) are left to
    /// `checkSettings(after:file:)`: a session sets them one line at a time.
    static func apply(_ setting: Setting, _ value: SettingValue?, to s: inout AttentionSettings, mode: Mode) -> String? {
        var changed = s
        if let value { setting.set(value, in: &changed) } else { setting.reset(in: &changed) }
        if setting == .window, case let .integer(m)? = value, m >= 1, changed.shift >= m { changed.shift = m / 2 }
        if setting == .layers, changed.layers == 1 { changed.layers = nil }
        if mode.descriptor.steps(changed) != mode.descriptor.steps(s) { changed.step = nil }
        if let error = mode.descriptor.validate(changed), !error.rule.tiesSettings {
            return error.message(naming: SettingError.keyword)
        }
        s = changed
        return nil
    }

    /// Applies `lines` in order, then refuses settings a mode cannot use as a whole (rules that
    /// tie two settings together), naming the last line that set one of that mode's parameters.
    public mutating func apply(_ lines: [ScriptLine], file: String) throws(ExplorerError) {
        var lastParameter: [Mode: Int] = [:]
        for line in lines {
            try apply(line, file: file)
            if case .parameter = line.directive { lastParameter[mode] = line.line }
        }
        for (mode, line) in lastParameter.sorted(by: { $0.value < $1.value }) {
            if let error = mode.descriptor.validate(settingsByMode[mode] ?? AttentionSettings()) {
                throw .badLine(file: file, line: line, problem: error.message(naming: SettingError.keyword))
            }
        }
    }
}
