import Attention

extension ExplorerState {
    /// Starts playing `tour` at its first step (the base is the current state); `maps` are the
    /// loaded maps of the steps' `map` lines. Every step is checked first.
    public mutating func startTour(_ tour: TourScript, maps: [String: TourScript.MapFacts] = [:]) throws(ExplorerError) {
        let base = self
        try tour.validate(from: base, maps: maps)
        self = try tour.state(at: 0, from: base, maps: maps)
        teaching.tour = TourProgress(tour: tour, base: TourBase(base), maps: maps)
    }

    /// Switches to another map: its name and size; the query moves to the centre and the
    /// second cursors are dropped when they do not fit; the old frame's facts are forgotten.
    public mutating func switchMap(to map: TourScript.MapFacts) {
        guard map.spec != teaching.mapSpec || map.name != mapName || map.height != mapHeight || map.width != mapWidth else { return }
        mapName = map.name
        mapHeight = max(1, map.height)
        mapWidth = max(1, map.width)
        mapIsLoaded = map.isLoaded
        teaching.mapSpec = map.spec
        func fits(_ p: Position) -> Bool { p.row < mapHeight && p.col < mapWidth }
        if !fits(query) { query = Position(row: mapHeight / 2, col: mapWidth / 2) }
        if let t = teaching.target, !fits(t) { teaching.target = nil }
        if let m = teaching.intermediate, !fits(m) { teaching.intermediate = nil }
        facts = nil
        viewports = []
    }

    /// Shows step `index` of the tour being played: the scripted state of that step, keeping
    /// the screen, the last computation's facts and presenter mode.
    mutating func showTourStep(_ index: Int) {
        guard let progress = teaching.tour else { return }
        let count = progress.tour.steps.count
        guard index >= 0 else { message = "tour: this is the first step (Space goes on, q quits)"; return }
        guard index < count else { message = "tour: that was the last step (Backspace goes back, q quits)"; return }
        var base = progress.base.state
        base.screenColumns = screenColumns
        base.screenRows = screenRows
        guard var next = try? progress.tour.state(at: index, from: base, maps: progress.maps) else {
            message = "tour: step \(index + 1) does not fit this map"
            return
        }
        if next.teaching.mapSpec == teaching.mapSpec && next.mapName == mapName {
            next.facts = facts
            next.viewports = viewports
        }
        next.teaching.presenter = teaching.presenter
        next.teaching.score = teaching.score  // the quiz's running score lasts the whole lesson
        next.teaching.tour = TourProgress(tour: progress.tour, base: progress.base, maps: progress.maps, index: index)
        self = next
    }
}

/// The state a tour started from, kept to rebuild any step exactly.
///
/// A class box, because the state it holds contains the tour progress that holds it.
public final class TourBase: Hashable, @unchecked Sendable {
    /// The state before the tour's setup and first step (immutable).
    public let state: ExplorerState

    /// Boxes `state`.
    public init(_ state: ExplorerState) { self.state = state }

    /// Equal when the boxed states are.
    public static func == (a: TourBase, b: TourBase) -> Bool { a === b || a.state == b.state }
    /// Hashes the map name (cheap; equality decides).
    public func hash(into hasher: inout Hasher) { hasher.combine(state.mapName) }
}
