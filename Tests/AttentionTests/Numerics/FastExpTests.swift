import Foundation
import Testing
@testable import Attention

@Suite struct FastExpTests {
    /// Relative error against Foundation's `exp` in Double over [lo, hi] in `count` steps.
    private func worstRelativeError(from lo: Double, to hi: Double, count: Int) -> Double {
        var worst = 0.0
        var lanes = SIMD16<Float>()
        var xs: [Float] = []
        for i in 0..<count {
            xs.append(Float(lo + (hi - lo) * Double(i) / Double(count - 1)))
        }
        var i = 0
        while i < xs.count {
            for l in 0..<16 { lanes[l] = xs[min(i + l, xs.count - 1)] }
            let e = FastExp.exp(lanes)
            for l in 0..<16 where i + l < xs.count {
                let exact = Foundation.exp(Double(xs[i + l]))
                worst = max(worst, abs(Double(e[l]) - exact) / exact)
            }
            i += 16
        }
        return worst
    }

    @Test func matchesExpOverTheSoftmaxRange() {
        // Softmax feeds x − max ≤ 0; logits spread over tens of units.
        #expect(worstRelativeError(from: -80, to: 0, count: 200_003) < 2.5e-7)
    }

    @Test func matchesExpOverTheWholeNormalRange() {
        #expect(worstRelativeError(from: -87.3, to: 88.7, count: 100_001) < 2.5e-7)
        #expect(worstRelativeError(from: -1e-3, to: 1e-3, count: 10_001) < 2.5e-7)
    }

    @Test func agreesWithExpfWithinTwoUlps() {
        var x: Float = -87
        while x < 88 {
            let fast = FastExp.exp(x), libm = expf(x)
            #expect(abs(fast - libm) <= 2 * libm.ulp, "x = \(x)")
            x += 0.37
        }
    }

    @Test func limitsAndSpecialValues() {
        #expect(FastExp.exp(-Float.infinity) == 0)
        #expect(FastExp.exp(-1e30) == 0)
        #expect(FastExp.exp(-100) == 0)
        #expect(FastExp.exp(-87.4) == 0)  // below the normal range: flushed to 0 (expf gives ~1e-38)
        #expect(FastExp.exp(0) == 1)
        #expect(FastExp.exp(Float.infinity) == .infinity)
        #expect(FastExp.exp(100) == .infinity)
        #expect(FastExp.exp(Float.nan).isNaN)
        #expect(FastExp.exp(88.7).isFinite)
        #expect(abs(FastExp.exp(1) - 2.7182817) <= Float(2.7182817).ulp)
    }

    @Test func lanesAreIndependent() {
        let x = SIMD16<Float>(-.infinity, -50, -10, -1, 0, 1, 10, 50, .nan, -87.4, 88, 0.5, -0.5, 3, -3, 20)
        let e = FastExp.exp(x)
        for l in 0..<16 {
            if x[l].isNaN { #expect(e[l].isNaN); continue }
            #expect(e[l] == FastExp.exp(x[l]), "lane \(l)")
        }
    }
}
