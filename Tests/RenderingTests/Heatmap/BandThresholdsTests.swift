import Foundation
import Testing
@testable import Rendering

/// Log views' bands read from thresholds equal the bands of the scale's formula, for every
/// value of a dense sweep and at each threshold's neighbours.
@Suite struct BandThresholdsTests {
    @Test(arguments: [2, 4, 6])
    func bandsEqualTheFormula(_ decades: Int) {
        for levels in [2, 8, 16, 32] {
            let ramp = ColorRamp(colormap: .viridis, levels: levels, depth: .truecolor)
            for saturation: Float in [1, 0.0123, 3e-30, 2.5e30] {
                let mapping = ScaleMapping(scale: .log(decades: decades), minimum: 0, maximum: saturation)
                let thresholds = BandThresholds(mapping: mapping, ramp: ramp)
                func formula(_ v: Float) -> Int { ramp.level(of: mapping.unit(v)) }
                // A geometric sweep from far below the floor to above the saturation.
                var v = saturation * 1e-9
                while v < saturation * 10 {
                    #expect(thresholds.band(of: v) == formula(v), "v \(v), \(levels) levels, \(decades) decades")
                    v *= 1.013
                }
                // Each threshold is its band's edge: it reaches the band, the float below it does not.
                for (index, edge) in thresholds.thresholds.enumerated() {
                    #expect(formula(edge) >= index + 1 && (edge.nextDown <= 0 || formula(edge.nextDown) < index + 1))
                    #expect(thresholds.band(of: edge) == formula(edge) && thresholds.band(of: edge.nextDown) == formula(edge.nextDown))
                }
                #expect(thresholds.band(of: .leastNonzeroMagnitude) == formula(.leastNonzeroMagnitude))
                #expect(thresholds.band(of: .greatestFiniteMagnitude) == levels - 1)
                #expect(thresholds.band(of: .infinity) == levels - 1)
            }
        }
    }
}
