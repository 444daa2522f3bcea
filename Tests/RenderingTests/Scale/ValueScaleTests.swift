import Testing
import Rendering

@Suite struct ValueScaleTests {
    @Test func linearMapsZeroToMax() {
        let m = ScaleMapping(scale: .linear, minimum: 0, maximum: 0.2)
        #expect(m.unit(0) == 0)
        #expect(m.unit(0.2) == 1)
        #expect(abs(m.unit(0.05) - 0.25) < 1e-6)
        #expect(m.unit(.nan).isNaN)
    }

    @Test func logCoversDecadesBelowTheMax() {
        let m = ScaleMapping(scale: .log(decades: 4), minimum: 0, maximum: 0.5)
        #expect(m.unit(0.5) == 1)
        #expect(abs(m.unit(0.005) - 0.5) < 1e-5)       // two of four decades down
        #expect(abs(m.unit(0.05) - 0.75) < 1e-5)
        #expect(m.unit(0.00005) == 0)                   // the floor, 4 decades down
        #expect(m.unit(0.000001) == 0)                  // fainter than the floor
        #expect(m.unit(0) == 0)
        #expect(abs(m.legendLow - 0.00005) < 1e-9)
        #expect(m.legendName == "log 4dec")
    }

    @Test func clipSaturatesAboveTheThreshold() {
        let m = ScaleMapping(scale: .clipped(fraction: 0.1), minimum: 0, maximum: 0.8)
        #expect(abs(m.saturation - 0.08) < 1e-7)
        #expect(m.unit(0.08) > 0.99999)
        #expect(m.unit(0.8) == 1)
        #expect(abs(m.unit(0.04) - 0.5) < 1e-6)
        #expect(m.legendName == "clip 10%")
    }

    @Test func signedValuesAreSymmetricAboutZero() {
        let m = ScaleMapping(scale: .log4, minimum: -0.5, maximum: 0.25)
        #expect(m.signed)
        #expect(m.unit(0) == 0.5)
        #expect(m.unit(-0.5) == 0)
        #expect(m.unit(0.5) == 1)
        #expect(abs(m.unit(0.25) - 0.75) < 1e-6)
    }

    @Test func flatZeroMapIsAllLowest() {
        let m = ScaleMapping(scale: .linear, minimum: 0, maximum: 0)
        #expect(m.unit(0) == 0)
        let l = ScaleMapping(scale: .log4, minimum: 0, maximum: 0)
        #expect(l.unit(0) == 0)
    }

    @Test func parsesArguments() {
        #expect(ValueScale(argument: "linear") == .linear)
        #expect(ValueScale(argument: "log") == .log(decades: 4))
        #expect(ValueScale(argument: "log:6") == .log(decades: 6))
        #expect(ValueScale(argument: "clip:0.25") == .clipped(fraction: 0.25))
        #expect(ValueScale(argument: "clip") == .clipped(fraction: 0.1))
        #expect(ValueScale(argument: "clip:0") == nil)
        #expect(ValueScale(argument: "clip:2") == nil)
        #expect(ValueScale(argument: "log:x") == nil)
        #expect(ValueScale(argument: "cubic") == nil)
    }

    @Test func compactNumbers() {
        #expect(NumberFormat.compact(0) == "0")
        #expect(NumberFormat.compact(0.0123456) == "0.0123")
        #expect(NumberFormat.compact(0.00001234) == "1.2e-5")
        #expect(NumberFormat.compact(12.345) == "12.3")
        #expect(NumberFormat.compact(.nan) == "NaN")
        #expect(NumberFormat.compact(1.5e9) == "1.5e9")
    }
}
