import Attention

extension Key {
    /// Backspace (Ctrl-H, or DEL as most terminals send it).
    public static let backspace = Key.control(8)
}

extension ExplorerState {
    /// Handles the teaching keys; false when the key is not one of them (the explorer's own
    /// handling then runs).
    ///
    /// | key | does |
    /// |---|---|
    /// | `x` | next cursor: query → target p → intermediate m (criss-cross) → query |
    /// | `X` | remove the target and intermediate cursors |
    /// | arrows hjkl HJKL | move the active cursor (m moves along the query's row or column) |
    /// | `r` | criss-cross: residual paths on / off |
    /// | `<` `>` | layers L of window, neighborhood, dcn, lka (1 … 8) |
    /// | `V` | Swin shifted windows: both views, original coordinates only, rolled grid only |
    /// | `c` then `1`…`9` | in the compare view: add or remove a mode's panel |
    /// | `s` | in the compare view: one shared colour scale / each panel its own |
    /// | `P` | presenter mode · `Q` quiz on / off |
    /// | arrows, click, Enter | in the quiz: move the guess; reveal and score it, then hide for the next |
    /// | `w` | write the session file · `e` export the frame and map |
    /// | Space / Backspace | in a tour: next / previous step |
    mutating func handleTeaching(_ key: Key) -> Bool {
        if teaching.tour != nil, !showHelp {
            if key == .character(" ") { showTourStep((teaching.tour?.index ?? 0) + 1); return true }
            if key == .backspace { showTourStep((teaching.tour?.index ?? 0) - 1); return true }
        }
        if teaching.hidesWeights, let (rows, cols) = Self.movement(key) {
            // The quiz's guess cursor, while the weights are hidden.
            let g = teaching.guess ?? query
            teaching.guess = Position(row: clampRow(g.row + rows), col: clampCol(g.col + cols))
            return true
        }
        if teaching.cursor != .query, let (rows, cols) = Self.movement(key) {
            moveTeachingCursor(rows: rows, cols: cols)
            return true
        }
        if key == .enter {
            guard teaching.quiz else { return false }
            if teaching.revealed {
                // The next round: hidden again, the guess back at the query.
                teaching.revealed = false
                teaching.guess = nil
            } else {
                teaching.revealed = true
                teaching.scorePending = true
            }
            return true
        }
        guard case let .character(c) = key else { return false }
        switch c {
        case "x": nextCursor()
        case "X":
            teaching.cursor = .query
            teaching.target = nil
            teaching.intermediate = nil
        case "r":
            guard mode.descriptor.teachingViews(settings).contains(.residual) else {
                message = "r: the residual view belongs to \(ModeList.naming { $0.teachingViews(AttentionSettings()).contains(.residual) })"
                return true
            }
            teaching.residual.toggle()
        case "<": changeLayers(by: -1)
        case ">": changeLayers(by: 1)
        case "V":
            guard mode.descriptor.teachingViews(settings).contains(.rearranged) else {
                var shifted = AttentionSettings()
                shifted.shift = shifted.window / 2
                message = "V: original / rolled views belong to \(ModeList.naming { $0.teachingViews(shifted).contains(.rearranged) }) with shift"
                return true
            }
            teaching.swinView = ExplorerState.cycled(teaching.swinView, in: TeachingState.SwinView.allCases)
        case "s" where compare: teaching.ownScales.toggle()
        case "P": teaching.presenter.toggle()
        case "Q":
            teaching.quiz.toggle()
            teaching.revealed = false
            teaching.guess = nil
        case "w": teaching.pending = .saveSession
        case "e": teaching.pending = .export
        case "1"..."9" where compare:
            guard let digit = c.wholeNumberValue else { return false }
            guard let chosen = Mechanisms.mode(forDigit: digit) else { message = "\(digit): no mode has this digit"; return true }
            toggleCompare(chosen)
        default: return false
        }
        return true
    }

    /// A click while the target or intermediate cursor is active places that cursor (the
    /// intermediate one only on the query's row or column); false: the explorer's own handling.
    mutating func handleTeachingClick(_ action: MouseAction, x: Int, y: Int) -> Bool {
        if action == .press, teaching.hidesWeights {
            // A click places the quiz's guess, not the query.
            for view in viewports {
                if let p = view.position(column: x, row: y), p.row >= 0, p.row < mapHeight, p.col >= 0, p.col < mapWidth {
                    teaching.guess = p
                }
            }
            return true
        }
        guard action == .press, teaching.cursor != .query else { return false }
        for view in viewports {
            guard let p = view.position(column: x, row: y), p.row >= 0, p.row < mapHeight, p.col >= 0, p.col < mapWidth else {
                continue
            }
            message = nil
            if teaching.cursor == .target {
                teaching.target = p
            } else if onCross(p) {
                teaching.intermediate = p
            } else {
                message = "m stays on the query's row or column: click there"
            }
            return true
        }
        return true  // a click off the maps does not move the query while another cursor is active
    }

    /// The (rows, cols) a movement key moves by, nil for other keys.
    static func movement(_ key: Key) -> (Int, Int)? {
        switch key {
        case .up, .character("k"): return (-1, 0)
        case .down, .character("j"): return (1, 0)
        case .left, .character("h"): return (0, -1)
        case .right, .character("l"): return (0, 1)
        case .character("K"): return (-4, 0)
        case .character("J"): return (4, 0)
        case .character("H"): return (0, -4)
        case .character("L"): return (0, 4)
        default: return nil
        }
    }

    /// Whether the current mode shows routes to a target with its settings (its descriptor's
    /// teaching views: criss-cross with R ≤ 2, axial composed).
    var showsRoutes: Bool { mode.descriptor.teachingViews(settings).contains(.routes) }

    /// `x`: the next cursor the movement keys move, placing a new cursor near the query.
    mutating func nextCursor() {
        switch teaching.cursor {
        case .query:
            guard mode.descriptor.traits.contains(.routes) else {
                message = "x: the target cursor shows routes in \(ModeList.naming { $0.traits.contains(.routes) })"
                return
            }
            teaching.cursor = .target
            if teaching.target == nil {
                teaching.target = Position(row: clampRow(query.row + max(1, mapHeight / 4)),
                                           col: clampCol(query.col + max(1, mapWidth / 4)))
            }
        case .target:
            if mode.descriptor.teachingViews(settings).contains(.intermediate) {
                teaching.cursor = .intermediate
                if teaching.intermediate == nil || !onCross(teaching.intermediate!) {
                    teaching.intermediate = Position(row: query.row, col: clampCol(query.col + max(1, mapWidth / 5)))
                }
            } else {
                teaching.cursor = .query
            }
        case .intermediate:
            teaching.cursor = .query
        }
    }

    /// Moves the target freely, or the intermediate position along the query's row or column.
    mutating func moveTeachingCursor(rows: Int, cols: Int) {
        switch teaching.cursor {
        case .query: move(rows: rows, cols: cols)
        case .target:
            let p = teaching.target ?? query
            teaching.target = Position(row: clampRow(p.row + rows), col: clampCol(p.col + cols))
        case .intermediate:
            let m = teaching.intermediate ?? query
            if rows != 0 {  // along the query's column
                let from = m.col == query.col ? m.row : query.row
                teaching.intermediate = Position(row: clampRow(from + rows), col: query.col)
            } else {  // along the query's row
                let from = m.row == query.row ? m.col : query.col
                teaching.intermediate = Position(row: query.row, col: clampCol(from + cols))
            }
        }
    }

    /// Whether `p` lies on the query's row or column.
    func onCross(_ p: Position) -> Bool { p.row == query.row || p.col == query.col }

    func clampRow(_ r: Int) -> Int { min(max(r, 0), mapHeight - 1) }
    func clampCol(_ c: Int) -> Int { min(max(c, 0), mapWidth - 1) }

    /// `<` `>`: the number of stacked layers of a local mode.
    mutating func changeLayers(by delta: Int) {
        guard mode.descriptor.traits.contains(.stackable) else {
            message = "< >: layers stack \(ModeList.naming { $0.traits.contains(.stackable) })"
            return
        }
        var s = settingsByMode[mode] ?? AttentionSettings()
        let current = min(max(s.layers ?? 1, 1), StackedLayers.maximumLayers)  // validated, but never trusted for arithmetic
        let next = current + delta
        guard next >= 1, next <= StackedLayers.maximumLayers else {
            message = "layers: L goes from 1 to \(StackedLayers.maximumLayers) (L = \(s.layers ?? 1))"
            return
        }
        s.layers = next == 1 ? nil : next
        s.step = nil
        settingsByMode[mode] = s
    }

    /// Adds or removes a compare panel (at least one stays).
    mutating func toggleCompare(_ m: Mode) {
        var set = teaching.compareModes
        if let i = set.firstIndex(of: m) {
            guard set.count > 1 else { message = "compare: at least one panel stays"; return }
            set.remove(at: i)
        } else {
            guard set.count < TeachingState.maximumComparePanels else {
                message = "compare: at most \(TeachingState.maximumComparePanels) panels (remove one with its digit)"
                return
            }
            set.append(m)
        }
        teaching.compareModes = set
    }

    /// The computation the current mode's view needs: routes to the target, what flows through
    /// the intermediate position, the residual view, or the plain map.
    public var teachingView: TeachingView {
        let views = mode.descriptor.teachingViews(settings)
        if views.contains(.residual) && teaching.residual && step == nil { return .residual }
        if views.contains(.intermediate), teaching.cursor == .intermediate, let m = teaching.intermediate, onCross(m),
           step == nil {
            return .intermediate(m)
        }
        if let p = teaching.target, showsRoutes, step == nil { return .routes(target: p) }
        return .standard
    }
}
