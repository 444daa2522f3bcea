import Foundation
import Testing
@testable import Attention

@Suite struct SoftmaxTests {
    /// Softmax in Double with libm's exp: the references' own.
    private func reference(_ x: [Float]) -> [Double] { ReferenceMath.softmax(x.map(Double.init)) }

    @Test(arguments: [1, 5, 15, 16, 17, 33, 1000, 65_536 + 7])
    func matchesDoublePrecisionReference(count: Int) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(count)
        var x: [Float] = (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Double(state >> 40) / Double(1 << 24) * 40 - 20)
        }
        if count > 3 { x[2] = -.infinity }
        let expected = reference(x)
        var y = x
        Softmax.normalize(&y)
        var sum = 0.0
        for i in 0..<count {
            sum += Double(y[i])
            #expect(abs(Double(y[i]) - expected[i]) <= 1e-6 * expected[i] + 1e-12, "entry \(i)")
        }
        #expect(abs(sum - 1) < 1e-5)
        if count > 3 { #expect(y[2] == 0) }
    }

    @Test func everythingMaskedOrNaNGivesNaN() {
        var masked = [Float](repeating: -.infinity, count: 20)
        Softmax.normalize(&masked)
        #expect(masked.allSatisfy { $0.isNaN })
        var withNaN = [Float](repeating: 0, count: 40)
        withNaN[37] = .nan  // in the scalar tail
        Softmax.normalize(&withNaN)
        #expect(withNaN.allSatisfy { $0.isNaN })
        var vectorNaN = [Float](repeating: 0, count: 40)
        vectorNaN[3] = .nan  // in the vector part
        Softmax.normalize(&vectorNaN)
        #expect(vectorNaN.allSatisfy { $0.isNaN })
        var empty: [Float] = []
        Softmax.normalize(&empty)
        #expect(empty.isEmpty)
    }

    @Test func largeLogitsDoNotOverflow() {
        var x: [Float] = [1e30, 1e30 - 1e24, 0, -1e30] + [Float](repeating: 5, count: 17)
        Softmax.normalize(&x)
        #expect(abs(x.reduce(0, +) - 1) < 1e-6)
        #expect(x[3] == 0)
    }
}
