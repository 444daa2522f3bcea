import Foundation
import Testing
import Attention
import Rendering

@Suite struct FrameLayoutTests {
    static let field = Fields.blob(height: 24, width: 32, query: Position(row: 5, col: 9))
    static let side = ["Σ 1.000000", "max 0.0177 at 5,9", "entropy 3.912 nats"]

    static func render(width: Int, height: Int, views: [FrameView]? = nil, style: RenderStyle = RenderStyle(),
                       side: [String] = side) -> RenderedFrame {
        FrameRenderer(style: style).render(
            FrameContent(views: views ?? [FrameView(title: "Global", field: field)], sidePanel: side,
                         caption: "The caption explains what the map shows and what to look for in it.",
                         status: "global  q=5,9  w=0.0177  Σ=1.0000", hint: "arrows move  1-9 mode  v scale  q quit"),
            width: width, height: height)
    }

    @Test func belowTheFloorSaysSo() {
        for (w, h) in [(19, 6), (20, 5), (5, 2), (0, 0)] {
            let frame = Self.render(width: w, height: h)
            #expect(frame.tooSmall)
            #expect(frame.views.isEmpty)
            #expect(frame.canvas.width == w && frame.canvas.height == h)
        }
        let text = Self.render(width: 19, height: 6).canvas.plainText
        #expect(text.contains("window too small"))
        #expect(text.contains("need 20x6"))
        // Every size down to 1×1 shows whole words (or an ellipsis), never a cut one.
        for w in 1...19 {
            for h in 1...5 {
                let lines = Self.render(width: w, height: h).canvas.plainText.split(separator: "\n")
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                #expect(!lines.isEmpty, "\(w)×\(h) is blank")
                let whole = ["window too small", "too small", "small", "need 20x6", "20x6", "…"]
                for line in lines {
                    #expect(whole.contains(line) || line.hasPrefix("need 20x6, have"), "\(w)×\(h): '\(line)'")
                }
            }
        }
    }

    @Test func atTheFloorAMapIsDrawn() {
        let frame = Self.render(width: 20, height: 6)
        #expect(!frame.tooSmall)
        #expect(!frame.showsSidePanel)
        #expect(frame.views.count == 1)
        #expect(frame.views[0].heatmap.width > 0 && frame.views[0].heatmap.height > 0)
        let lines = frame.canvas.plainText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[4].hasPrefix("global  q=5,9"))
        #expect(lines[4].hasSuffix("…"))            // the status is cut, visibly
        #expect(lines[5].hasPrefix("arrows move"))
        #expect(lines.allSatisfy { $0.count <= 20 })
    }

    @Test func sidePanelGoesFirstThenCellsShrink() {
        // Wide: the panel fits without costing map resolution.
        let wide = Self.render(width: 120, height: 40)
        #expect(wide.showsSidePanel)
        #expect(wide.views[0].viewport.pool == 1)
        #expect(wide.canvas.plainText.contains("entropy 3.912 nats"))
        // Narrow: keeping the panel would pool the map; it is dropped instead.
        let narrow = Self.render(width: 50, height: 40)
        #expect(!narrow.showsSidePanel)
        #expect(!narrow.canvas.plainText.contains("entropy"))
        // Two-column cells give way to half-block cells before pooling.
        let twoColumn = RenderStyle(colorDepth: .palette256, glyphs: .twoColumn)
        let roomy = Self.render(width: 120, height: 40, style: twoColumn)
        #expect(roomy.views[0].glyphs == .twoColumn)
        let tight = Self.render(width: 60, height: 22, style: twoColumn)
        #expect(tight.views[0].glyphs == .halfBlock)
        #expect(tight.views[0].viewport.pool == 1)
    }

    @Test func longSidePanelNotesWrapInsteadOfBeingCut() {
        let note = "shifted windows: map rolled by (−3, −3); keys outside the query's region get −100"
        let text = Self.render(width: 120, height: 40, side: Self.side + [note]).canvas.plainText
        #expect(text.contains("shifted windows: map rolled"))
        #expect(text.contains("get −100"), "the note's end is on a continuation line")
        #expect(text.contains("outside the query's region"), "the middle of the note too")
    }

    @Test func captionShrinksBeforeTheMap() {
        let tall = Self.render(width: 80, height: 40).canvas.plainText
        #expect(tall.contains("The caption explains"))
        let short = Self.render(width: 80, height: 8).canvas.plainText
        #expect(!short.contains("The caption"))
    }

    @Test func compareGridTitlesEveryView() {
        let modes: [Mode] = [.global, .window, .axial, .crissCross]
        let views = modes.map { FrameView(title: $0.title, field: Fields.blob(mode: $0, height: 14, width: 14, query: Position(row: 3, col: 4))) }
        let frame = Self.render(width: 160, height: 48, views: views, side: [])
        #expect(frame.views.count == 4)
        let text = frame.canvas.plainText
        for mode in modes { #expect(text.contains(mode.title)) }
        // Panels do not overlap.
        for i in 0..<4 { for j in (i + 1)..<4 {
            let a = frame.views[i].panel, b = frame.views[j].panel
            #expect(a.maxX <= b.x || b.maxX <= a.x || a.maxY <= b.y || b.maxY <= a.y)
        } }
    }

    @Test func moreViewsThanRoomKeepsTheFirst() {
        let views = (0..<9).map { FrameView(title: "v\($0)", field: Fields.blob(height: 10, width: 10, query: Position(row: $0, col: $0))) }
        let small = Self.render(width: 24, height: 8, views: views, side: [])
        #expect(!small.tooSmall)
        #expect(small.views.count == 1)
        #expect(small.canvas.plainText.contains("v0"))
        let large = Self.render(width: 300, height: 100, views: views, side: [])
        #expect(large.views.count == 9)
        for i in 0..<9 { #expect(large.canvas.plainText.contains("v\(i)")) }
    }

    @Test func everySizeFromTheFloorToLargeRenders() {
        for (w, h) in [(20, 6), (21, 7), (33, 9), (80, 24), (132, 43), (300, 100)] {
            for glyphs in [GlyphStyle.halfBlock, .twoColumn, .shade, .ascii] {
                let style = RenderStyle(colorDepth: .palette256, glyphs: glyphs, unicode: glyphs != .ascii)
                let frame = Self.render(width: w, height: h, style: style)
                #expect(!frame.tooSmall)
                #expect(frame.canvas.width == w && frame.canvas.height == h)
                // The query stays on screen at every size.
                let view = frame.views[0]
                #expect(view.viewport.dot(of: Self.field.query) != nil)
            }
        }
    }

    @Test func hitTestingFindsTheMapPixel() {
        let frame = Self.render(width: 120, height: 40)
        let view = frame.views[0]
        for p in [Position(row: 0, col: 0), Position(row: 5, col: 9), Position(row: 23, col: 31)] {
            guard let dot = view.viewport.dot(of: p) else { Issue.record("no dot for \(p)"); continue }
            let column = view.heatmap.x + dot.col * (view.glyphs == .halfBlock ? 1 : 2)
            let row = view.heatmap.y + dot.row / (view.glyphs == .halfBlock ? 2 : 1)
            let hit = frame.hit(column: column, row: row)
            #expect(hit?.view == 0)
            // Half-block cells hold two map rows: the hit is the upper one.
            #expect(hit?.position.col == p.col)
            #expect(hit.map { $0.position.row == p.row || $0.position.row == p.row - 1 } == true)
        }
        #expect(frame.hit(column: 119, row: 39) == nil)
    }

    @Test func cellOfAndHitAgree() {
        let field = OverlayFields.shiftedWindow()
        for coordinates in [ViewCoordinates.original, .rolled] {
            for glyphs in [GlyphStyle.halfBlock, .twoColumn, .shade] {
                let style = RenderStyle(colorDepth: .palette256, glyphs: glyphs)
                let frame = FrameRenderer(style: style).render(
                    FrameContent(views: [FrameView(title: "r", field: field, coordinates: coordinates)]), width: 80, height: 30)
                let view = frame.views[0]
                for row in 0..<field.height {
                    for col in 0..<field.width {
                        let p = Position(row: row, col: col)
                        guard let cell = view.cell(of: p) else { Issue.record("\(p) not shown"); continue }
                        let back = view.position(column: cell.column, row: cell.row)
                        // Half-block cells hold two rows (the hit is the upper one).
                        #expect(back?.col == p.col)
                        if glyphs != .halfBlock { #expect(back == p) }
                    }
                }
                #expect(view.cell(of: Position(row: -1, col: 0)) == nil)
                #expect(view.cell(of: Position(row: 0, col: field.width)) == nil)
            }
        }
    }

    @Test func panPolicyShowsNativePixelsAroundTheQuery() {
        let big = Fields.blob(height: 256, width: 256, query: Position(row: 200, col: 30))
        let style = RenderStyle(colorDepth: .palette256, glyphs: .halfBlock, viewport: .pan)
        let frame = Self.render(width: 80, height: 24, views: [FrameView(title: "big", field: big)], style: style)
        let vp = frame.views[0].viewport
        #expect(vp.pool == 1 && vp.enlargement == 1)
        #expect(vp.dot(of: big.query) != nil)
        #expect(frame.canvas.plainText.contains("rows "))  // the legend says which part is shown
    }

    @Test func legendShowsRangeScaleAndPooling() {
        let big = Fields.blob(height: 256, width: 256, query: Position(row: 100, col: 100), sigma: 20)
        let style = RenderStyle(colorDepth: .monochrome, scale: .log4)
        let text = Self.render(width: 100, height: 30, views: [FrameView(title: "big", field: big)], style: style)
            .canvas.plainText
        #expect(text.contains("log 4dec"))
        #expect(text.contains("Σpool"))
    }

    @Test func underlayTintsFaintCells() {
        var grey = [Float](repeating: 0, count: 48 * 64)
        for y in 0..<48 { for x in 32..<64 { grey[y * 64 + x] = 255 } }
        let underlay = Underlay(height: 48, width: 64, values: grey)!
        let style = RenderStyle(colorDepth: .truecolor, glyphs: .twoColumn)
        let plain = FrameRenderer(style: style).render(FrameContent(views: [FrameView(title: "u", field: Self.field)]), width: 100, height: 40)
        let tinted = FrameRenderer(style: style).render(FrameContent(views: [FrameView(title: "u", field: Self.field)], underlay: underlay), width: 100, height: 40)
        let heat = tinted.views[0].heatmap
        // Far from the query the weights are ~0: the left half shows black, the right half grey.
        let left = tinted.canvas[heat.x + 2, heat.maxY - 1].background
        let right = tinted.canvas[heat.maxX - 2, heat.maxY - 1].background
        #expect(left != right)
        #expect(plain.canvas[heat.x + 2, heat.maxY - 1].background == plain.canvas[heat.maxX - 2, heat.maxY - 1].background)
        #expect(Underlay(height: 2, width: 2, values: [1, 2, 3]) == nil)
    }

    @Test func resamplingAnUnderlayAveragesBlocks() {
        let u = Underlay(height: 2, width: 4, values: [0, 2, 4, 6, 8, 10, 12, 14])!
        let expected: [Float] = [5.0 / 14, 9.0 / 14]
        #expect(u.resampled(height: 1, width: 2) == expected)
        #expect(u.resampled(height: 4, width: 8).count == 32)
    }
}

@Suite struct EmptyFrameTests {
    @Test func noViewsStillLaysOutTheText() {
        let frame = FrameRenderer(style: RenderStyle()).render(FrameContent(views: [], sidePanel: ["side"], caption: "cap",
                                                                            status: "status", hint: "hint"), width: 40, height: 10)
        #expect(frame.views.isEmpty && !frame.tooSmall)
        #expect(frame.canvas.plainText.contains("status") && frame.canvas.plainText.contains("hint"))
    }

    @Test func negativeAndLargeRegionLabelsDrawOneDigit() {
        let field = Fields.make(mode: .window, height: 4, width: 4, query: Position(row: 0, col: 0),
                                weights: [Float](repeating: 1.0 / 16, count: 16),
                                overlays: [.rolledWindow(PixelRect(top: 0, left: 0, height: 2, width: 2), roll: SwinRoll(height: 4, width: 4, paddedHeight: 4, paddedWidth: 4, shiftRows: 1, shiftCols: 1)),
                                           .maskRegion(PixelRect(top: 0, left: 0, height: 2, width: 2), label: -13, matchesQuery: true),
                                           .maskRegion(PixelRect(top: 2, left: 2, height: 2, width: 2), label: 47, matchesQuery: false)])
        let frame = FrameRenderer(style: RenderStyle(colorDepth: .monochrome)).render(
            FrameContent(views: [FrameView(title: "r", field: field, coordinates: .rolled)]), width: 40, height: 16)
        #expect(frame.canvas.plainText.contains("3") && frame.canvas.plainText.contains("7"), "\(frame.canvas.plainText)")
    }
}
