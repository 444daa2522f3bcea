import Attention
import Rendering
import Testing
@testable import Explorer

@Suite("Teaching keys: cursors, residual, layers, compare set, presenter, quiz")
struct TeachingKeysTests {
    func crissCross() -> ExplorerState {
        var s = makeState()
        s.mode = .crissCross
        s.query = Position(row: 10, col: 10)
        return s
    }

    @Test func xCyclesQueryTargetIntermediateAndArrowsMoveTheActiveCursor() {
        var s = crissCross().typing("x")
        #expect(s.teaching.cursor == .target)
        let placed = try! #require(s.teaching.target)
        s = s.pressing(.right, .down)
        #expect(s.query == Position(row: 10, col: 10))
        #expect(s.teaching.target == Position(row: placed.row + 1, col: placed.col + 1))
        #expect(s.teachingView == .routes(target: Position(row: placed.row + 1, col: placed.col + 1)))
        s = s.typing("x")
        #expect(s.teaching.cursor == .intermediate)
        let m = try! #require(s.teaching.intermediate)
        #expect(m.row == 10)
        // Left/right keep m on the query's row; up/down move it onto the query's column.
        s = s.typing("hh")
        #expect(s.teaching.intermediate == Position(row: 10, col: m.col - 2))
        s = s.typing("j")
        #expect(s.teaching.intermediate == Position(row: 11, col: 10))
        #expect(s.teachingView == .intermediate(Position(row: 11, col: 10)))
        s = s.typing("x")
        #expect(s.teaching.cursor == .query)
        s = s.typing("l")
        #expect(s.query == Position(row: 10, col: 11))
        s = s.typing("X")
        #expect(s.teaching.target == nil && s.teaching.intermediate == nil)
        #expect(s.teachingView == .standard)
    }

    @Test func routesOnlyOnTheFullMapAndOnlyInAxialAndCrissCross() {
        var s = crissCross().typing("x")
        s.settingsByMode[.crissCross]?.step = 0
        #expect(s.teachingView == .standard)  // pass 1 is shown: no routes
        var g = makeState().typing("x")
        #expect(g.teaching.cursor == .query)
        #expect(g.message?.contains("axial") == true)
        g.mode = .axial
        g = g.typing("x")
        #expect(g.teaching.cursor == .target)
        #expect(g.teachingView == .routes(target: g.teaching.target!))
        // Axial with the height pass alone has no routes.
        g.settingsByMode[.axial]?.passes = 1
        #expect(g.teachingView == .standard)
    }

    @Test func rTogglesTheResidualViewInCrissCrossOnly() {
        let s = crissCross().typing("r")
        #expect(s.teaching.residual && s.teachingView == .residual)
        #expect(!s.typing("r").teaching.residual)
        let g = makeState().typing("r")
        #expect(!g.teaching.residual && g.message != nil)
    }

    @Test func angleBracketsStackLayersOfLocalModes() {
        var s = makeState()
        s.mode = .window
        s = s.typing(">>")
        #expect(s.settings.layers == 3)
        s = s.typing("<<")
        #expect(s.settings.layers == nil)
        s = s.typing("<")
        #expect(s.message?.contains("1 to") == true)
        s = s.typing(String(repeating: ">", count: 12))
        #expect(s.settings.layers == StackedLayers.maximumLayers)
        let g = makeState().typing(">")
        #expect(g.settings.layers == nil && g.message != nil)
    }

    @Test func digitsToggleComparePanelsInTheCompareView() {
        var s = makeState().typing("c")
        #expect(s.teaching.compareModes == [.global, .window, .dcn, .dat])
        s = s.typing("2")  // remove window
        #expect(s.teaching.compareModes == [.global, .dcn, .dat])
        s = s.typing("4")  // add criss-cross
        #expect(s.teaching.compareModes == [.global, .dcn, .dat, .crissCross])
        #expect(s.mode == .global)
        #expect(FrameComposer.requests(for: s).map(\.mode) == [.global, .dcn, .dat, .crissCross])
        s = s.typing("156")
        #expect(s.teaching.compareModes == [.crissCross])
        s = s.typing("4")
        #expect(s.teaching.compareModes == [.crissCross])
        #expect(s.message?.contains("at least one") == true)
        s = s.typing("12356")
        #expect(s.teaching.compareModes.count == TeachingState.maximumComparePanels)
        s = s.typing("7")
        #expect(s.teaching.compareModes.count == TeachingState.maximumComparePanels && s.message != nil)
        // Outside the compare view digits pick the mode again.
        #expect(s.typing("c3").mode == .axial)
    }

    @Test func presenterQuizRevealAndEffects() {
        var s = makeState().typing("P")
        #expect(s.teaching.presenter)
        s = s.typing("Q")
        #expect(s.teaching.hidesWeights)
        s = s.pressing(.enter)
        #expect(s.teaching.quiz && !s.teaching.hidesWeights && s.teaching.scorePending)
        s = s.pressing(.enter)
        #expect(s.teaching.hidesWeights, "Enter on the answer hides it for the next guess")
        #expect(makeState().typing("w").teaching.pending == .saveSession)
        #expect(makeState().typing("e").teaching.pending == .export)
    }
}

@Suite("Swin views and the hint line")
struct SwinViewAndHintTests {
    @Test func vPicksTheShiftedWindowViews() throws {
        var s = makeState()
        s.mode = .window
        s.settingsByMode[.window]?.shift = 3
        let field = AttentionField(mode: .window, height: 24, width: 32, query: s.query,
                                   weights: [Float](repeating: 0, count: 24 * 32), cost: Cost(macsPerQuery: 1, queriesPerLayer: 1, keysPerQuery: 1),
                                   keysAttended: 1)
        let content = FrameContent(views: [FrameView(title: "a · original", field: field),
                                           FrameView(title: "a · rolled", field: field, coordinates: .rolled)], hint: "? help")
        #expect(TeachingFrame.adjust(content, state: s, outcome: nil).views.count == 2)
        s = s.typing("V")
        #expect(s.teaching.swinView == .original)
        #expect(TeachingFrame.adjust(content, state: s, outcome: nil).views.map(\.coordinates) == [.original])
        s = s.typing("V")
        #expect(TeachingFrame.adjust(content, state: s, outcome: nil).views.map(\.coordinates) == [.rolled])
        #expect(s.typing("V").teaching.swinView == .both)
        #expect(makeState().typing("V").message != nil)
    }

    @Test func theHintShowsTheTeachingKeysOfTheMode() {
        var s = makeState()
        s.mode = .crissCross
        let hint = TeachingFrame.adjust(FrameContent(views: [], hint: "? help · -/= R=2 · t/T T=1 · hjkl move · q quit"), state: s, outcome: nil).hint ?? ""
        #expect(hint == "? help · -/= R=2 · x cursor:query · r residual off · t/T T=1 · hjkl move · P presenter · Q quiz · w save · e export · q quit")
        s.mode = .neighborhood
        let local = TeachingFrame.adjust(FrameContent(views: [], hint: "t/T T=1 · ? help"), state: s, outcome: nil).hint ?? ""
        #expect(local.contains("</> L=1") && !local.contains("x cursor"))
    }
}

@Suite("Compare caption")
struct CompareCaptionTests {
    @Test func theCaptionNamesThePanelsShown() {
        var s = makeState().typing("c")
        var caption = FrameText.caption(s)
        #expect(caption.hasPrefix("Compare: the same query under Global (ViT / Non-local), Swin window, Deformable conv (DCN) and DAT deformable attention."))
        s = s.typing("256")
        caption = FrameText.caption(s)
        #expect(caption.hasPrefix("Compare: the same query under Global (ViT / Non-local)."))
    }
}

@Suite("Clicks place the active cursor")
struct TeachingClickTests {
    @Test func clicksMoveTheTargetOrTheIntermediatePositionNotTheQuery() throws {
        var state = makeState()
        let weights = [Float](repeating: 1 / 768, count: 768)
        let field = AttentionField(mode: .crissCross, height: 24, width: 32, query: state.query, weights: weights,
                                   cost: Cost(macsPerQuery: 1, queriesPerLayer: 768, keysPerQuery: 768), keysAttended: 768)
        let frame = FrameRenderer(style: RenderStyle()).render(
            FrameContent(views: [FrameView(title: "t", field: field)], status: "s", hint: "h"), width: 80, height: 24)
        state.viewports = frame.views
        state.mode = .crissCross
        let view = frame.views[0]
        let heat = view.heatmap
        let cell = (x: heat.x + heat.width / 4, y: heat.y + heat.height / 4)
        let p = try #require(view.position(column: cell.x, row: cell.y))
        #expect(update(state, .mouse(.press, x: cell.x, y: cell.y)).query == p)  // query cursor: the explorer's click
        state = state.typing("x")
        var clicked = update(state, .mouse(.press, x: cell.x, y: cell.y))
        #expect(clicked.teaching.target == p && clicked.query == state.query)
        clicked = clicked.typing("x")  // intermediate
        let off = update(clicked, .mouse(.press, x: cell.x, y: cell.y))
        #expect(off.teaching.intermediate == clicked.teaching.intermediate && off.message != nil)
        // A cell on the query's row.
        let rowCell = try #require((heat.x..<(heat.x + heat.width)).lazy.compactMap { x -> (Int, Int)? in
            (heat.y..<(heat.y + heat.height)).lazy.first { y in
                view.position(column: x, row: y).map { $0.row == state.query.row && $0.col != state.query.col } ?? false
            }.map { (x, $0) }
        }.first)
        let on = update(clicked, .mouse(.press, x: rowCell.0, y: rowCell.1))
        #expect(on.teaching.intermediate?.row == state.query.row && on.message == nil)
    }
}
