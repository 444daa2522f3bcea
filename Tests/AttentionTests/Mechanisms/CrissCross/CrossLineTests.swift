import Testing
@testable import Attention
import AttentionKernels
import FeatureMaps

/// The line pass (C kernels, every instruction set this CPU runs) must give the plain reference's
/// pass (`CrissCrossReference`): its weights and outputs.
@Suite struct CrossLineTests {
    @Test(arguments: [(6, 5, 7), (4, 9, 3), (1, 1, 6), (17, 20, 18), (5, 33, 40)])
    func matchesTheReference(shape: (Int, Int, Int)) {
        let (c, h, w) = shape
        let map = CrissCrossAttentionTests.map(channels: c, height: h, width: w, seed: 11)
        let layer = CrossLayer(input: map.data, channels: c, height: h, width: w, projection: nil,
                               scale: 0.7, temperature: 1.3)
        for (level, kernels) in Kernels.available {
            check(layer, runner: CrossLine(), kernels: kernels, level: level)
        }
    }

    /// A line's storage handed back uniquely is refilled in place: no new allocation, no copy
    /// of a buffer that at 4096×4096 holds 128 MiB.
    @Test func aUniquelyHeldBufferIsRefilledInPlace() {
        let map = CrissCrossAttentionTests.map(channels: 4, height: 9, width: 12, seed: 3)
        let layer = CrossLayer(input: map.data, channels: 4, height: 9, width: 12, projection: nil,
                               scale: 1, temperature: 1)
        let runner = CrossLine()
        for isRow in [false, true] {
            var line = runner.weights(layer, index: 0, isRow: isRow)
            let address = line.storage.withUnsafeBufferPointer { $0.baseAddress }
            let taken = line.storage
            line.storage = []
            let next = runner.weights(layer, index: 1, isRow: isRow, reusing: consume taken)
            #expect(next.storage.withUnsafeBufferPointer { $0.baseAddress } == address, "row \(isRow)")
            #expect(next.index == 1 && next.storage.count == line.crossCount * next.count)
        }
    }

    /// Projected queries and keys (q ≠ k ≠ v storage) take the gathering paths the identity skips.
    @Test func matchesTheReferenceWithProjections() throws {
        let (c, h, w) = (6, 18, 21)
        let map = CrissCrossAttentionTests.map(channels: c, height: h, width: w, seed: 5)
        let projection = try Projection(archive: Self.projectionArchive(channels: c), head: 0, channels: c)
        let layer = CrossLayer(input: map.data, channels: c, height: h, width: w, projection: projection,
                               scale: 0.9, temperature: 1)
        for (level, kernels) in Kernels.available {
            check(layer, projection: projection, runner: CrossLine(), kernels: kernels, level: level)
        }
    }

    /// Projections with d = 5 (biases included) for C-channel maps.
    static func projectionArchive(channels c: Int) -> TensorArchive {
        let d = 5
        return TensorArchive(path: "p.npz", entries: [
            ("wq", Tensor(shape: [d, c], values: TestMaps.signed(d * c, seed: 3))),
            ("wk", Tensor(shape: [d, c], values: TestMaps.signed(d * c, seed: 4))),
            ("bq", Tensor(shape: [d], values: TestMaps.signed(d, seed: 5))),
            ("bk", Tensor(shape: [d], values: TestMaps.signed(d, seed: 6))),
        ])
    }

    private func check(_ layer: CrossLayer, projection: Projection? = nil, runner: CrossLine, kernels: ak_kernel_table, level: String) {
        let (c, h, w) = (layer.channels, layer.height, layer.width)
        let shape = "\(c)×\(h)×\(w) \(level)"
        let k = h + w, gamma: Float = 0.8
        let tokens = (0..<(h * w)).map { p in (0..<c).map { Double(layer.values[$0 * h * w + p]) } }
        let attention = CrissCrossReference.attention(tokens, height: h, width: w, projection: projection,
                                                      scale: Double(layer.scale), temperature: Double(layer.temperature))
        let next = CrissCrossReference.nextInput(tokens, values: tokens, attention: attention, gamma: Double(gamma))
        for isRow in [true, false] {
            for index in 0..<(isRow ? h : w) {
                var values: [Float] = []
                let line = runner.weightsAndValues(layer, index: index, isRow: isRow, gamma: gamma, values: &values,
                                                 kernels: kernels)
                let alone = runner.weights(layer, index: index, isRow: isRow, kernels: kernels)
                #expect(alone.storage == line.storage, "\(shape) weights without values, row \(isRow) \(index)")
                checkProducts(layer, runner: runner, index: index, isRow: isRow, weights: line, kernels: kernels, shape: shape)
                checkRelayAndSpread(line, kernels: kernels, shape: shape)
                let count = isRow ? w : h
                for t in 0..<count {
                    let (i, j) = isRow ? (index, t) : (t, index)
                    let p = i * w + j
                    // CCNet's layout: column entries e < H (the query's own, e = i, masked to 0), then row entries.
                    let expected = (0..<k).map { e in e < h ? (e == i ? 0 : attention[p][e * w + j]) : attention[p][i * w + e - h] }
                    #expect(line.cross(at: t) == (0..<k).map { line.weight(at: t, entry: $0) })
                    for e in 0..<k {
                        #expect(abs(Double(line.weight(at: t, entry: e)) - expected[e]) <= 1e-6, "\(shape) row \(isRow) \(i),\(j) e \(e)")
                    }
                    for ch in 0..<c {
                        let x = next[p][ch]
                        #expect(abs(Double(values[ch * count + t]) - x) <= 1e-5 * max(1, abs(x)), "\(shape) \(i),\(j) c \(ch)")
                    }
                }
            }
        }
    }

    /// The products made in a line's sweep (fused when the keys are the values, a separate sweep
    /// otherwise) are `D·x_p` for every pixel, with D made from the gathered line values; the
    /// weights are the same as without them, and a column line keeps its values.
    private func checkProducts(_ layer: CrossLayer, runner: CrossLine, index: Int, isRow: Bool, weights: CrossLineWeights,
                               kernels: ak_kernel_table, shape: String) {
        let (c, h, w) = (layer.channels, layer.height, layer.width)
        let n = h * w, b = isRow ? w : h
        var seen: [Float] = []
        // A kept buffer of the wrong size is resized; one of the right size is refilled.
        var products = [Float](repeating: .nan, count: isRow ? 3 : n)
        let line = runner.weights(layer, index: index, isRow: isRow, direction: { gathered in
            seen = Array(gathered)
            return (0..<c).map { Float($0 % 3) - 0.7 + gathered[$0 * b] }
        }, products: &products, kernels: kernels)
        let column = (0..<(c * b)).map { e in
            let (ch, t) = (e / b, e % b)
            return layer.values[ch * n + (isRow ? index * w + t : t * w + index)]
        }
        #expect(seen == column, "\(shape) gathered values, row \(isRow) \(index)")
        #expect(line.storage == weights.storage, "\(shape) weights with products, row \(isRow) \(index)")
        #expect(line.values == (isRow ? [] : column), "\(shape) kept values, row \(isRow) \(index)")
        let d = (0..<c).map { Double(Float($0 % 3) - 0.7 + column[$0 * b]) }
        guard products.count == n else {
            Issue.record("\(shape) \(products.count) products for \(n) pixels")
            return
        }
        for p in 0..<n {
            var expected = 0.0, magnitude = 0.0
            for ch in 0..<c {
                expected += d[ch] * Double(layer.values[ch * n + p])
                magnitude += abs(d[ch] * Double(layer.values[ch * n + p]))
            }
            #expect(abs(Double(products[p]) - expected) <= 1e-6 * max(1, magnitude), "\(shape) product \(p), row \(isRow) \(index)")
        }
    }

    /// `relay` and `spread` (C, per instruction set) against the same sums over
    /// `weight(at:entry:)` in Double, pixel by pixel.
    private func checkRelayAndSpread(_ line: CrossLineWeights, kernels: ak_kernel_table, shape: String) {
        let (h, w, k) = (line.height, line.width, line.crossCount)
        func pixel(_ t: Int, _ e: Int) -> Int {
            let (i, j) = line.isRow ? (line.index, t) : (t, line.index)
            return e < h ? e * w + j : i * w + (e - h)
        }
        let g = TestMaps.signed(h * w, seed: 31)
        let s = TestMaps.signed(line.count, seed: 32).enumerated().map { $0.offset % 5 == 2 ? 0 : $0.element }
        var relayed = [Float](repeating: .nan, count: line.count)
        var spread = TestMaps.signed(h * w, seed: 33)
        var expectedSpread = spread.map(Double.init)
        g.withUnsafeBufferPointer { gb in
            relayed.withUnsafeMutableBufferPointer { line.relay(gb.baseAddress!, into: $0.baseAddress!, kernels: kernels) }
        }
        s.withUnsafeBufferPointer { sb in
            spread.withUnsafeMutableBufferPointer { line.spread(sb.baseAddress!, into: $0.baseAddress!, kernels: kernels) }
        }
        for t in 0..<line.count {
            var expected = 0.0, magnitude = 0.0
            for e in 0..<k {
                let a = Double(line.weight(at: t, entry: e))
                expected += a * Double(g[pixel(t, e)])
                magnitude += abs(a * Double(g[pixel(t, e)]))
                expectedSpread[pixel(t, e)] += Double(s[t]) * a
            }
            #expect(abs(Double(relayed[t]) - expected) <= 1e-6 * max(1, magnitude), "\(shape) relay \(line.isRow) \(line.index) t \(t)")
        }
        for p in 0..<(h * w) {
            #expect(abs(Double(spread[p]) - expectedSpread[p]) <= 1e-5, "\(shape) spread \(line.isRow) \(line.index) pixel \(p)")
        }
    }
}
