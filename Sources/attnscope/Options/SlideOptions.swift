import ArgumentParser
import Attention
import Explorer

/// `render`'s options for the explorer's other views: compare, presenter, Swin's views, a
/// target cursor, or a whole saved session.
struct SlideOptions: ParsableArguments {
    @Option(help: "Draw the compare view with these panels, e.g. global,window,dcn,dat.", completion: .modeName)
    var compare: String?
    @Flag(help: "Presenter mode: each map pixel twice the size, a framed cursor, a tick axis.")
    var presenter = false
    @Option(help: "Swin's shifted-window views: original, rolled or both.")
    var view: SwinViewArgument?
    @Option(parsing: .unconditional, help: "The target p as ROW,COL (routes in criss-cross and axial).")
    var target: QueryArgument?
    @Option(parsing: .unconditional, help: "The intermediate m as ROW,COL, on the query's row or column (criss-cross).")
    var intermediate: QueryArgument?
    @Option(help: "Draw the state of a session file (written with w); the other options then apply on top.",
            completion: .sessionFile)
    var session: String?

    func validate() throws {
        if let compare, case let .failure(problem) = ScriptLine.parseModes(compare) {
            throw ValidationError("--compare: \(problem.message)")
        }
    }

    /// Whether any of these options asks for a view beyond the standard frame.
    var asksForExplorerView: Bool {
        compare != nil || presenter || view != nil || target != nil || intermediate != nil || session != nil
    }

    /// Applies the session first, then the options, refusing what does not fit the map.
    func configure(_ state: inout ExplorerState) throws {
        if let session {
            let saved: SessionFile.Saved
            do { saved = try SessionFile.load(session) } catch { throw CommandError("--session \(error)") }
            do { try saved.restore(into: &state) } catch { throw CommandError("--session \(error)") }
        }
        if let compare, case let .success(modes) = ScriptLine.parseModes(compare) {
            state.compare = true
            state.teaching.compareModes = modes
        }
        if presenter { state.teaching.presenter = true }
        if let view { state.teaching.swinView = view.view }
        for (option, point) in [("--target", target), ("--intermediate", intermediate)] {
            guard let p = point?.position else { continue }
            guard p.row >= 0, p.row < state.mapHeight, p.col >= 0, p.col < state.mapWidth else {
                throw CommandError("\(option) \(p.row),\(p.col): outside the \(state.mapHeight)x\(state.mapWidth) map")
            }
        }
        if let p = target?.position { state.teaching.target = p; state.teaching.cursor = .target }
        if let m = intermediate?.position {
            guard m.row == state.query.row || m.col == state.query.col else {
                throw CommandError("--intermediate \(m.row),\(m.col): not on the query's row or column")
            }
            state.teaching.intermediate = m
        }
    }
}

/// `original`, `rolled` or `both`.
struct SwinViewArgument: ExpressibleByArgument {
    let view: TeachingState.SwinView

    init?(argument: String) {
        guard let view = TeachingState.SwinView(rawValue: argument) else { return nil }
        self.view = view
    }

    static var allValueStrings: [String] { TeachingState.SwinView.allCases.map(\.rawValue) }
}
