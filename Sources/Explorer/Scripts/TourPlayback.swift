import Attention

extension ExplorerState {
    /// Starts playing `tour` at its first step (the base is the current state).
    public mutating func startTour(_ tour: TourScript) throws(ExplorerError) {
        let base = self
        self = try tour.state(at: 0, from: base)
        teaching.tour = TourProgress(tour: tour, base: TourBase(base))
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
        guard var next = try? progress.tour.state(at: index, from: base) else {
            message = "tour: step \(index + 1) does not fit this map"
            return
        }
        next.facts = facts
        next.viewports = viewports
        next.teaching.presenter = teaching.presenter
        next.teaching.tour = TourProgress(tour: progress.tour, base: progress.base, index: index)
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
