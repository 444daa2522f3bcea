import AttentionKernels

/// `out[i] = Σ_c q[c]·planes[c·n + i]` for every pixel i of planar data, on both cores when the
/// product is large (`SecondCore.splitThreshold`), in parts of whole `AK_BLOCK`s.
enum PlanarDot {
    /// The product of `q` (`channels` values) with every pixel of `planes` (`[channels][n]`), into
    /// `out` (resized to n only when its size differs, so a kept buffer is reused).
    static func all(_ q: [Float], planes: [Float], channels: Int, pixels n: Int, cores: Int, into out: inout [Float],
                    kernels: ak_kernel_table = Kernels.current) {
        precondition(q.count >= channels && planes.count >= channels * n)
        if out.count != n { out = [Float](unsafeUninitializedCapacity: n) { _, count in count = n } }
        let blocks = (n + Int(AK_BLOCK) - 1) / Int(AK_BLOCK)
        let share = cores > 1 && n * channels >= SecondCore.splitThreshold && blocks > 1
        let perPart = share ? (blocks + 7) / 8 * Int(AK_BLOCK) : n
        let parts = (n + perPart - 1) / perPart
        out.withUnsafeMutableBufferPointer { ob in
            q.withUnsafeBufferPointer { qs in
                planes.withUnsafeBufferPointer { ps in
                    let o = ob.baseAddress!, query = qs.baseAddress!, p = ps.baseAddress!
                    let body: (Int) -> Void = { part in
                        let start = part * perPart
                        kernels.dot_planar(query, p, channels, n, start, min(start + perPart, n), o)
                    }
                    if parts > 1 { SecondCore.shared.forEach(count: parts, body) } else { body(0) }
                }
            }
        }
    }
}
