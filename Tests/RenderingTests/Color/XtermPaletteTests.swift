import Testing
@testable import Rendering

@Suite struct XtermPaletteTests {
    @Test func paletteLayout() {
        let p = XtermPalette.colors
        #expect(p.count == 256)
        #expect(p[16] == RGB(0, 0, 0))
        #expect(p[231] == RGB(255, 255, 255))
        #expect(p[67] == RGB(95, 135, 175))   // 16 + 36·1 + 6·2 + 3
        #expect(p[196] == RGB(255, 0, 0))
        #expect(p[232] == RGB(8, 8, 8))
        #expect(p[255] == RGB(238, 238, 238))
    }

    @Test func exactEntriesMapToThemselves() {
        #expect(XtermPalette.nearest256(RGB(95, 135, 175)) == 67)
        #expect(XtermPalette.nearest256(RGB(255, 0, 0)) == 196)
        #expect(XtermPalette.nearest256(RGB(0, 0, 0)) == 16)
        #expect(XtermPalette.nearest256(RGB(128, 128, 128)) == 244)  // grey 8 + 10·12
        #expect(XtermPalette.nearest16(RGB(255, 0, 0)) == 9)
        #expect(XtermPalette.nearest8(RGB(255, 0, 0)) == 1)
    }

    @Test func nearColoursSnapToTheCube() {
        // (100, 130, 170) is closest to cube (95, 135, 175) = 67.
        #expect(XtermPalette.nearest256(RGB(100, 130, 170)) == 67)
        // Viridis' end #fde725 lands on a yellow of the cube (r 255, g 215…255, b 0…95).
        let end = XtermPalette.colors[Int(XtermPalette.nearest256(RGB(0xfd, 0xe7, 0x25)))]
        #expect(end.r == 255 && end.g >= 215 && end.b <= 95)
    }

    @Test func nearestIsTheMinimumOverTheSearchedRange() {
        // Independent brute force with the same metric over a grid of colours.
        for r in stride(from: 0, through: 255, by: 51) {
            for g in stride(from: 7, through: 255, by: 62) {
                for b in stride(from: 3, through: 255, by: 84) {
                    let c = RGB(UInt8(r), UInt8(g), UInt8(b))
                    let chosen = Int(XtermPalette.nearest256(c))
                    #expect(chosen >= 16)
                    let best = (16..<256).map { XtermPalette.colors[$0].distanceSquared(to: c) }.min()!
                    #expect(XtermPalette.colors[chosen].distanceSquared(to: c) == best)
                }
            }
        }
    }

    @Test func rampPrecomputesTheNearestIndexPerBand() {
        let ramp = ColorRamp(colormap: .magma, levels: 16, depth: .palette256)
        for (rgb, cell) in zip(ramp.rgb, ramp.cells) {
            #expect(cell == .indexed(XtermPalette.nearest256(rgb)))
        }
        let eight = ColorRamp(colormap: .magma, levels: 16, depth: .ansi8)
        for cell in eight.cells {
            guard case .indexed(let n) = cell else { Issue.record("not indexed"); continue }
            #expect(n < 8)
        }
        #expect(ColorRamp(colormap: .magma, levels: 16, depth: .monochrome).cells.allSatisfy { $0 == .terminalDefault })
    }
}
