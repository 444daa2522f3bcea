import AttentionKernels

/// One criss-cross pass run for every position of one row or column at once.
///
/// A position's cross splits into the keys *across* the line (the other axis) and the keys
/// *along* it (the line itself). The work is `ak_kernels().cross_line` (C, built per instruction
/// set): a row line computes its across logits `[h][w]` in sweeps along the row, a column line
/// in sweeps over the planes in memory order. The weights come out as `CrossLineWeights`.
/// A line runs on one core: `attnscope bench` measured criss-cross slower with a line shared
/// with a second core (b2b p50 at 64×256×256: 0.95 / 0.92 ms on one core, 3.0 / 3.0 ms on two).
final class CrossLine {
    /// Positions on the line (B) and the dimensions the buffers are sized for.
    private var shape = (along: 0, dimension: 0, channels: 0)
    /// The kernels' working arrays, one allocation (see `ak_cross_scratch`).
    private var storage: UnsafeMutablePointer<Float>?
    private var scratch = ak_cross_scratch()
    deinit { storage?.deallocate() }

    /// Computes the pass weights of line `index` of `layer` (no outputs), keeping a column line's
    /// gathered values. `storage`, when uniquely held and of the right size, becomes the line's
    /// (no allocation).
    /// - `kernels`: the instruction set's.
    func weights(_ layer: CrossLayer, index: Int, isRow: Bool, reusing storage: consuming [Float] = [],
                 kernels: ak_kernel_table = Kernels.current) -> CrossLineWeights {
        // Consumed, not copied: a uniquely held buffer is refilled in place (a second reference
        // would make the first write copy the whole line).
        var line = CrossLineWeights(index: index, isRow: isRow, height: layer.height, width: layer.width,
                                    storage: consume storage, values: [])
        run(layer, line: &line, gamma: 0, values: nil, products: nil, kernels: kernels)
        keepValues(of: &line, channels: layer.channels)
        return line
    }

    /// `weights(_:index:isRow:reusing:kernels:)`, and `products[p] = Σ_c D[c]·x[c][p]` for every
    /// pixel p of the layer's values x, where D is what `direction` makes of the line's gathered
    /// values `[c][b]`: computed in the line's own sweep over the map (one pass over memory
    /// instead of two). `products` is resized to H·W only when its size differs.
    func weights(_ layer: CrossLayer, index: Int, isRow: Bool, reusing storage: consuming [Float] = [],
                 direction: (UnsafeBufferPointer<Float>) -> [Float], products: inout [Float],
                 kernels: ak_kernel_table = Kernels.current) -> CrossLineWeights {
        var line = CrossLineWeights(index: index, isRow: isRow, height: layer.height, width: layer.width,
                                    storage: consume storage, values: [])
        let n = layer.pixelCount
        // Every pixel is written by the sweep.
        if products.count != n { products = [Float](unsafeUninitializedCapacity: n) { _, count in count = n } }
        withoutActuallyEscaping(direction) { direction in
            products.withUnsafeMutableBufferPointer { p in
                run(layer, line: &line, gamma: 0, values: nil, products: p.baseAddress, kernels: kernels, direction: direction)
            }
        }
        keepValues(of: &line, channels: layer.channels)
        return line
    }

    /// A column line keeps the values it gathered (a query on it reads its column from them).
    private func keepValues(of line: inout CrossLineWeights, channels: Int) {
        if !line.isRow { line.values = Array(UnsafeBufferPointer(start: scratch.lineValues, count: channels * line.count)) }
    }

    /// Computes the pass weights of line `index` of `layer` and its outputs `x + γ·CCA(x)` at the
    /// line's positions into `values`, planar `[c][b]`.
    func weightsAndValues(_ layer: CrossLayer, index: Int, isRow: Bool, gamma: Float, values: inout [Float],
                          kernels: ak_kernel_table = Kernels.current) -> CrossLineWeights {
        var line = CrossLineWeights(index: index, isRow: isRow, height: layer.height, width: layer.width,
                                    storage: [], values: [])
        let size = layer.channels * line.count
        if values.count != size { values = [Float](repeating: 0, count: size) }
        values.withUnsafeMutableBufferPointer { vb in
            run(layer, line: &line, gamma: gamma, values: vb.baseAddress!, products: nil, kernels: kernels)
        }
        return line
    }

    /// Gathers the line, then runs the pass; with `products`, `direction` turns the gathered
    /// values into the products' vector.
    private func run(_ layer: CrossLayer, line: inout CrossLineWeights, gamma: Float,
                     values: UnsafeMutablePointer<Float>?, products: UnsafeMutablePointer<Float>?,
                     kernels: ak_kernel_table, direction: ((UnsafeBufferPointer<Float>) -> [Float])? = nil) {
        let b = line.count
        prepare(along: b, dimension: layer.dimension, channels: layer.channels)
        let size = b * line.crossCount
        if line.storage.count != size { line.storage = [Float](repeating: 0, count: size) }
        let index = line.index, isRow: Int32 = line.isRow ? 1 : 0, gathered = scratch.lineValues
        layer.withPointers { description in
            line.storage.withUnsafeMutableBufferPointer { wb in
                var l = description
                l.gamma = gamma
                withUnsafePointer(to: &l) { l in
                    withUnsafePointer(to: scratch) { s in
                        kernels.cross_gather(l, index, isRow, s)
                        let w = wb.baseAddress!
                        guard let products, let direction else {
                            kernels.cross_line(l, index, isRow, 0, b, s, w, values, nil, nil)
                            return
                        }
                        let d = direction(UnsafeBufferPointer(start: gathered, count: layer.channels * b))
                        precondition(d.count == layer.channels)
                        d.withUnsafeBufferPointer { db in
                            let dp = db.baseAddress!
                            kernels.cross_line(l, index, isRow, 0, b, s, w, values, dp, products)
                        }
                    }
                }
            }
        }
    }

    /// Sizes the working arrays (kept between lines; reallocated only when the shape changes).
    private func prepare(along b: Int, dimension d: Int, channels: Int) {
        guard shape != (b, d, channels) || storage == nil else { return }
        storage?.deallocate()
        shape = (b, d, channels)
        let sizes = [d * b, d * b, channels * b, b, b]
        let memory = UnsafeMutablePointer<Float>.allocate(capacity: sizes.reduce(0, +))
        memory.initialize(repeating: 0, count: sizes.reduce(0, +))
        storage = memory
        var offsets: [UnsafeMutablePointer<Float>] = []
        var next = memory
        for size in sizes {
            offsets.append(next)
            next += size
        }
        scratch = ak_cross_scratch(queries: offsets[0], lineKeys: offsets[1], lineValues: offsets[2],
                                   shifts: offsets[3], sums: offsets[4])
    }
}
