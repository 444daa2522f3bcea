import AttentionKernels
import Foundation

/// `softmax_i(q · k_i)` over every pixel of planar keys, with the sums `FieldStatistics` needs.
///
/// Two passes instead of a product pass and three softmax passes: blocks of `AK_BLOCK` pixels
/// get their logits and `e^(l − block max)` while the block is in L1 (`logits_exp`), then one
/// sweep rescales each block by `e^(block max − max)/Z` and finds Σ, max and argmax
/// (`scale_blocks`). Large maps share both passes with the second core (`SecondCore`).
/// Semantics are `Softmax.normalizeSummarized`'s: a NaN or +∞ logit, or no finite one, makes every
/// weight NaN.
enum DotProductSoftmax {
    /// The softmax of `q · keys[·][i]` for i in 0..<n; `q` holds `channels` values, already scaled;
    /// `kernels`: the instruction set's. With `cores` 2, maps of at least `minimumSplitWork`
    /// multiply-adds use both cores (in parts of whole blocks, which give the same numbers as one part).
    static func weights(query q: [Float], keys: [Float], channels: Int, pixels n: Int, cores: Int,
                        minimumSplitWork: Int = SecondCore.splitThreshold,
                        kernels: ak_kernel_table = Kernels.current) -> (weights: [Float], summary: Softmax.Summary) {
        precondition(n > 0 && q.count >= channels && keys.count >= channels * n)
        let blockCount = (n + Int(AK_BLOCK) - 1) / Int(AK_BLOCK)
        // Parts of whole blocks for the two cores (eight, so a busy core holds up little); one
        // part when sharing would not pay.
        let share = cores > 1 && n * channels >= minimumSplitWork && blockCount > 1
        let perPart = share ? (blockCount + 7) / 8 * Int(AK_BLOCK) : n
        let ranges = stride(from: 0, to: n, by: perPart).map { $0..<min($0 + perPart, n) }
        var blocks = [ak_block_summary](repeating: ak_block_summary(), count: blockCount)
        var weights = [Float](unsafeUninitializedCapacity: n) { _, count in count = n }
        weights.withUnsafeMutableBufferPointer { out in
            blocks.withUnsafeMutableBufferPointer { summaries in
                q.withUnsafeBufferPointer { qs in
                    keys.withUnsafeBufferPointer { ks in
                        let o = out.baseAddress!, s = summaries.baseAddress!, query = qs.baseAddress!, k = ks.baseAddress!
                        run(ranges) { part in
                            kernels.logits_exp(query, k, channels, n, ranges[part].lowerBound, ranges[part].upperBound, o, s)
                        }
                    }
                }
            }
        }
        // The max logit over the blocks; the softmax has no distribution without a finite one.
        var m = -Float.infinity
        for b in blocks {
            if b.max.isNaN { m = .nan; break }
            m = max(m, b.max)
        }
        guard m.isFinite else {
            return ([Float](repeating: .nan, count: n), Softmax.Summary())
        }
        var total = 0.0, shifted = 0.0
        var factors = [Double](repeating: 0, count: blockCount)
        for (i, b) in blocks.enumerated() where b.total > 0 {
            // e^(l − m) = e^(l − m_b)·e^(m_b − m), and (l − m) = (l − m_b) + (m_b − m).
            let f = Foundation.exp(Double(b.max) - Double(m))
            factors[i] = f
            total += f * b.total
            shifted += f * (b.shifted + (Double(b.max) - Double(m)) * b.total)
        }
        let scales = factors.map { Float($0 / total) }
        var parts = [ak_range_summary](repeating: ak_range_summary(), count: ranges.count)
        weights.withUnsafeMutableBufferPointer { out in
            scales.withUnsafeBufferPointer { sc in
                parts.withUnsafeMutableBufferPointer { results in
                    let o = out.baseAddress!, s = sc.baseAddress!, r = results.baseAddress!
                    run(ranges) { k in
                        r[k] = kernels.scale_blocks(o, ranges[k].lowerBound, ranges[k].upperBound, s)
                    }
                }
            }
        }
        var summary = Softmax.Summary()
        summary.total = total
        summary.shiftedMass = shifted
        summary.weightSum = parts.reduce(0) { $0 + $1.sum }
        // The first range (in order) holding the overall max gives the argmax.
        let best = parts.max { $0.max < $1.max }!
        summary.maxWeight = best.max
        summary.argmax = max(0, parts.first { $0.max == best.max }!.argmax)
        return (weights, summary)
    }

    /// Runs `body` for each range's index: on both cores when there are several.
    private static func run(_ ranges: [Range<Int>], _ body: (Int) -> Void) {
        if ranges.count > 1 {
            SecondCore.shared.forEach(count: ranges.count, body)
        } else {
            body(0)
        }
    }
}
