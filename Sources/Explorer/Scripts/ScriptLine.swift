import Foundation
import Attention
import Rendering

/// One line of a tour or session file: a keyword and its value, e.g. `query 10,12`.
///
/// Tours and sessions share this little language; each line changes the explorer state, in
/// order, so a session file is simply the script that rebuilds a state from the defaults, and a
/// tour step is the script that turns the previous step into this one.
public struct ScriptLine: Hashable, Sendable {
    /// The 1-based line number in its file.
    public var line: Int
    /// What the line does.
    public var directive: Directive

    /// Creates a line.
    public init(line: Int, directive: Directive) {
        self.line = line
        self.directive = directive
    }

    /// What one line does.
    public enum Directive: Hashable, Sendable {
        /// `mode NAME`: the mechanism (parameters that follow apply to it).
        case mode(Mode)
        /// `query R,C`.
        case query(Position)
        /// `temperature T` (shared by every mode).
        case temperature(Float)
        /// A mode parameter (`window 7`, `shift 3`, `passes 2`, `gamma 0.5`, `kernel 7`,
        /// `dilation 3`, `stride 4`, `offset-range -1`, `layers 3`, `scale 0.125`, `head 0`,
        /// `group 0`; nil: `default`), applied to the current mode's settings. The keywords are
        /// `Setting`'s names.
        case parameter(Setting, SettingValue?)
        /// `head mean`: the current mode shows the mean of every head's map.
        case headMean
        /// `shifted`: the current window's shift M//2.
        case shifted
        /// `view full` or `view N`: the N-th pass or layer of the current mode (1-based).
        case view(Int?)
        /// `target R,C` or `target off`: the route target p.
        case target(Position?)
        /// `intermediate R,C` or `intermediate off`: the position m on the query's cross.
        case intermediate(Position?)
        /// `cursor query|target|intermediate`: which cursor the movement keys move.
        case cursor(TeachingState.Cursor)
        /// `residual on|off` (criss-cross).
        case residual(Bool)
        /// `compare on|off`.
        case compare(Bool)
        /// `compare-set global,window,…`: the compare view's panels.
        case compareSet([Mode])
        /// `presenter on|off`.
        case presenter(Bool)
        /// `quiz on|off`.
        case quiz(Bool)
        /// `reveal on|off`: whether the quiz's answer is shown.
        case reveal(Bool)
        /// `overlays on|off`.
        case overlays(Bool)
        /// `panel on|off`.
        case panel(Bool)
        /// `colormap NAME`.
        case colormap(Colormap)
        /// `glyphs auto|half|wide|shade|ascii`.
        case glyphs(GlyphStyle)
        /// `value-scale linear|log[:N]|clip[:F]`.
        case valueScale(ValueScale)
        /// `caption TEXT` (tours; several lines are joined with spaces).
        case caption(String)
    }

}

extension ScriptLine {
    /// The keywords of every directive, for error messages.
    static let keywords = ["mode", "query", "temperature"] + parameterSettings.map(\.rawValue) + ["shifted", "view", "target",
                           "intermediate", "cursor", "residual", "compare", "compare-set", "presenter", "quiz",
                           "reveal", "overlays", "panel", "colormap", "glyphs", "value-scale", "caption"]

    /// The settings a line sets by their own keyword (temperature and the view have their own lines).
    static let parameterSettings = Setting.allCases.filter { $0 != .temperature && $0 != .step }

    /// Parses one non-blank, non-comment line (`keyword value`); the error says what is wrong.
    static func parse(keyword: String, value: String) -> Result<Directive, ScriptProblem> {
        func fail(_ text: String) -> Result<Directive, ScriptProblem> { .failure(ScriptProblem(text)) }
        /// A setting's value: a whole number or a finite real as the setting holds, or
        /// `default` where the setting may be unset.
        func parameter(_ setting: Setting) -> Result<Directive, ScriptProblem> {
            if setting.mayBeDefault && value.lowercased() == "default" { return .success(.parameter(setting, nil)) }
            if setting == .head && value.lowercased() == "mean" { return .success(.headMean) }
            let orDefault = setting.mayBeDefault ? " (or default)" : ""
            if setting.isWholeNumber {
                guard let v = Int(value) else { return fail("\(keyword): '\(value)' is not a whole number\(orDefault)") }
                return .success(.parameter(setting, .integer(v)))
            }
            guard let v = Float(value), v.isFinite else { return fail("\(keyword): '\(value)' is not a number\(orDefault)") }
            return .success(.parameter(setting, .real(v)))
        }
        func float(_ make: (Float) -> Directive) -> Result<Directive, ScriptProblem> {
            guard let v = Float(value), v.isFinite else { return fail("\(keyword): '\(value)' is not a number") }
            return .success(make(v))
        }
        func flag(_ make: (Bool) -> Directive) -> Result<Directive, ScriptProblem> {
            switch value.lowercased() {
            case "on", "yes", "true": return .success(make(true))
            case "off", "no", "false": return .success(make(false))
            default: return fail("\(keyword): expected on or off, got '\(value)'")
            }
        }
        func position(_ make: (Position?) -> Directive, allowOff: Bool) -> Result<Directive, ScriptProblem> {
            if allowOff && value.lowercased() == "off" { return .success(make(nil)) }
            guard let p = parsePosition(value) else {
                return fail("\(keyword): expected R,C (0-based row and column)\(allowOff ? " or off" : ""), got '\(value)'")
            }
            return .success(make(p))
        }
        let needsValue = keyword != "shifted"
        if needsValue && value.isEmpty { return fail("\(keyword): a value is missing") }
        if !needsValue && !value.isEmpty { return fail("shifted takes no value (it sets shift M//2)") }
        switch keyword {
        case "mode":
            guard let mode = Mode(rawValue: value.lowercased()) else {
                return fail("mode: '\(value)' is not one of \(Mechanisms.names)")
            }
            return .success(.mode(mode))
        case "query": return position({ .query($0 ?? Position(row: 0, col: 0)) }, allowOff: false)
        case "temperature":
            guard let v = Float(value), v.isFinite, v > 0 else { return fail("temperature: '\(value)' is not a positive number") }
            return .success(.temperature(v))
        case "shifted": return .success(.shifted)
        case "view":
            if value.lowercased() == "full" { return .success(.view(nil)) }
            guard let n = Int(value), n >= 1 else { return fail("view: expected full or a step number from 1, got '\(value)'") }
            return .success(.view(n - 1))
        case "target": return position(Directive.target, allowOff: true)
        case "intermediate": return position(Directive.intermediate, allowOff: true)
        case "cursor":
            guard let c = TeachingState.Cursor(rawValue: value.lowercased()) else {
                return fail("cursor: expected query, target or intermediate, got '\(value)'")
            }
            return .success(.cursor(c))
        case "residual": return flag(Directive.residual)
        case "compare": return flag(Directive.compare)
        case "compare-set":
            switch parseModes(value) {
            case let .success(modes): return .success(.compareSet(modes))
            case let .failure(problem): return .failure(problem)
            }
        case "presenter": return flag(Directive.presenter)
        case "quiz": return flag(Directive.quiz)
        case "reveal": return flag(Directive.reveal)
        case "overlays": return flag(Directive.overlays)
        case "panel": return flag(Directive.panel)
        case "colormap":
            guard let c = Colormap(rawValue: value.lowercased()) else {
                return fail("colormap: '\(value)' is not one of \(Colormap.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .success(.colormap(c))
        case "glyphs":
            guard let g = GlyphStyle(rawValue: value.lowercased()) else {
                return fail("glyphs: '\(value)' is not one of \(GlyphStyle.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .success(.glyphs(g))
        case "value-scale":
            guard let s = ValueScale(argument: value) else { return fail("value-scale: '\(value)' is not linear, log[:N] or clip[:F]") }
            return .success(.valueScale(s))
        case "caption": return .success(.caption(value))
        default:
            if let setting = Setting(rawValue: keyword), parameterSettings.contains(setting) { return parameter(setting) }
            return fail("unknown keyword '\(keyword)' (expected one of: \(keywords.joined(separator: ", ")))")
        }
    }

    /// `R,C` as a position (non-negative whole numbers).
    static func parsePosition(_ text: String) -> Position? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let r = Int(parts[0]), let c = Int(parts[1]), r >= 0, c >= 0 else { return nil }
        return Position(row: r, col: c)
    }

    /// A comma-separated list of mode names (1 … `maximumComparePanels`, no repeats).
    public static func parseModes(_ text: String) -> Result<[Mode], ScriptProblem> {
        var modes: [Mode] = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let mode = Mode(rawValue: name) else {
                return .failure(ScriptProblem("'\(name)' is not a mode (\(Mechanisms.names))"))
            }
            guard !modes.contains(mode) else { return .failure(ScriptProblem("\(name) is listed twice")) }
            modes.append(mode)
        }
        guard !modes.isEmpty else { return .failure(ScriptProblem("no modes listed")) }
        guard modes.count <= TeachingState.maximumComparePanels else {
            return .failure(ScriptProblem("at most \(TeachingState.maximumComparePanels) panels (got \(modes.count))"))
        }
        return .success(modes)
    }

    /// Splits a file into (line number, keyword, value) triples, skipping blanks and `#` comments;
    /// a quoted value is read back to the text it stands for (see `ScriptValue`).
    static func tokenize(_ text: String, file: String) throws(ExplorerError) -> [(line: Int, keyword: String, value: String)] {
        var out: [(Int, String, String)] = []
        // Split on the scalar "\n": as a Character, "\r\n" is one grapheme and would not split,
        // so a file with Windows line ends would read as a single line.
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let keyword: String, written: String
            if let space = line.firstIndex(where: { $0 == " " || $0 == "\t" }) {
                keyword = String(line[..<space]).lowercased()
                written = line[space...].trimmingCharacters(in: .whitespaces)
            } else {
                keyword = line.lowercased()
                written = ""
            }
            switch ScriptValue.read(written) {
            case let .success(value): out.append((index + 1, keyword, value))
            case let .failure(problem): throw .badLine(file: file, line: index + 1, problem: "\(keyword): \(problem.message)")
            }
        }
        return out
    }
}
