import Attention
import Rendering

/// Everything the explorer shows, as a plain value: the map, the mode and its settings, the
/// query, display choices, open overlays and the message line.
///
/// `update(_:_:)` turns a state and an input event into the next state without side effects;
/// the terminal loop reads `request` for the few things only it can do (quit, redraw, suspend).
public struct ExplorerState: Hashable, Sendable {
    /// The map's display name (a file name or `scene:NAME`).
    public var mapName: String
    /// The map's height H.
    public var mapHeight: Int
    /// The map's width W.
    public var mapWidth: Int
    /// Whether the map was read from a file (false: a synthesized scene).
    public var mapIsLoaded: Bool
    /// The mechanism shown.
    public var mode: Mode = .global
    /// The query position (on the grid; kept while a prefix token is the query).
    public var query: Position
    /// The prefix token that is the query (`0` cycles through them), nil when the query is on the grid.
    public var prefixQuery: Int? = nil
    /// What each loaded prefix token is (`cls`, `dist`, `reg`, or `token` when unknown); empty
    /// when none are loaded.
    public var prefixTokens: [String] = []
    /// The modes that cannot run on what was loaded (loaded attention without an attention
    /// file, `MechanismDescriptor.needs`): Tab skips them and their digits refuse. By default
    /// every mode that needs a tensor; the commands set it from what they loaded.
    public var unavailableModes: Set<Mode> = Set(Mode.allCases.filter { !$0.descriptor.needs.isEmpty })
    /// The heads of the loaded projection file, nil when none is loaded.
    public var headCount: Int? = nil
    /// Each mode's own settings; a mode's `step` is the view being shown.
    public var settingsByMode: [Mode: AttentionSettings]
    /// The temperature, shared by every mode.
    public var temperature: Float
    /// How weights become glyphs.
    public var glyphStyle: GlyphStyle = .auto
    /// The colormap.
    public var colormap: Colormap = .viridis
    /// How weights map to colour levels.
    public var valueScale: ValueScale = .auto
    /// Whether the picture (the scene's own, a bundle's or `--image`) is drawn under the weights.
    public var showPicture = true
    /// Whether the mechanism's geometry (windows, crosses, samples) is drawn over the weights.
    public var showOverlays = true
    /// How many of the hottest keys (besides the query) are marked; 0: none (`M` cycles).
    public var topKeyMarks = 0
    /// The teaching aids: second cursors, compare set, presenter, quiz, tour.
    public var teaching = TeachingState()
    /// Whether the help overlay is open.
    public var showHelp = false
    /// Whether the side panel (legend and numbers) is shown when there is room.
    public var showPanel = true
    /// Whether the 2×2 compare view is shown.
    public var compare = false
    /// A one-line message for the status area (a refused change, a hint), cleared by the next key.
    public var message: String?
    /// The terminal size in cells.
    public var screenColumns: Int
    /// The terminal size in cells.
    public var screenRows: Int
    /// What the last computation found (steps, hottest key, error); set by the loop through
    /// `recording(_:)`.
    public var facts: FieldFacts?
    /// The step names each mode reported last (kept across mode switches; dropped when a knob
    /// of that mode changes, since passes change the steps).
    public var knownSteps: [Mode: [String]] = [:]
    /// Where the maps were drawn on screen in the last frame (Rendering's hit-test geometry);
    /// set by the loop, read by clicks.
    public var viewports: [RenderedView] = []
    /// Something only the terminal loop can do, asked for by the last event.
    public var request: Request?
    /// How many ticks passed (animates "preparing…").
    public var ticks = 0

    /// What the loop must do after an update.
    public enum Request: Hashable, Sendable {
        /// Leave the explorer (q, Ctrl-C).
        case quit
        /// Repaint the whole screen (Ctrl-L).
        case redraw
        /// Suspend to the shell (Ctrl-Z).
        case suspend
    }

    /// The opening state: global mode, the query at the centre (or `query`), default settings.
    public init(mapName: String, mapHeight: Int, mapWidth: Int, mapIsLoaded: Bool = false,
                query: Position? = nil, settings: AttentionSettings = AttentionSettings(),
                mode: Mode = .global, screenColumns: Int = 80, screenRows: Int = 24) {
        self.mapName = mapName
        self.mapHeight = max(1, mapHeight)
        self.mapWidth = max(1, mapWidth)
        self.mapIsLoaded = mapIsLoaded
        self.mode = mode
        let centre = Position(row: self.mapHeight / 2, col: self.mapWidth / 2)
        self.query = query ?? centre
        var base = settings
        base.step = nil
        temperature = settings.temperature
        settingsByMode = Dictionary(uniqueKeysWithValues: Mode.allCases.map { ($0, base) })
        self.screenColumns = screenColumns
        self.screenRows = screenRows
    }

    /// The current mode's settings as the engine needs them (with the shared temperature).
    public var settings: AttentionSettings { settings(for: mode) }

    /// A mode's settings as the engine needs them (with the shared temperature).
    public func settings(for mode: Mode) -> AttentionSettings {
        var s = settingsByMode[mode] ?? AttentionSettings()
        s.temperature = temperature
        return s
    }

    /// The prefix token `mode` computes as the query: `prefixQuery` for the modes whose softmax
    /// runs over the whole sequence (they read prefix tokens), nil for the others (the grid query).
    public func prefixQuery(for mode: Mode) -> Int? {
        mode.descriptor.inputs.contains(.prefix) ? prefixQuery : nil
    }

    /// The query in words: `3,5`, or the prefix token (`cls`, `token:1`) for `mode`.
    public func queryText(for mode: Mode) -> String {
        guard let token = prefixQuery(for: mode) else { return "\(query.row),\(query.col)" }
        return token < prefixTokens.count && prefixTokens[token] == "cls" ? "cls" : "token:\(token)"
    }

    /// The current mode's step (nil: the full map).
    public var step: Int? { settingsByMode[mode]?.step }

    /// The step names of the current mode as its mechanism last reported them (the last one is
    /// the mode's full map); empty when unknown or a single view.
    public var steps: [String] { knownSteps[mode] ?? [] }

    /// The state with the facts of a computed field recorded (pure; the loop calls it).
    public func recording(_ facts: FieldFacts) -> ExplorerState {
        var next = self
        next.facts = facts
        if facts.error == nil { next.knownSteps[facts.mode] = facts.steps }
        return next
    }

    /// Whether an overlay (help) is open.
    public var overlayOpen: Bool { showHelp }
}

/// What the loop learned from the last computed field, fed back into the state.
public struct FieldFacts: Hashable, Sendable {
    /// The mode computed.
    public var mode: Mode
    /// The mode's step names (empty when it has one view).
    public var steps: [String]
    /// The hottest key of the last field other than its query, for `m`.
    public var hottest: Position?
    /// The error the engine reported, if the field could not be computed.
    public var error: String?

    /// Creates facts.
    public init(mode: Mode, steps: [String] = [], hottest: Position? = nil, error: String? = nil) {
        self.mode = mode
        self.steps = steps
        self.hottest = hottest
        self.error = error
    }
}
