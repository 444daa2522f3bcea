import Attention
import Rendering

/// Turns the explorer state and computed fields into what Rendering draws: the views, the side
/// panel, the caption, the status and hint lines.
public enum FrameComposer {
    /// The fields a frame of `state` needs, most important first.
    public static func requests(for state: ExplorerState) -> [FieldRequest] {
        let modes = state.compare ? [state.mode] + state.teaching.compareModes.filter { $0 != state.mode } : [state.mode]
        return modes.map {
            FieldRequest(mode: $0, query: state.query, settings: state.settings(for: $0),
                         teaching: $0 == state.mode && state.prefixQuery(for: $0) == nil ? state.teachingView : .standard,
                         prefixToken: state.prefixQuery(for: $0))
        }
    }

    /// The facts the state keeps from the current mode's outcome (steps, hottest key, error).
    public static func facts(mode: Mode, outcome: FieldOutcome?) -> FieldFacts? {
        switch outcome {
        case nil: return nil
        case let .failure(message): return FieldFacts(mode: mode, error: message)
        case let .field(field, steps):
            // The hottest key besides the query: on raw features the query is often its own argmax.
            let hottest = field.storedWeights.count == 0 ? nil : field.hottestOtherKey
            return FieldFacts(mode: mode, steps: steps, hottest: hottest)
        }
    }

    /// The frame content of `state`, given the outcome of each of `requests(for: state)` (nil:
    /// still being prepared).
    public static func content(_ state: ExplorerState, outcomes: [FieldOutcome?], preparing: Bool,
                               underlay: Underlay? = nil) -> FrameContent {
        let requests = requests(for: state)
        let primary = outcomes.first ?? nil
        var views: [FrameView] = []
        var failures: [String] = []
        let ordered = state.compare ? state.teaching.compareModes : [state.mode]
        for mode in ordered {
            guard let index = requests.firstIndex(where: { $0.mode == mode }), index < outcomes.count else { continue }
            switch outcomes[index] {
            case let .field(field, _)?:
                let shown = displayed(field, state: state)
                let name = title(field: field, state: state)
                if !state.compare && isShifted(field) {
                    // Swin's shifted windows: original coordinates and the rolled grid side by side.
                    views.append(FrameView(title: name + " · original", field: shown))
                    views.append(FrameView(title: name + " · rolled", field: shown, coordinates: .rolled))
                } else {
                    views.append(FrameView(title: name, field: shown))
                }
            case let .failure(message)?:
                if state.compare {
                    // In place, with its reason: a missing panel must not look like a smaller set.
                    views.append(.failed(title: mode.title, mode: mode, height: state.mapHeight, width: state.mapWidth,
                                         reason: message))
                } else {
                    failures.append(message)
                }
            case nil:
                if state.compare {
                    views.append(.failed(title: mode.title, mode: mode, height: state.mapHeight, width: state.mapWidth,
                                         reason: "preparing…"))
                }
            }
        }
        var panel = state.showPanel ? FrameText.sidePanel(state, outcome: primary) : []
        if !failures.isEmpty { panel += [""] + failures }
        var content = FrameContent(views: views, sidePanel: panel, caption: FrameText.caption(state, outcome: primary),
                                   status: FrameText.status(state, outcome: primary, preparing: preparing),
                                   hint: FrameText.hint(state), underlay: state.showPicture ? underlay : nil)
        if state.compare {
            content.sharedScale = !state.teaching.ownScales
            content.numbersRow = true
        }
        return content
    }

    /// The view's title: the mode, its step, and "illustrative" when a synthetic stand-in was
    /// used (as `render` titles it; a built-in scene alone is not a stand-in).
    static func title(field: AttentionField, state: ExplorerState) -> String {
        FieldSummary.title(field)
    }

    /// Whether a field is Swin's shifted-window case (it then has a rolled view too).
    static func isShifted(_ field: AttentionField) -> Bool {
        field.overlays.contains {
            if case let .rolledWindow(_, roll) = $0 { return roll.isShifted }
            return false
        }
    }

    /// The field as drawn: overlays dropped when the user turned them off.
    static func displayed(_ field: AttentionField, state: ExplorerState) -> AttentionField {
        var shown = TeachingFrame.displayed(field, state: state)
        if !state.showOverlays { shown.overlays = [] }
        // The top-k marks have their own key (M), so `o` leaves them.
        if state.topKeyMarks > 0, !state.teaching.hidesWeights, field.mode == state.mode {
            let own = field.query.row * field.width + field.query.col
            for i in TopKeys.indices(field.storedWeights, k: state.topKeyMarks, excluding: own) {
                shown.overlays.append(.marker(Position(row: i / field.width, col: i % field.width), label: "top"))
            }
        }
        return shown
    }
}
