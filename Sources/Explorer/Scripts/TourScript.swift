import Attention
import Foundation

/// A lesson: a title, a map, and steps that each change the explorer state and say something.
///
/// The format, one directive per line (`#` starts a comment line, blank lines are skipped):
/// ```
/// title Swin's shifted windows
/// map scene:default
///
/// step Regular windows
/// mode window
/// window 7
/// query 10,12
/// caption Each query reads only its own 7×7 window.
/// ```
/// Lines before the first `step` (besides `title` and `map`) set the starting state. Each step
/// continues from the previous step's state; its `caption` lines (joined with spaces) replace
/// the mode's own caption while the step is shown.
public struct TourScript: Hashable, Sendable {
    /// One step of the lesson.
    public struct Step: Hashable, Sendable {
        /// The step's name (after `step`), may be empty.
        public var name: String
        /// The line of its `step` keyword.
        public var line: Int
        /// What the step changes, in order.
        public var lines: [ScriptLine]
    }

    /// The file it was read from (for messages).
    public var file: String
    /// The lesson's title.
    public var title: String?
    /// The map the lesson is about (`map` line), nil: the command line's.
    public var map: String?
    /// Directives before the first step.
    public var setup: [ScriptLine]
    /// The steps, at least one.
    public var steps: [Step]

    /// Reads a tour; any malformed line is refused with `file:line`.
    public static func parse(_ text: String, file: String) throws(ExplorerError) -> TourScript {
        var tour = TourScript(file: file, title: nil, map: nil, setup: [], steps: [])
        for (line, keyword, value) in ScriptLine.tokenize(text) {
            switch keyword {
            case "title":
                guard tour.steps.isEmpty else { throw .badLine(file: file, line: line, problem: "title belongs before the first step") }
                guard !value.isEmpty else { throw .badLine(file: file, line: line, problem: "title: the text is missing") }
                tour.title = value
            case "map":
                guard tour.steps.isEmpty else {
                    throw .badLine(file: file, line: line, problem: "map belongs before the first step (a tour explores one map)")
                }
                guard !value.isEmpty else { throw .badLine(file: file, line: line, problem: "map: a file or scene:NAME is missing") }
                tour.map = value
            case "step":
                tour.steps.append(Step(name: value, line: line, lines: []))
            default:
                switch ScriptLine.parse(keyword: keyword, value: value) {
                case let .failure(problem): throw .badLine(file: file, line: line, problem: problem.message)
                case let .success(directive):
                    let parsed = ScriptLine(line: line, directive: directive)
                    if tour.steps.isEmpty {
                        if case .caption = directive {
                            throw .badLine(file: file, line: line, problem: "caption belongs to a step (put a step line before it)")
                        }
                        tour.setup.append(parsed)
                    } else {
                        tour.steps[tour.steps.count - 1].lines.append(parsed)
                    }
                }
            }
        }
        guard !tour.steps.isEmpty else { throw .badFile(file: file, problem: "no steps (a tour needs at least one 'step' line)") }
        return tour
    }

    /// Reads a tour file from disk.
    public static func load(_ path: String) throws(ExplorerError) -> TourScript {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .badFile(file: path, problem: "cannot be read (missing or not a file)")
        }
        guard data.count <= 1 << 20 else { throw .badFile(file: path, problem: "is larger than 1 MiB; a tour is a small text file") }
        guard let text = String(data: data, encoding: .utf8) else { throw .badFile(file: path, problem: "is not UTF-8 text") }
        return try parse(text, file: path)
    }

    /// The state of step `index`: `base`, then the setup, then steps 0 … index in order (each
    /// step starts without a caption). Throws for a line that does not fit the map.
    public func state(at index: Int, from base: ExplorerState) throws(ExplorerError) -> ExplorerState {
        var state = base
        for line in setup { try state.apply(line, file: file) }
        for step in steps[0...min(max(index, 0), steps.count - 1)] {
            state.teaching.caption = nil
            for line in step.lines { try state.apply(line, file: file) }
        }
        return state
    }

    /// Checks every step against a map's state (query positions, views), so that a tour that
    /// does not fit is refused before it starts.
    public func validate(from base: ExplorerState) throws(ExplorerError) {
        _ = try state(at: steps.count - 1, from: base)
    }
}
