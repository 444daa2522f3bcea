import Attention
import Explorer
import FeatureMaps
import Foundation
import Rendering
import Terminal

/// The interactive loop: read input, update the state, ask the worker for fields, draw.
///
/// Every keystroke recomputes (the engine caches query-independent work per settings) and
/// redraws only the cells that changed. Fields are computed on the worker thread; the loop waits
/// for them briefly (so a keystroke shows its result in the same frame) and otherwise keeps
/// reading keys with "preparing…" in the status line.
struct ExplorerSession {
    /// The map explored.
    let map: FeatureMap
    /// Loaded tensors.
    let inputs: AttentionInputs
    /// The opening state.
    let initial: ExplorerState
    /// The display options.
    let display: ExplorerDisplay
    /// `--record FILE.cast`: the file drawn frames are recorded into (nil: not recording).
    var recording: OutputFile? = nil
    /// Other maps a tour switches to, by the spec its state names (`teaching.mapSpec`).
    var otherMaps: [String: FeatureMap] = [:]
    /// How the engine may use the machine (from the environment).
    var runtime = RuntimeConfiguration()

    /// How long a frame waits for its fields before drawing "preparing…".
    static let patience: TimeInterval = 0.04

    /// Runs until the user quits (status 0) or the terminal hangs up (128 + SIGHUP); then, with the
    /// terminal restored, puts the recording in place or throws the write that failed. A
    /// termination signal (SIGTERM, SIGHUP, SIGINT) then ends the process by that signal.
    func run() throws -> Int32 {
        var recorder: AsciicastRecorder?
        let status = try runLoop(recorder: &recorder)  // the loop's `defer`s (screen, worker) have run
        do {
            try recorder?.finish()
        } catch {
            guard Signals.pendingTermination != nil else { throw error }
            StandardOutput.note("Error: \(error)")  // said before the signal ends the process
        }
        if let signal = Signals.pendingTermination { Signals.dieOf(signal) }
        return status
    }

    /// The loop of `run`; returns as soon as a termination signal is seen.
    private func runLoop(recorder: inout AsciicastRecorder?) throws -> Int32 {
        let screen = try Screen(mouse: display.mouse, maximumColors: display.maximumColors, asciiOnly: display.ascii)
        defer { screen.end() }
        var worker = FieldWorker(map: map, inputs: inputs, runtime: runtime)
        defer { worker.stop() }  // the worker of the map shown last
        var shownSpec = initial.teaching.mapSpec
        var picture = display.underlay(of: map)  // follows the map a tour step switches to

        let depth = display.depth(terminalColors: screen.capabilities.colors)
        let unicode = screen.capabilities.unicode && !display.ascii
        let levelLimit = screen.capabilities.heatmapLevelLimit  // 15 bands on a 256-pair curses
        var state = initial
        (state.screenColumns, state.screenRows) = screen.size
        var renderers: [RenderStyle: FrameRenderer] = [:]
        var tourScale: (key: TourScaleKey, value: Int?)?
        var teaching = TeachingEffects(depth: depth)
        if let directory = display.exportDirectory { teaching.directory = directory }
        recorder = recording.map { file in
            AsciicastRecorder(file: file, width: state.screenColumns, height: state.screenRows, depth: depth,
                              term: ProcessInfo.processInfo.environment["TERM"] ?? "xterm-256color",
                              title: "attnscope \(map.name)")
        }
        var quickEmptyReads = 0  // reads that returned nothing at once: a closed terminal does that
        var drawnOnce = false  // a stop request waits for the first frame: curses is fully up then

        while true {
            if let signal = Signals.pendingTermination { return 128 + signal }  // `run` then dies of it
            if Signals.takeContinued() { screen.invalidate() }
            if drawnOnce, Signals.takeStopRequest() {
                screen.suspend()
                let (columns, rows) = screen.size
                state = update(state, .resize(columns: columns, rows: rows))
            }

            // Fields for this state: wait a moment so that typing feels immediate.
            let requests = FrameComposer.requests(for: state)
            worker.submit(requests)
            let deadline = Date().addingTimeInterval(Self.patience)
            let outcomes = requests.map { worker.wait(for: $0, until: deadline) }
            if let facts = FrameComposer.facts(mode: state.mode, outcome: outcomes.first ?? nil) {
                state = state.recording(facts)
            }
            state.scoreQuizGuess(outcomes.first ?? nil)
            let preparing = outcomes.contains { $0 == nil }

            // Draw.
            var style = TeachingFrame.presenterStyle(display.style(depth: depth, unicode: unicode, state: state), state: state)
            if let levelLimit { style.levels = min(style.levels, levelLimit) }
            let renderer = renderers[style] ?? FrameRenderer(style: style)
            if renderers.count > 16 { renderers.removeAll() }
            renderers[style] = renderer
            // A curses of 256 pairs has room for the bands' pairs only: the picture's lightened
            // bands would need more than it has, so it is not drawn there (docs/terminal.md).
            var content = TeachingFrame.adjust(FrameComposer.content(state, outcomes: outcomes, preparing: preparing,
                                                                     underlay: levelLimit == nil ? picture : nil),
                                               state: state, outcome: outcomes.first ?? nil)
            if state.teaching.tour != nil {
                // One scale for every step of the tour, worked out once per window size and style.
                let key = TourScaleKey(style: style, width: state.screenColumns, height: state.screenRows)
                if tourScale?.key != key {
                    tourScale = (key, TourLayout.enlargement(state.teaching.tour, renderer: renderer,
                                                             width: key.width, height: key.height))
                }
                content.maximumEnlargement = tourScale?.value
            }
            var frame = renderer.render(content, width: state.screenColumns, height: state.screenRows)
            if content.views.isEmpty && !frame.tooSmall && !state.compare {
                let notice: String
                switch outcomes.first ?? nil {
                case let .failure(message)?: notice = "Nothing to draw: \(message)"
                default: notice = "Preparing \(state.mode.title)…"
                }
                // The side panel's width as Rendering's layout picks it.
                let longest = content.sidePanel.map(\.count).max() ?? 0
                let panelWidth = frame.showsSidePanel ? min(34, max(18, longest + 3)) : 0
                NoticeOverlay.draw(notice, on: &frame.canvas, width: state.screenColumns - panelWidth,
                                   height: max(1, state.screenRows - 4), unicode: unicode)
            }
            if state.showHelp && !frame.tooSmall { HelpOverlay.draw(on: &frame.canvas, unicode: unicode) }
            state.viewports = frame.views
            screen.draw(frame.canvas)
            recorder?.record(frame.canvas)
            drawnOnce = true

            // Input: one event, then whatever else is already waiting (pastes, resize storms).
            let timeout: Int32 = preparing ? 30 : 500
            let waited = Date()
            guard var event = screen.nextEvent(timeoutMilliseconds: timeout) else {
                let immediate = Date().timeIntervalSince(waited) < Double(timeout) / 4000
                quickEmptyReads = immediate ? quickEmptyReads + 1 : 0
                if quickEmptyReads >= 20 && screen.inputHungUp { return 128 + SIGHUP }
                state = update(state, .tick)
                continue
            }
            quickEmptyReads = 0
            var handled = 0
            while true {
                let before = state
                state = update(state, event)
                if state.teaching.pending == .export {
                    // The slide: the frame as drawn, without the key hints.
                    var slide = content
                    slide.hint = nil
                    let clean = renderer.render(slide, width: state.screenColumns, height: state.screenRows).canvas
                    teaching.perform(&state, canvas: clean, outcome: outcomes.first ?? nil)
                } else {
                    teaching.perform(&state, canvas: frame.canvas, outcome: outcomes.first ?? nil)
                }
                if state.teaching.mapSpec != shownSpec {
                    // A tour step switched maps: a fresh worker (and engine) for the new one.
                    let next = state.teaching.mapSpec.flatMap { otherMaps[$0] } ?? map
                    worker.stop()
                    worker = FieldWorker(map: next, inputs: inputs, runtime: runtime)
                    picture = display.underlay(of: next)
                    shownSpec = state.teaching.mapSpec
                }
                switch state.request {
                case .quit?:
                    return 0
                case .redraw?:
                    screen.invalidate()
                case .suspend?:
                    screen.suspend()
                    let (columns, rows) = screen.size
                    state = update(state, .resize(columns: columns, rows: rows))
                case nil:
                    break
                }
                handled += 1
                // A new mode or setting needs its field (and its steps) before the next key.
                let recompute = state.mode != before.mode || state.settingsByMode != before.settingsByMode
                    || state.teaching.mapSpec != before.teaching.mapSpec
                guard !recompute, handled < 256, Signals.pendingTermination == nil,
                      let more = screen.nextEvent(timeoutMilliseconds: 0) else { break }
                event = more
            }
        }
    }
}

/// The display choices of the command line, as the session needs them.
struct ExplorerDisplay {
    /// The shared display options (`--color`, `--ascii`, `--levels`, `--pan`, `--numbers`, …).
    var options: DisplayOptions
    /// Mouse on (not `--no-mouse`).
    var mouse: Bool
    /// `--image`, resampled under the weights.
    var underlay: Underlay?
    /// Where `e` and `w` write (`--export-dir`, or the session file's directory; nil: the working directory).
    var exportDirectory: String? = nil

    /// The picture drawn under `map`'s weights: `--image`, else the map's own (scenes carry one).
    func underlay(of map: FeatureMap) -> Underlay? {
        underlay ?? map.picture.flatMap { Underlay(height: $0.height, width: $0.width, values: $0.values) }
    }

    /// Whether everything must be ASCII (`--ascii`).
    var ascii: Bool { options.ascii }

    /// The colour cap for curses: `none` turns colours off, `8`/`16` limit them.
    var maximumColors: Int? {
        switch options.forcedDepth {
        case .monochrome?: return 0
        case .ansi8?: return 8
        case .ansi16?: return 16
        default: return nil
        }
    }

    /// The depth the renderer draws in: what `--color` and `NO_COLOR` ask for, capped by the
    /// terminal; curses draws from the xterm-256 palette, so truecolor becomes 256.
    func depth(terminalColors: Int) -> ColorDepth {
        let environment = ProcessInfo.processInfo.environment
        let asked = ColorDepth.detect(flag: options.color, noColor: environment["NO_COLOR"], colorTerm: nil,
                                      terminalColors: terminalColors)
        let available = ColorDepth.detect(flag: nil, noColor: nil, colorTerm: nil, terminalColors: terminalColors)
        let order: [ColorDepth] = [.monochrome, .ansi8, .ansi16, .palette256]
        let a = order.firstIndex(of: asked == .truecolor ? .palette256 : asked) ?? 0
        let b = order.firstIndex(of: available) ?? 0
        return order[min(a, b)]
    }

    /// The render style of a frame: the command line's levels, zoom and numbers with the
    /// explorer's current glyphs, colormap and scale.
    func style(depth: ColorDepth, unicode: Bool, state: ExplorerState) -> RenderStyle {
        var style = options.style(depth: depth)
        style.unicode = unicode
        style.glyphs = unicode ? state.glyphStyle : .ascii
        style.colormap = state.colormap
        style.scale = state.valueScale
        return style
    }
}

/// What a tour's shared enlargement depends on: the style and the window's size.
struct TourScaleKey: Hashable {
    let style: RenderStyle
    let width: Int
    let height: Int
}
