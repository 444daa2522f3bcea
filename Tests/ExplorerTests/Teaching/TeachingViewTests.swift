import Attention
import FeatureMaps
import Foundation
import Rendering
import Testing
@testable import Explorer

/// A small deterministic map (not a reference: these tests check how views relate to each other).
func teachingMap(height: Int = 9, width: Int = 11, channels: Int = 3) -> FeatureMap {
    var data = [Float](repeating: 0, count: channels * height * width)
    for i in data.indices { data[i] = Float(sin(Double(i) * 0.71) + cos(Double(i % 7) * 1.3)) * 0.8 }
    return FeatureMap(channels: channels, height: height, width: width, data: data, name: "teach",
                      origin: .synthesized(scene: "teach"))
}

@Suite("Teaching views: routes, intermediate positions, residual, quiz and presenter")
struct TeachingViewTests {
    let engine = AttentionEngine(map: teachingMap())
    let u = Position(row: 4, col: 5)

    @Test func crissCrossRoutesSumToTheComposedWeight() throws {
        let settings = AttentionSettings()
        let composed = try engine.field(.crissCross, at: u, settings: settings)
        // Off-axis: exactly two routes, through (u.row, p.col) and (p.row, u.col).
        let p = Position(row: 7, col: 1)
        let field = try TeachingCompute.field(.routes(target: p), mode: .crissCross, query: u, settings: settings, engine: engine)
        let routes = field.overlays.compactMap { if case let .route(r) = $0 { return r } else { return nil } }
        #expect(routes.count == 2)
        #expect(Set(routes.map { $0.positions[1] }) == [Position(row: 4, col: 1), Position(row: 7, col: 5)])
        #expect(abs(routes.reduce(0) { $0 + $1.weight } - Double(composed.weight(at: p))) < 1e-6)
        #expect(field.overlays.contains(.marker(p, label: "p")))
        #expect(field.extras["routes"] == 2)
        #expect(field.weights == composed.weights)
        // On the query's row: many routes (drawn up to the limit), still summing to M[p].
        let q = Position(row: 4, col: 9)
        let onRow = try TeachingCompute.field(.routes(target: q), mode: .crissCross, query: u, settings: settings, engine: engine)
        #expect((onRow.extras["routes"] ?? 0) > 2)
        #expect(onRow.notes.contains { $0.contains("many routes") })
    }

    @Test func theStatusLineCarriesTheTeachingNumbers() throws {
        var state = makeState(height: 9, width: 11)
        state.mode = .crissCross
        state.query = u
        state.teaching.target = Position(row: 7, col: 1)
        let routes = try TeachingCompute.field(.routes(target: Position(row: 7, col: 1)), mode: .crissCross, query: u,
                                               settings: AttentionSettings(), engine: engine)
        let status = TeachingFrame.adjust(FrameContent(views: [], status: "criss-cross q=4,5"), state: state,
                                          outcome: .field(routes, steps: [])).status ?? ""
        #expect(status.hasPrefix("criss-cross q=4,5 │ p=7,1 M[p]=") && status.hasSuffix(" via 2 routes"))
        var settings = AttentionSettings()
        settings.layers = 3
        settings.kernel = 3
        state.mode = .neighborhood
        let stacked = try engine.field(.neighborhood, at: u, settings: settings)
        let reach = TeachingFrame.adjust(FrameContent(views: [], status: "s"), state: state,
                                         outcome: .field(stacked, steps: [])).status
        #expect(reach == "s │ reach 49 px after 3 layers")
    }

    @Test func axialHasExactlyOneRoutePerPixel() throws {
        let p = Position(row: 1, col: 8)
        let field = try TeachingCompute.field(.routes(target: p), mode: .axial, query: u, settings: AttentionSettings(), engine: engine)
        let routes = field.overlays.compactMap { if case let .route(r) = $0 { return r } else { return nil } }
        #expect(routes.count == 1)
        #expect(routes.first?.positions == [u, Position(row: 4, col: 8), p])
        #expect(routes.first?.weight == Double(field.weight(at: p)))
    }

    @Test func intermediateSharesSumToTheComposedMap() throws {
        let settings = AttentionSettings()
        let composed = try engine.field(.crissCross, at: u, settings: settings)
        var total = [Double](repeating: 0, count: composed.weights.count)
        var positions = (0..<9).map { Position(row: $0, col: u.col) }
        positions += (0..<11).filter { $0 != u.col }.map { Position(row: u.row, col: $0) }
        for m in positions {
            let f = try TeachingCompute.field(.intermediate(m), mode: .crissCross, query: u, settings: settings, engine: engine)
            #expect(f.overlays.contains(.marker(m, label: "m")))
            for i in total.indices { total[i] += Double(f.weights[i]) }
        }
        for i in total.indices { #expect(abs(total[i] - Double(composed.weights[i])) < 1e-5) }
    }

    @Test func residualViewSumsToOne() throws {
        let f = try TeachingCompute.field(.residual, mode: .crissCross, query: u, settings: AttentionSettings(), engine: engine)
        #expect(abs(f.statistics.sum - 1) < 1e-4)
        #expect(f.stepLabel?.contains("residual") == true)
    }

    @Test func theQuizHidesWeightsNumbersAndNotesUntilRevealed() throws {
        var state = makeState(height: 9, width: 11)
        let field = try engine.field(.global, at: u, settings: AttentionSettings())
        state.teaching.quiz = true
        let hidden = TeachingFrame.displayed(field, state: state)
        #expect(hidden.weights.allSatisfy { $0 == 0 } && hidden.notes.isEmpty)
        let content = TeachingFrame.adjust(FrameContent(views: [], sidePanel: ["Σ 1"], status: "w=0.5", hint: "? help"),
                                           state: state, outcome: .field(field, steps: []))
        #expect(content.caption?.contains("Enter reveals") == true)
        #expect(content.hidesWeights)
        #expect(!(content.sidePanel.joined().contains("Σ")))
        state.teaching.caption = "The answer: the query reads its own object."
        let captioned = TeachingFrame.adjust(FrameContent(views: [], caption: "notes", hint: "? help"), state: state,
                                             outcome: .field(field, steps: []))
        #expect(captioned.caption?.contains("answer") == false, "the caption would give the answer away")
        state.teaching.revealed = true
        #expect(TeachingFrame.displayed(field, state: state).weights == field.weights)
    }

    @Test func presenterUsesBigHighContrastCellsWithNumbersOnSmallMaps() throws {
        var state = makeState(height: 9, width: 11)
        let base = RenderStyle()
        #expect(TeachingFrame.presenterStyle(base, state: state) == base)
        state.teaching.presenter = true
        let big = TeachingFrame.presenterStyle(base, state: state)
        #expect(big.presenter && big.showNumbers && big.colormap == .gray)
        #expect(!TeachingFrame.presenterStyle(base, state: makeState(height: 64, width: 64).typing("P")).showNumbers)
    }
}
