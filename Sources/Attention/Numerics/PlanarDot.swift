import AttentionKernels

/// `out[i] = Σ_c q[c]·planes[c·n + i]` for every pixel i of planar data, on both cores when the
/// product is large (`SecondCore.splitThreshold`), in parts of whole `AK_BLOCK`s.
enum PlanarDot {
    /// The product of `q` (`channels` values) with every pixel of `planes` (`[channels][n]`).
    static func all(_ q: [Float], planes: [Float], channels: Int, pixels n: Int,
                    kernels: ak_kernel_table = Kernels.current) -> [Float] {
        precondition(q.count >= channels && planes.count >= channels * n)
        let blocks = (n + Int(AK_BLOCK) - 1) / Int(AK_BLOCK)
        let share = SecondCore.enabled && n * channels >= SecondCore.splitThreshold && blocks > 1
        let perPart = share ? (blocks + 7) / 8 * Int(AK_BLOCK) : n
        let parts = (n + perPart - 1) / perPart
        return [Float](unsafeUninitializedCapacity: n) { out, count in
            q.withUnsafeBufferPointer { qs in
                planes.withUnsafeBufferPointer { ps in
                    let o = out.baseAddress!, query = qs.baseAddress!, p = ps.baseAddress!
                    let body: (Int) -> Void = { part in
                        let start = part * perPart
                        kernels.dot_planar(query, p, channels, n, start, min(start + perPart, n), o)
                    }
                    if parts > 1 { SecondCore.shared.forEach(count: parts, body) } else { body(0) }
                }
            }
            count = n
        }
    }
}
