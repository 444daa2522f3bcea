import Testing
@testable import Attention

/// `PlanarDot.all` against a Double product, into a kept buffer of the wrong size and then of the
/// right one.
@Suite struct PlanarDotTests {
    @Test(arguments: [(3, 17), (8, 1024), (64, 4096 + 5), (64, 3 * 4096 + 100)])
    func matchesTheDoubleProduct(shape: (Int, Int)) {
        let (channels, n) = shape
        let planes = TestMaps.signed(channels * n, seed: 41)
        let q = TestMaps.signed(channels, seed: 42)
        var out = [Float](repeating: .nan, count: 5)
        for round in 0..<2 {
            PlanarDot.all(q, planes: planes, channels: channels, pixels: n, into: &out)
            #expect(out.count == n)
            for i in 0..<n {
                var expected = 0.0, magnitude = 0.0
                for c in 0..<channels {
                    expected += Double(q[c]) * Double(planes[c * n + i])
                    magnitude += abs(Double(q[c]) * Double(planes[c * n + i]))
                }
                #expect(abs(Double(out[i]) - expected) <= 1e-6 * max(1, magnitude), "round \(round) pixel \(i)")
            }
        }
    }
}
