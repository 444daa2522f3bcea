import Attention
import Rendering

/// The explorer's teaching aids: the second cursors (a route target, an intermediate position),
/// the residual view, the compare set, presenter and quiz modes, the tour being played, and the
/// side effects (export, session file) the last key asked for.
public struct TeachingState: Hashable, Sendable {
    /// Which cursor the movement keys move.
    public enum Cursor: String, Hashable, Sendable, CaseIterable {
        /// The query u (the default).
        case query
        /// The target p whose routes to u are drawn (criss-cross, axial).
        case target
        /// An intermediate position m on u's cross (criss-cross).
        case intermediate
    }

    /// The views of Swin's shifted windows: original coordinates, the rolled grid with its mask
    /// regions, or both side by side.
    public enum SwinView: String, Hashable, Sendable, CaseIterable {
        /// Original coordinates and the rolled grid side by side.
        case both
        /// Original coordinates only.
        case original
        /// The rolled, padded grid with its mask regions only.
        case rolled
    }

    /// Something only the loop can do (it touches files), asked for by a key.
    public enum Effect: Hashable, Sendable {
        /// `e`: write the frame as SVG and ANSI text and the map as JSON and .npy.
        case export
        /// `w`: write the explorer state to a session file.
        case saveSession
    }

    /// The modes of the compare view by default: the comparison of DAT's first figure.
    public static let defaultCompareModes: [Mode] = [.global, .window, .dcn, .dat]

    /// The most panels the compare view shows at once.
    public static let maximumComparePanels = 6

    /// The cursor the movement keys move.
    public var cursor: Cursor = .query
    /// The target pixel p (nil: none placed yet).
    public var target: Position?
    /// The intermediate position m on the query's cross (nil: none placed yet).
    public var intermediate: Position?
    /// Which of Swin's shifted-window views are drawn.
    public var swinView: SwinView = .both
    /// Whether criss-cross shows the map with the residual paths put back.
    public var residual = false
    /// The modes of the compare view, in reading order.
    public var compareModes: [Mode] = TeachingState.defaultCompareModes
    /// Whether each compare panel has its own colour scale (`s`; default: one shared scale).
    public var ownScales = false
    /// Presenter mode: big cells, high contrast, numbers in cells for small maps.
    public var presenter = false
    /// Quiz mode: the weights stay hidden until revealed with Enter.
    public var quiz = false
    /// Whether the quiz's answer is shown.
    public var revealed = false
    /// The quiz's guess cursor: where the class thinks the query reads most (nil: at the query).
    public var guess: Position?
    /// The quiz's running score.
    public var score = QuizScore()
    /// Whether the guess just revealed still waits to be scored against the computed field.
    public var scorePending = false
    /// The map as the command line named it (an absolute path or `scene:NAME`), for session files.
    public var mapSpec: String?
    /// A caption that replaces the mode's own (a tour step's words).
    public var caption: String?
    /// The tour being played, if any.
    public var tour: TourProgress?
    /// The effect the last key asked for; the loop performs it and clears it.
    public var pending: Effect?

    /// Creates the default teaching state.
    public init() {}

    /// Whether the quiz hides the weights right now.
    public var hidesWeights: Bool { quiz && !revealed }
}

/// A tour being played: the lesson and the step shown.
public struct TourProgress: Hashable, Sendable {
    /// The lesson.
    public var tour: TourScript
    /// The state the tour started from.
    public var base: TourBase
    /// The loaded maps of the steps' `map` lines, by spec.
    public var maps: [String: TourScript.MapFacts]
    /// The index of the step shown.
    public var index: Int

    /// Plays `tour` from `base`, showing step `index`.
    public init(tour: TourScript, base: TourBase, maps: [String: TourScript.MapFacts] = [:], index: Int = 0) {
        self.tour = tour
        self.base = base
        self.maps = maps
        self.index = index
    }

    /// The step shown.
    public var step: TourScript.Step { tour.steps[index] }
}
