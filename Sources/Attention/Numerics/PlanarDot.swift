import AttentionKernels

/// `out[i] = Σ_c q[c]·planes[c·n + i]` for every pixel i of planar data (`dot_planar`), on one
/// core: criss-cross, its user, measured slower with the product shared with a second core.
enum PlanarDot {
    /// The product of `q` (`channels` values) with every pixel of `planes` (`[channels][n]`), into
    /// `out` (resized to n only when its size differs, so a kept buffer is reused).
    static func all(_ q: [Float], planes: [Float], channels: Int, pixels n: Int, into out: inout [Float],
                    kernels: ak_kernel_table = Kernels.current) {
        precondition(q.count >= channels && planes.count >= channels * n)
        if out.count != n { out = [Float](unsafeUninitializedCapacity: n) { _, count in count = n } }
        out.withUnsafeMutableBufferPointer { ob in
            q.withUnsafeBufferPointer { qs in
                planes.withUnsafeBufferPointer { ps in
                    kernels.dot_planar(qs.baseAddress!, ps.baseAddress!, channels, n, 0, n, ob.baseAddress!)
                }
            }
        }
    }
}
