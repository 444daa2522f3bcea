import AttentionKernels

/// One criss-cross pass's cross weights at every position of one row or column line, as
/// `cross_line` lays them out, and the two products a composed map needs from them.
///
/// A column line (positions `(t, index)`) is position-major, `[t·(H+W) + e]`: each position's
/// cross in CCNet's layout (column part, then row part). A row line (positions `(index, t)`) is
/// entry-major, `[e·W + t]`: entry e of every position is one run along the row, so both products
/// below read and write whole image rows.
struct CrossLineWeights {
    /// The row (`isRow`) or column the positions lie on.
    let index: Int
    let isRow: Bool
    let height: Int
    let width: Int
    /// B·(H + W) weights in the line's layout.
    var storage: [Float]
    /// A column line's values (the pass input x at its positions), `[c][h]`; empty for a row
    /// line, whose values are one contiguous run per plane of x already.
    var values: [Float]

    /// Positions on the line.
    var count: Int { isRow ? width : height }
    /// Entries per cross: H + W.
    var crossCount: Int { height + width }

    /// The weight position t puts on its cross entry e (CCNet's numbering).
    func weight(at t: Int, entry e: Int) -> Float {
        isRow ? storage[e * width + t] : storage[t * crossCount + e]
    }

    /// Position t's cross weights, H + W entries in CCNet's layout.
    func cross(at t: Int) -> [Float] {
        if !isRow { return Array(storage[(t * crossCount)..<((t + 1) * crossCount)]) }
        return (0..<crossCount).map { storage[$0 * width + t] }
    }

    /// `out[t] = Σ_e A(t → e)·g(pixel of e)` for every position t: what each position's pass
    /// output contributes to a product with the planar H×W map `g` (`cross_relay`).
    func relay(_ g: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, kernels: ak_kernel_table = Kernels.current) {
        withScratch { weights, scratch in
            kernels.cross_relay(weights, height, width, index, isRow ? 1 : 0, g, out, scratch)
        }
    }

    /// Adds `Σ_t s[t]·A(t → ·)` onto the planar H×W map `z`: the positions' crosses, each scaled
    /// (`cross_spread`).
    func spread(_ s: UnsafePointer<Float>, into z: UnsafeMutablePointer<Float>, kernels: ak_kernel_table = Kernels.current) {
        withScratch { weights, scratch in
            kernels.cross_spread(weights, height, width, index, isRow ? 1 : 0, s, z, scratch)
        }
    }

    /// Runs `body` with the weights and H floats of scratch.
    private func withScratch(_ body: (UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void) {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: height) { scratch in
            storage.withUnsafeBufferPointer { body($0.baseAddress!, scratch.baseAddress!) }
        }
    }
}
