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
/// the mode's own caption while the step is shown. A `map` line inside a step switches to
/// another map from that step on (the query moves to the centre if it does not fit).
public struct TourScript: Hashable, Sendable {
    /// One step of the lesson.
    public struct Step: Hashable, Sendable {
        /// The step's name (after `step`), may be empty.
        public var name: String
        /// The line of its `step` keyword.
        public var line: Int
        /// What the step changes, in order.
        public var lines: [ScriptLine]
        /// The map this step switches to (`map` inside the step), with its line.
        public var map: (spec: String, line: Int)?

        /// Equal when name, lines and map agree.
        public static func == (a: Step, b: Step) -> Bool {
            a.name == b.name && a.line == b.line && a.lines == b.lines && a.map?.spec == b.map?.spec && a.map?.line == b.map?.line
        }

        /// Hashes name, lines and map.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(name)
            hasher.combine(line)
            hasher.combine(lines)
            hasher.combine(map?.spec)
        }
    }

    /// A map a tour uses, as the command loaded it: its spec and size.
    public struct MapFacts: Hashable, Sendable {
        /// The map as a session names it (an absolute path or `scene:NAME`).
        public var spec: String
        /// Its display name.
        public var name: String
        /// Its height H.
        public var height: Int
        /// Its width W.
        public var width: Int
        /// Whether it was read from a file.
        public var isLoaded: Bool

        /// Creates map facts.
        public init(spec: String, name: String, height: Int, width: Int, isLoaded: Bool) {
            self.spec = spec
            self.name = name
            self.height = height
            self.width = width
            self.isLoaded = isLoaded
        }
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
        for (line, keyword, value) in try ScriptLine.tokenize(text, file: file) {
            switch keyword {
            case "title":
                guard tour.steps.isEmpty else { throw .badLine(file: file, line: line, problem: "title belongs before the first step") }
                guard !value.isEmpty else { throw .badLine(file: file, line: line, problem: "title: the text is missing") }
                tour.title = value
            case "map":
                guard !value.isEmpty else { throw .badLine(file: file, line: line, problem: "map: a file or scene:NAME is missing") }
                if tour.steps.isEmpty {
                    tour.map = value
                } else {
                    guard tour.steps[tour.steps.count - 1].map == nil else {
                        throw .badLine(file: file, line: line, problem: "map: this step already names a map")
                    }
                    tour.steps[tour.steps.count - 1].map = (value, line)
                }
            case "step":
                tour.steps.append(Step(name: value, line: line, lines: [], map: nil))
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
        try parse(ScriptFile.text(path), file: path)
    }

    /// The map specs the steps switch to, in order of appearance (the header's `map` not included).
    public var stepMaps: [String] {
        var seen: [String] = []
        for step in steps { if let spec = step.map?.spec, !seen.contains(spec) { seen.append(spec) } }
        return seen
    }

    /// The state of step `index`: `base`, then the setup, then steps 0 … index in order (each
    /// step starts without a caption, after switching to its map). `maps` holds the loaded
    /// maps of the steps' `map` lines, by spec. Throws for a line that does not fit the map.
    public func state(at index: Int, from base: ExplorerState,
                      maps: [String: MapFacts] = [:]) throws(ExplorerError) -> ExplorerState {
        var state = base
        try state.apply(setup, file: file)
        for step in steps[0...min(max(index, 0), steps.count - 1)] {
            state.teaching.caption = nil
            if let (spec, line) = step.map {
                guard let facts = maps[spec] else { throw .badLine(file: file, line: line, problem: "map \(spec) was not loaded") }
                state.switchMap(to: facts)
            }
            try state.apply(step.lines, file: file)
        }
        return state
    }

    /// Checks every step against its map's state (query positions, views), so that a tour that
    /// does not fit is refused before it starts.
    public func validate(from base: ExplorerState, maps: [String: MapFacts] = [:]) throws(ExplorerError) {
        _ = try state(at: steps.count - 1, from: base, maps: maps)
    }
}
