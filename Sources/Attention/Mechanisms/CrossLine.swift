import AttentionKernels

/// One criss-cross pass run for every position of one row or column at once.
///
/// A position's cross splits into the keys *across* the line (the other axis) and the keys
/// *along* it (the line itself). The work is `ak_kernels().cross_line` (C, built per instruction
/// set): a row line computes its across logits `[h][w]` in sweeps along the row, a column line
/// in sweeps over the planes in memory order. (Sharing a line with the second core measured no
/// faster: the sweeps are bound by the shared cache's bandwidth.)
final class CrossLine {
    /// Positions on the line (B) and across it (A), and the dimensions the buffers are sized for.
    private var shape = (along: 0, across: 0, dimension: 0, channels: 0)
    /// The kernels' working arrays, one allocation (see `ak_cross_scratch`).
    private var storage: UnsafeMutablePointer<Float>?
    private var scratch = ak_cross_scratch()

    deinit { storage?.deallocate() }

    /// Computes pass weights and outputs for line `index` of `layer`.
    ///
    /// - `isRow`: a row line (positions `(index, b)`) or a column line (positions `(b, index)`).
    /// - `weights`: B × (H + W) cross weights in CCNet's layout (column part first), per position.
    /// - `values`: `x + γ·CCA(x)` at the line's positions, planar `[c][b]`.
    /// - `kernels`: the instruction set's.
    func compute(_ layer: CrossLayer, index: Int, isRow: Bool, gamma: Float,
                 weights: inout [Float], values: inout [Float], kernels: ak_kernel_table = Kernels.current) {
        let h = layer.height, w = layer.width
        let b = isRow ? w : h, a = isRow ? h : w
        prepare(along: b, across: a, dimension: layer.dimension, channels: layer.channels)
        if weights.count != b * (h + w) { weights = [Float](repeating: 0, count: b * (h + w)) }
        if values.count != layer.channels * b { values = [Float](repeating: 0, count: layer.channels * b) }
        layer.withPointers { description in
            weights.withUnsafeMutableBufferPointer { wb in
                values.withUnsafeMutableBufferPointer { vb in
                    var l = description
                    l.gamma = gamma
                    let out = wb.baseAddress!, outValues = vb.baseAddress!
                    withUnsafePointer(to: &l) { l in
                        withUnsafePointer(to: scratch) { s in
                            kernels.cross_gather(l, index, isRow ? 1 : 0, s)
                            kernels.cross_line(l, index, isRow ? 1 : 0, 0, b, s, out, outValues)
                        }
                    }
                }
            }
        }
    }

    /// Sizes the working arrays (kept between lines; reallocated only when the shape changes).
    private func prepare(along b: Int, across a: Int, dimension d: Int, channels: Int) {
        guard shape != (b, a, d, channels) || storage == nil else { return }
        storage?.deallocate()
        shape = (b, a, d, channels)
        // A row line uses `alongTransposed`, a column line `along`: one array serves both.
        let sizes = [d * b, d * b, channels * b, a * b, b * b, b, b]
        let memory = UnsafeMutablePointer<Float>.allocate(capacity: sizes.reduce(0, +))
        memory.initialize(repeating: 0, count: sizes.reduce(0, +))
        storage = memory
        var offsets: [UnsafeMutablePointer<Float>] = []
        var next = memory
        for size in sizes {
            offsets.append(next)
            next += size
        }
        scratch = ak_cross_scratch(queries: offsets[0], lineKeys: offsets[1], lineValues: offsets[2], across: offsets[3],
                                   along: offsets[4], alongTransposed: offsets[4], shifts: offsets[5], sums: offsets[6])
    }
}
