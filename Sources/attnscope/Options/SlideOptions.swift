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
    @Option(help: "The view: N (the N-th pass or layer, 1-based), full, or Swin's original, rolled or both.")
    var view: ViewArgument?
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
        switch view {
        case let .swin(swin)?: state.teaching.swinView = swin
        case let .step(step)?:
            do {
                try state.apply(ScriptLine(line: 0, directive: .view(step)), file: "--view")
            } catch {
                guard case let .badLine(_, _, problem) = error else { throw CommandError("--view: \(error)") }
                throw CommandError("--view: \(problem)")
            }
        case nil: break
        }
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

/// `--view`: a pass or layer (`N`, 1-based), the `full` map, or one of Swin's views.
enum ViewArgument: ExpressibleByArgument {
    /// Step N − 1, or nil for the full map.
    case step(Int?)
    /// Swin's original, rolled or both views.
    case swin(TeachingState.SwinView)

    init?(argument: String) {
        if let swin = TeachingState.SwinView(rawValue: argument.lowercased()) {
            self = .swin(swin)
        } else if argument.lowercased() == "full" {
            self = .step(nil)
        } else if let n = Int(argument), n >= 1 {
            self = .step(n - 1)
        } else {
            return nil
        }
    }
}
