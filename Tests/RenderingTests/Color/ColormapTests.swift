import Testing
@testable import Rendering

@Suite struct ColormapTests {
    @Test func endpointsArePublishedColours() {
        // viridis #440154 … #fde725, magma #000004 … #fcfdbf, cividis #00204d … #ffea46.
        #expect(Colormap.viridis.color(at: 0) == RGB(0x44, 0x01, 0x54))
        #expect(Colormap.viridis.color(at: 1) == RGB(0xfd, 0xe7, 0x25))
        #expect(Colormap.magma.color(at: 0) == RGB(0x00, 0x00, 0x04))
        #expect(Colormap.magma.color(at: 1) == RGB(0xfc, 0xfd, 0xbf))
        #expect(Colormap.cividis.color(at: 0) == RGB(0x00, 0x20, 0x4d))
        #expect(Colormap.cividis.color(at: 1) == RGB(0xff, 0xea, 0x46))
        #expect(Colormap.gray.color(at: 0) == RGB(0, 0, 0))
        #expect(Colormap.gray.color(at: 1) == RGB(255, 255, 255))
        #expect(Colormap.gray.color(at: 0.5) == RGB(128, 128, 128))
        // Out of range and NaN clamp.
        #expect(Colormap.viridis.color(at: -3) == Colormap.viridis.color(at: 0))
        #expect(Colormap.viridis.color(at: .nan) == Colormap.viridis.color(at: 0))
    }

    @Test(arguments: [Colormap.viridis, .cividis, .magma, .gray])
    func sequentialLuminanceRises(_ map: Colormap) {
        var previous = -1.0
        for i in 0...255 {
            let l = map.color(at: Double(i) / 255).luminance
            // Channels are rounded to 8 bits independently, which can wobble luminance by ~1e-4.
            #expect(l >= previous - 1e-3, "\(map) luminance falls at \(i)")
            previous = l
        }
        // And the quantised ramp strictly rises band to band.
        let ramp = ColorRamp(colormap: map, levels: 24, depth: .truecolor)
        for (a, b) in zip(ramp.rgb, ramp.rgb.dropFirst()) { #expect(b.luminance > a.luminance) }
    }

    @Test func divergingIsPaleInTheMiddleAndDarkAtTheEnds() {
        let map = Colormap.diverging
        let middle = map.color(at: 0.5).luminance
        #expect(middle > map.color(at: 0).luminance + 0.3)
        #expect(middle > map.color(at: 1).luminance + 0.3)
        #expect(map.color(at: 0).b > map.color(at: 0).r)  // blue for negative
        #expect(map.color(at: 1).r > map.color(at: 1).b)  // red for positive
    }

    @Test func rampIsBoundedAndBandsAreEven() {
        let ramp = ColorRamp(colormap: .viridis, levels: 100, depth: .palette256)
        #expect(ramp.levels == ColorRamp.maximumLevels)
        #expect(ramp.level(of: 0) == 0)
        #expect(ramp.level(of: 1) == ramp.levels - 1)
        #expect(ramp.level(of: 0.5) == ramp.levels / 2)
        #expect(ramp.level(of: -1) == 0 && ramp.level(of: 7) == ramp.levels - 1)
    }
}
