import Attention
@testable import Explorer
import FeatureMaps
import Foundation
import Rendering
import Testing

/// Each shipped tour step's caption names a property of its picture; the step's field has it.
@Suite struct TourCaptionClaimTests {
    /// What a caption claims about the map it shows.
    enum Claim: Sendable {
        /// Every key with mass lies on the query's row or column.
        case onlyTheCross
        /// Every key holds mass.
        case reachesAll
        /// Mass lies off the query's row and column.
        case offTheCross
        /// The drawn routes to p number this many.
        case routes(Int)
        /// More routes to p than this are drawn.
        case moreRoutes(than: Int)
        /// Every key with mass lies in this rectangle, and this many keys hold mass.
        case inside(PixelRect, keys: Int)
        /// Some key with mass lies outside this rectangle.
        case spillsOutside(PixelRect)
        /// Some key farther than `distance` (Chebyshev) from the query holds at least `share` of
        /// the hottest other key's weight: bright keys far away.
        case brightFarther(than: Int, share: Float)
        /// The keys with mass span exactly this square (LKA's field, away from the borders).
        case spans(Int)

    }

    static let window = PixelRect(top: 7, left: 7, height: 7, width: 7)
    static let claims: [(tour: String, step: Int, claim: Claim)] = [
        ("mechanisms", 1, .brightFarther(than: 8, share: 0.5)),
        ("mechanisms", 2, .inside(PixelRect(top: 0, left: 0, height: 7, width: 7), keys: 49)),
        ("mechanisms", 4, .reachesAll),
        ("mechanisms", 5, .offTheCross),
        ("mechanisms", 9, .spans(23)),
        ("criss-cross", 1, .onlyTheCross),
        ("criss-cross", 2, .onlyTheCross),
        ("criss-cross", 3, .offTheCross),
        ("criss-cross", 3, .reachesAll),
        ("criss-cross", 4, .routes(2)),
        ("criss-cross", 5, .moreRoutes(than: 2)),
        ("criss-cross", 9, .offTheCross),
        ("criss-cross", 9, .reachesAll),
        ("criss-cross", 10, .routes(1)),
        ("criss-cross", 10, .reachesAll),
        ("swin", 1, .inside(window, keys: 49)),
        ("swin", 4, .inside(window, keys: 49)),
        ("swin", 5, .spillsOutside(window)),
    ]

    @Test(arguments: ["mechanisms", "criss-cross", "swin"])
    func eachStepShowsWhatItsCaptionClaims(_ name: String) throws {
        let shipped = try ShippedTour(name)
        let (tour, mainSpec, loaded, facts, main) = (shipped.script, shipped.mainSpec, shipped.maps, shipped.facts, shipped.main)
        var base = ExplorerState(mapName: main.name, mapHeight: main.height, mapWidth: main.width,
                                 screenColumns: 120, screenRows: 40)
        base.teaching.mapSpec = mainSpec
        var workers: [String: FieldWorker] = [:]
        defer { workers.values.forEach { $0.stop() } }
        let mine = Self.claims.filter { $0.tour == name }
        #expect(!mine.isEmpty)
        for (_, step, claim) in mine {
            let state = try tour.state(at: step - 1, from: base, maps: facts)
            let spec = state.teaching.mapSpec ?? mainSpec
            let worker = workers[spec] ?? FieldWorker(map: loaded[spec] ?? main, inputs: AttentionInputs())
            workers[spec] = worker
            let requests = FrameComposer.requests(for: state)
            worker.submit(requests)
            let outcome = worker.wait(for: requests[0], until: Date().addingTimeInterval(60))
            guard case let .field(computed, _)? = outcome else {
                Issue.record("\(name) step \(step): no field")
                continue
            }
            let field = FrameComposer.displayed(computed, state: state)
            let at = "\(name) step \(step) (\(claim))"
            let w = field.weights, q = field.query
            let massive = w.indices.filter { w[$0] > 0 }.map { Position(row: $0 / field.width, col: $0 % field.width) }
            switch claim {
            case .onlyTheCross:
                #expect(massive.allSatisfy { $0.row == q.row || $0.col == q.col }, "\(at)")
            case .offTheCross:
                #expect(massive.contains { $0.row != q.row && $0.col != q.col }, "\(at)")
            case .reachesAll:
                #expect(ReachedKeys.count(field.storedWeights) == field.height * field.width, "\(at): \(ReachedKeys.count(field.storedWeights)) reached")
            case let .routes(n):
                var routes = 0
                for case .route in field.overlays { routes += 1 }
                #expect(routes == n, "\(at): \(routes) routes")
            case let .moreRoutes(n):
                var routes = 0
                for case .route in field.overlays { routes += 1 }
                #expect(routes > n, "\(at): \(routes) routes")
            case let .inside(rect, keys):
                #expect(massive.allSatisfy { (p: Position) -> Bool in rect.contains(p) }, "\(at)")
                #expect(massive.count == keys, "\(at): \(massive.count) keys")
            case let .spillsOutside(rect):
                #expect(massive.contains { (p: Position) -> Bool in !rect.contains(p) }, "\(at)")
            case let .brightFarther(distance, share):
                let top = try #require(TopKeys.hottest(of: field), "\(at)")
                let far = massive.filter { max(abs($0.row - q.row), abs($0.col - q.col)) > distance }
                let brightest = far.map { field.weight(at: $0) }.max() ?? 0
                #expect(brightest >= share * field.weight(at: top), "\(at): \(brightest) far vs \(field.weight(at: top))")
            case let .spans(side):
                let rows = massive.map(\.row), cols = massive.map(\.col)
                #expect((rows.max()! - rows.min()! + 1, cols.max()! - cols.min()! + 1) == (side, side), "\(at)")
            }
        }
    }
}
