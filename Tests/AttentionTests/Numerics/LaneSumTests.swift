import Testing
@testable import Attention

@Suite struct LaneSumTests {
    @Test func sumsEveryLane() {
        let v = SIMD16<Float>((0..<16).map { Float(1 << $0) })  // distinct powers of two: any missed lane shows
        #expect(v.laneSum == 65535)
        let w = SIMD8<Float>(1, 2, 4, 8, 16, 32, 64, 128)
        #expect(w.laneSum == 255)
        #expect(SIMD16<Float>(repeating: .nan).laneSum.isNaN)
    }
}
