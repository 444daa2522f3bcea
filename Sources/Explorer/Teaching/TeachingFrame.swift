import Attention
import Foundation
import Rendering

/// The teaching aids' part of a frame: the quiz's hidden weights and guess, the second cursors, a
/// tour's caption, presenter mode's style (its ticked legend is Rendering's), and the teaching
/// keys in the hint line.
public enum TeachingFrame {
    /// The field as the teaching state shows it: weights hidden by the quiz, a marker on the
    /// target cursor when routes are not drawn.
    public static func displayed(_ field: AttentionField, state: ExplorerState) -> AttentionField {
        var out = field
        if field.mode == state.mode, let p = state.teaching.target, state.teaching.cursor == .target || state.showsRoutes,
           !field.overlays.contains(.marker(p, label: "p")), p.row < field.height, p.col < field.width {
            out.overlays.append(.marker(p, label: "p"))
        }
        if field.mode == state.mode, state.teaching.quiz {
            // The guess, on the hidden map and beside the answer once revealed.
            let g = state.teaching.guess ?? state.query
            if g.row < field.height, g.col < field.width { out.overlays.append(.marker(g, label: "guess")) }
        }
        if state.teaching.hidesWeights {
            out.storedWeights = .sparse(SparseWeights(count: field.storedWeights.count))
            out.samples = out.samples.map { Sample(y: $0.y, x: $0.x, weight: 0) }
            out.notes = []
            out.extras = [:]
        }
        return out
    }

    /// `content` with the tour caption, the quiz's hidden numbers, presenter's legend and the
    /// teaching keys in the hint line.
    public static func adjust(_ content: FrameContent, state: ExplorerState, outcome: FieldOutcome?) -> FrameContent {
        var out = content
        let t = state.teaching
        if !state.compare, t.swinView != .both, out.views.contains(where: { $0.coordinates == .rolled }) {
            let keep: ViewCoordinates = t.swinView == .rolled ? .rolled : .original
            out.views = out.views.filter { $0.coordinates == keep }
        }
        if let caption = t.caption { out.caption = caption }
        if let progress = t.tour {
            let name = progress.step.name.isEmpty ? "" : " · \(progress.step.name)"
            let title = progress.tour.title.map { "\($0) · " } ?? ""
            out.caption = "\(title)step \(progress.index + 1)/\(progress.tour.steps.count)\(name): " + (out.caption ?? "")
        }
        if !t.hidesWeights, state.message == nil, case let .field(field, _)? = outcome, field.mode == state.mode,
           let facts = teachingFacts(field, state: state) {
            // The lesson's numbers right after the mode and query, so a narrow status line keeps them.
            var parts = (out.status ?? "").components(separatedBy: " │ ")
            parts.insert(facts, at: min(1, parts.count))
            out.status = parts.joined(separator: " │ ")
        }
        if t.hidesWeights {
            // Nothing that gives the answer away: no weights, numbers or caption.
            let g = t.guess ?? state.query
            out.caption = "Quiz: where does the query \(state.query.row),\(state.query.col) read most? "
                + "Move the guess with the arrows (or click), Enter reveals and scores it."
            out.status = "\(state.mode.name) q=\(state.query.row),\(state.query.col) │ quiz: guess \(g.row),\(g.col) │ \(t.score.summary)"
            out.sidePanel = [state.mode.title, state.mapName, "", "quiz: weights hidden", t.score.summary]
            out.hidesWeights = true
            out.numbersRow = false
        } else if t.quiz {
            // The answer first: a narrow status line keeps it.
            let words = t.scorePending ? "scoring…" : (t.score.lastWords ?? "revealed")
            out.status = "quiz: \(words) │ \(t.score.summary)" + (out.status.map { " │ " + $0 } ?? "")
            out.sidePanel += ["", "quiz: \(words)", t.score.summary]
        }
        out.hint = hint(state, base: content.hint)
        return out
    }

    /// The teaching numbers of a field for the status line: the target's weight and routes,
    /// the intermediate position's share, the reach of a layer stack.
    static func teachingFacts(_ field: AttentionField, state: ExplorerState) -> String? {
        var parts: [String] = []
        if let routes = field.extras["routes"], let p = state.teaching.target, p.row < field.height, p.col < field.width {
            parts.append("p=\(p.row),\(p.col) M[p]=\(TeachingCompute.short(Double(field.weight(at: p)))) via \(Int(routes)) route\(routes == 1 ? "" : "s")")
        }
        if let through = field.extras["throughWeight"], let m = state.teaching.intermediate {
            parts.append("m=\(m.row),\(m.col) A(u→m)=\(TeachingCompute.short(through))")
        }
        if let reach = field.extras["reach"], let layers = field.extras["layers"] {
            parts.append("reach \(Int(reach)) px after \(Int(layers)) layer\(layers == 1 ? "" : "s")")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " │ ")
    }

    /// The style presenter mode draws with: map pixels twice the normal view's size, a cursor
    /// over the whole pixel, numbers in the cells of small maps, the high-contrast grey ramp in
    /// fewer, clearer bands.
    public static func presenterStyle(_ style: RenderStyle, state: ExplorerState) -> RenderStyle {
        guard state.teaching.presenter else { return style }
        var s = style
        s.presenter = true
        s.showNumbers = state.mapWidth <= 24 && state.mapHeight <= 24 && !state.teaching.hidesWeights
        s.colormap = .gray
        s.levels = min(s.levels, 12)
        return s
    }

    /// The hint line with the teaching keys of the current view before `? help`.
    static func hint(_ state: ExplorerState, base: String?) -> String? {
        guard !state.showHelp, let base else { return base }
        let t = state.teaching
        var items = base.components(separatedBy: " · ")
        if state.compare {  // digits toggle panels there
            items = items.map { $0 == "1-9 mode" ? "1-9 add/remove panel" : $0 }
            let scales = t.ownScales ? "s shared scale" : "s own scales"
            items.insert(scales, at: items.firstIndex(of: "c/Esc single view").map { $0 + 1 } ?? items.count)
        }
        var mine: [String] = []
        let descriptor = state.mode.descriptor
        let views = descriptor.teachingViews(state.settings)
        if descriptor.traits.contains(.routes) { mine.append("x cursor:\(t.cursor.rawValue)") }
        if views.contains(.residual) { mine.append("r residual \(t.residual ? "on" : "off")") }
        if descriptor.traits.contains(.stackable) { mine.append("</> L=\(state.settings.layers ?? 1)") }
        if views.contains(.rearranged) { mine.append("V view:\(t.swinView.rawValue)") }
        // The mode's teaching keys right after its knobs, so a narrow window keeps them.
        let knobsEnd = items.firstIndex { $0.hasPrefix("Space/n/p") || $0.hasPrefix("t/T ") } ?? items.count
        items.insert(contentsOf: mine, at: knobsEnd)
        // The general ones (presenter, quiz, files) last, before quitting.
        let quiz = t.hidesWeights ? "arrows guess · Enter reveal · Q quiz off" : "Enter next guess · Q quiz off"
        let general = [t.quiz ? quiz : "P presenter · Q quiz", "w save · e export"]
        items.insert(contentsOf: general, at: items.firstIndex(of: "q quit") ?? items.count)
        if t.tour != nil {
            // In a tour Space turns the page (n / p still step through passes): say so first.
            items = items.filter { $0 != "q quit" }.map { $0 == "Space/n/p step" ? "n/p step" : $0 }
            items.insert(contentsOf: ["Space next step", "Bksp back", "q quit"], at: 0)
        }
        return items.joined(separator: " · ")
    }
}
