import Attention
import Foundation
import Rendering

/// The explorer state as a small text file (`w` writes it, `--session FILE` restores it).
///
/// A session file is a script in the tour language without steps: `map`, then every mode's
/// parameters (`mode …` followed by its settings), then the current mode, query, temperature,
/// display and teaching settings. Applying it to a fresh state on the same map gives back the
/// saved state.
public enum SessionFile {
    /// The first line of every session file.
    public static let header = "# attnscope session: restore with attnscope --session FILE"

    /// The session text of `state`.
    public static func text(of state: ExplorerState) -> String {
        var lines = [header, "map \(ScriptValue.spelled(state.teaching.mapSpec ?? state.mapName))"]
        for mode in Mode.allCases {
            let s = state.settingsByMode[mode] ?? AttentionSettings()
            lines.append("mode \(mode.name)")
            lines.append("window \(s.window)")
            lines.append("shift \(s.shift)")
            lines.append("passes \(s.passes.map(String.init) ?? "default")")
            lines.append("gamma \(s.gamma)")
            lines.append("kernel \(s.kernel.map(String.init) ?? "default")")
            lines.append("dilation \(s.dilation.map(String.init) ?? "default")")
            lines.append("stride \(s.stride.map(String.init) ?? "default")")
            lines.append("offset-range \(s.offsetRange)")
            lines.append("layers \(s.layers.map(String.init) ?? "default")")
            lines.append("scale \(s.scale.map { "\($0)" } ?? "default")")
            lines.append(s.meanOfHeads ? "head mean" : "head \(s.head)")
            lines.append("group \(s.group)")
            lines.append("view \(s.step.flatMap { $0 >= 0 && $0 < Int.max ? String($0 + 1) : nil } ?? "full")")
        }
        let t = state.teaching
        lines += [
            "mode \(state.mode.name)",
            "query \(state.query.row),\(state.query.col)",
            "temperature \(state.temperature)",
            "compare \(on(state.compare))",
            "compare-set \(t.compareModes.map(\.name).joined(separator: ","))",
            "target \(t.target.map { "\($0.row),\($0.col)" } ?? "off")",
            "intermediate \(t.intermediate.map { "\($0.row),\($0.col)" } ?? "off")",
            "cursor \(t.cursor.rawValue)",
            "residual \(on(t.residual))",
            "presenter \(on(t.presenter))",
            "quiz \(on(t.quiz))",
            "reveal \(on(t.revealed))",
            "overlays \(on(state.showOverlays))",
            "panel \(on(state.showPanel))",
            "colormap \(state.colormap.rawValue)",
            "glyphs \(state.glyphStyle.rawValue)",
            "value-scale \(scaleArgument(state.valueScale))",
        ]
        if let caption = t.caption { lines.append("caption \(ScriptValue.spelled(caption))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A saved session: the map it names and the lines that rebuild the state.
    public struct Saved: Hashable, Sendable {
        /// The file it came from.
        public var file: String
        /// The map (`map` line), nil when the file has none.
        public var map: String?
        /// The state-changing lines, in order.
        public var lines: [ScriptLine]

        /// Applies the session to `state` (a fresh state on the session's map).
        public func restore(into state: inout ExplorerState) throws(ExplorerError) {
            try state.apply(lines, file: file)
            // A restored compare/target view must not be fought by a stale step.
            state.message = nil
        }
    }

    /// Reads session text; a malformed line is refused with `file:line`.
    public static func parse(_ text: String, file: String) throws(ExplorerError) -> Saved {
        var saved = Saved(file: file, map: nil, lines: [])
        for (line, keyword, value) in try ScriptLine.tokenize(text, file: file) {
            switch keyword {
            case "map":
                guard !value.isEmpty else { throw .badLine(file: file, line: line, problem: "map: a file or scene:NAME is missing") }
                saved.map = value
            case "step", "title":
                throw .badLine(file: file, line: line, problem: "'\(keyword)' belongs in a tour, not a session file")
            default:
                switch ScriptLine.parse(keyword: keyword, value: value) {
                case let .failure(problem): throw .badLine(file: file, line: line, problem: problem.message)
                case let .success(directive): saved.lines.append(ScriptLine(line: line, directive: directive))
                }
            }
        }
        guard saved.map != nil || !saved.lines.isEmpty else { throw .badFile(file: file, problem: "is empty (no session lines)") }
        return saved
    }

    /// Reads a session file from disk.
    public static func load(_ path: String) throws(ExplorerError) -> Saved {
        try parse(ScriptFile.text(path), file: path)
    }

    static func on(_ flag: Bool) -> String { flag ? "on" : "off" }

    /// `--scale-mode` spelling of a value scale, exact (`log:4`, `clip:0.1`).
    static func scaleArgument(_ scale: ValueScale) -> String {
        switch scale {
        case .auto: return "auto"
        case .linear: return "linear"
        case let .log(decades): return "log:\(decades)"
        case let .clipped(fraction): return "clip:\(fraction)"
        }
    }
}
