import Foundation

/// Numerically stable softmax over logits that may hold −∞ (masked) entries.
public enum Softmax {
    /// Replaces `logits` with their softmax in place. Entries of −∞ get 0. If every entry is
    /// −∞ or any is NaN, every entry becomes NaN (there is no distribution to report).
    public static func normalize(_ logits: inout [Float]) {
        logits.withUnsafeMutableBufferPointer { normalize($0) }
    }

    /// Replaces the buffer's logits with their softmax in place (see `normalize(_:)`).
    public static func normalize(_ v: UnsafeMutableBufferPointer<Float>) {
        guard !v.isEmpty else { return }
        var m = -Float.infinity
        var sawNaN = false
        for x in v {
            if x.isNaN { sawNaN = true }
            if x > m { m = x }
        }
        if sawNaN || m == -.infinity || m == .infinity {
            for i in v.indices { v[i] = .nan }
            return
        }
        var total: Float = 0
        for i in v.indices {
            let e = expf(v[i] - m)
            v[i] = e
            total += e
        }
        let inv = 1 / total
        for i in v.indices { v[i] *= inv }
    }
}
