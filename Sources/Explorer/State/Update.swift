import Attention
import Rendering

extension ExplorerState {
    /// The state after `event`; pure: no terminal, no engine, no clock.
    public func updated(with event: InputEvent) -> ExplorerState {
        var next = self
        next.request = nil
        switch event {
        case let .key(key):
            next.message = nil
            if !next.handleTeaching(key) { next.handle(key) }
            next.hideQuizAnswerAfterMoving(from: self)
        case let .mouse(action, x, y):
            if !next.handleTeachingClick(action, x: x, y: y) { next.handleMouse(action, x: x, y: y) }
            next.hideQuizAnswerAfterMoving(from: self)
        case let .resize(columns, rows):
            next.screenColumns = max(0, columns)
            next.screenRows = max(0, rows)
            next.viewports = []  // the old frame's layout no longer applies
        case .tick:
            next.ticks &+= 1
        }
        return next
    }

    /// Moving on in the quiz (another query, mode or setting) hides the answer again and puts
    /// the guess back at the query.
    mutating func hideQuizAnswerAfterMoving(from before: ExplorerState) {
        guard teaching.quiz, query != before.query || mode != before.mode || settings != before.settings else { return }
        teaching.revealed = false
        teaching.guess = nil
        teaching.scorePending = false
    }

    /// Applies one key.
    mutating func handle(_ key: Key) {
        switch key {
        case .up: move(rows: -1, cols: 0)
        case .down: move(rows: 1, cols: 0)
        case .left: move(rows: 0, cols: -1)
        case .right: move(rows: 0, cols: 1)
        case .home: query = Position(row: 0, col: 0)
        case .end: query = Position(row: mapHeight - 1, col: mapWidth - 1)
        case .tab: selectMode(offset: 1)
        case .backTab: selectMode(offset: -1)
        case .escape:
            // Esc closes the help overlay, else the compare view, and does nothing else.
            if showHelp { showHelp = false } else if compare { compare = false }
        case .enter, .other: break
        case .controlC: request = .quit
        case .controlL: request = .redraw
        case .controlZ: request = .suspend
        case .control: break
        case let .character(character): handle(character)
        }
    }

    /// Applies a printable key.
    mutating func handle(_ character: Character) {
        switch character {
        case "q": request = .quit
        case "k": move(rows: -1, cols: 0)
        case "j": move(rows: 1, cols: 0)
        case "h": move(rows: 0, cols: -1)
        case "l": move(rows: 0, cols: 1)
        case "K": move(rows: -4, cols: 0)
        case "J": move(rows: 4, cols: 0)
        case "H": move(rows: 0, cols: -4)
        case "L": move(rows: 0, cols: 4)
        case "g": query = Position(row: 0, col: 0)
        case "G": query = Position(row: mapHeight - 1, col: mapWidth - 1)
        case "m": jumpToHottest()
        case "0": nextPrefixQuery()
        case "M": cycleTopKeyMarks()
        case "1"..."9":
            if let digit = character.wholeNumberValue {
                if let chosen = Mechanisms.mode(forDigit: digit) {
                    if unavailableModes.contains(chosen) { message = Self.unavailable(chosen) } else { mode = chosen }
                } else { message = "\(digit): no mode has this digit" }
            }
        case " ", "n": stepView(by: 1)
        case "p": stepView(by: -1)
        case "-", "=", "+", "[", "]":
            if let (index, direction) = KnobKeys.knob(for: character) { turn(knob: index, direction: direction) }
        case "t": changeTemperature(direction: -1)
        case "T": changeTemperature(direction: 1)
        case "v": valueScale = Self.cycled(valueScale, in: ValueScale.cycle)
        case "C": colormap = Self.cycled(colormap, in: Colormap.allCases)
        case "b": glyphStyle = Self.cycled(glyphStyle, in: GlyphStyle.allCases)
        case "c": compare.toggle()
        case "o": showOverlays.toggle()
        case "I": showPicture.toggle()
        case "i": showPanel.toggle()
        case "?": showHelp.toggle()
        default: break
        }
    }

    /// `0`: the query onto the first prefix token (class, register), then the next, then back to
    /// the grid where it was.
    mutating func nextPrefixQuery() {
        guard !prefixTokens.isEmpty else {
            message = "0: no prefix tokens are loaded (--prefix FILE)"
            return
        }
        guard mode.descriptor.inputs.contains(.prefix) else {
            message = "0: \(mode.name) has no softmax over the whole sequence; prefix tokens are queries in global and lesa"
            return
        }
        let next = (prefixQuery ?? -1) + 1
        prefixQuery = next < prefixTokens.count ? next : nil
    }

    /// Moves the query, clamped to the map; from a prefix token, the first move brings it back
    /// to the grid where it was.
    mutating func move(rows: Int, cols: Int) {
        if prefixQuery != nil {
            prefixQuery = nil
            return
        }
        query = Position(row: min(max(query.row + rows, 0), mapHeight - 1),
                         col: min(max(query.col + cols, 0), mapWidth - 1))
    }

    /// `M`: marks none, then the 5, 10 and 20 hottest keys other than the query.
    mutating func cycleTopKeyMarks() {
        topKeyMarks = Self.cycled(topKeyMarks, in: Self.topKeyChoices)
        message = topKeyMarks == 0 ? "M: top-k marks off" : "M: the \(topKeyMarks) hottest keys besides the query are marked"
    }

    /// The numbers of hottest keys `M` steps through.
    static let topKeyChoices = [0, 5, 10, 20]

    /// Cycles the mode by `offset` in digit order.
    /// Modes that cannot run on what was loaded are skipped.
    mutating func selectMode(offset: Int) {
        let all = Mode.allCases
        var index = all.firstIndex(of: mode) ?? 0
        for _ in all.indices {
            index = ((index + offset) % all.count + all.count) % all.count
            if !unavailableModes.contains(all[index]) { break }
        }
        mode = all[index]
    }

    /// Why `mode` cannot be chosen: the tensors it needs, by what they are.
    static func unavailable(_ mode: Mode) -> String {
        "\(mode.name): needs " + mode.descriptor.needs.map(\.words).sorted().joined(separator: " and ") + ", which is not loaded"
    }

    /// `m`: puts the query on the last field's hottest key other than the query itself.
    mutating func jumpToHottest() {
        if let facts, facts.mode == mode, facts.error == nil, facts.hottest == nil {
            message = "m: no key other than the query holds any mass"
            return
        }
        guard let facts, facts.mode == mode, let hottest = facts.hottest,
              hottest.row >= 0, hottest.row < mapHeight, hottest.col >= 0, hottest.col < mapWidth else {
            message = "m: no computed field to find the hottest key in"
            return
        }
        query = hottest
    }

    /// Steps through the mode's passes or layers. The mechanism's last step is its full map
    /// (what `step == nil` computes), so the cycle is full map → first → … → full map.
    mutating func stepView(by delta: Int) {
        let names = steps
        guard names.count > 1 else {
            message = "\(mode.name) has a single view here (no passes or layers to step through)"
            return
        }
        var settings = settingsByMode[mode] ?? AttentionSettings()
        let count = names.count
        let current = settings.step.map { min(max($0, 0), count - 1) } ?? count - 1
        let next = ((current + delta) % count + count) % count
        settings.step = next == count - 1 ? nil : next
        settingsByMode[mode] = settings
    }

    /// Turns knob `index` of the mode (`-` `=`: 0, `[` `]`: 1); a refusal lands in the message line.
    mutating func turn(knob index: Int, direction: Int) {
        let size = MapDimensions(height: mapHeight, width: mapWidth)
        // Turned with the shared temperature, which the mode's rules read too.
        switch mode.descriptor.turn(knob: index, of: settings, direction: direction, size: size) {
        case nil:
            message = "\(mode.name) has no parameter on these keys (t/T change the temperature)"
        case var .success(changed)?:
            changed.temperature = settingsByMode[mode]?.temperature ?? changed.temperature
            settingsByMode[mode] = changed
            knownSteps[mode] = nil  // e.g. more passes, more steps: wait for the mechanism's list
        case let .failure(refusal)?:
            message = KnobKeys.message(refusal, mode: mode)
        }
    }

    /// `t` / `T`: the next temperature on the ladder.
    mutating func changeTemperature(direction: Int) {
        guard let value = TemperatureLadder.step(from: temperature, direction: direction) else {
            message = direction > 0 ? "temperature is at its highest (T = \(NumberText.short(temperature)))"
                                    : "temperature is at its lowest (T = \(NumberText.short(temperature)))"
            return
        }
        temperature = value
    }

    /// A mouse action: a press moves the query to the map position under it; the wheel steps.
    mutating func handleMouse(_ action: MouseAction, x: Int, y: Int) {
        switch action {
        case .press:
            for view in viewports {
                if let position = view.position(column: x, row: y),
                   position.row >= 0, position.row < mapHeight, position.col >= 0, position.col < mapWidth {
                    message = nil
                    query = position
                    prefixQuery = nil
                    return
                }
            }
        case .wheelUp: stepView(by: -1)
        case .wheelDown: stepView(by: 1)
        }
    }

    /// The element after `value` in `all`, wrapping.
    static func cycled<T: Equatable>(_ value: T, in all: [T]) -> T {
        guard let index = all.firstIndex(of: value), !all.isEmpty else { return all.first ?? value }
        return all[(index + 1) % all.count]
    }
}

/// The pure update function: the next explorer state after `event`.
public func update(_ state: ExplorerState, _ event: InputEvent) -> ExplorerState {
    state.updated(with: event)
}
