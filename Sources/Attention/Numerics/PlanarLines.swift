/// Loops over planar `[c][a][b]` arrays shared by the line-at-a-time passes (axial's height pass):
/// each inner loop runs along b, contiguous, and vectorises.
enum PlanarLines {
    /// `out[a·B + b] = Σ_c q[c][b]·keys[c][a][b]`, four channels per sweep.
    static func acrossLogits(queries q: UnsafePointer<Float>, keys: UnsafePointer<Float>, dimension d: Int,
                             across a: Int, along b: Int, into out: UnsafeMutablePointer<Float>) {
        let n = a * b
        for x in 0..<n { out[x] = 0 }
        var c = 0
        while c + 4 <= d {
            let q0 = q + c * b, q1 = q0 + b, q2 = q1 + b, q3 = q2 + b
            let k0 = keys + c * n, k1 = k0 + n, k2 = k1 + n, k3 = k2 + n
            for r in 0..<a {
                // Row pointers, not `k[off + t]`: an overflow-checked index add stops vectorisation.
                let o = out + r * b, off = r * b
                let r0 = k0 + off, r1 = k1 + off, r2 = k2 + off, r3 = k3 + off
                for t in 0..<b { o[t] += q0[t] * r0[t] + q1[t] * r1[t] + q2[t] * r2[t] + q3[t] * r3[t] }
            }
            c += 4
        }
        while c < d {
            let qc = q + c * b, kc = keys + c * n
            for r in 0..<a {
                let o = out + r * b, kr = kc + r * b
                for t in 0..<b { o[t] += qc[t] * kr[t] }
            }
            c += 1
        }
    }

    /// `p[t] = e^(p[t] − shifts[t])` in place, adding each to `sums[t]`.
    static func exponentiate(_ p: UnsafeMutablePointer<Float>, count: Int, shifts: UnsafePointer<Float>,
                             addingTo sums: inout [Float]) {
        let raw = UnsafeMutableRawPointer(p), shiftRaw = UnsafeRawPointer(shifts)
        sums.withUnsafeMutableBufferPointer { sb in
            let sumRaw = UnsafeMutableRawPointer(sb.baseAddress!)
            var t = 0
            while t + 16 <= count {
                let x = raw.loadUnaligned(fromByteOffset: t * 4, as: SIMD16<Float>.self)
                let e = FastExp.exp(x - shiftRaw.loadUnaligned(fromByteOffset: t * 4, as: SIMD16<Float>.self))
                raw.storeBytes(of: e, toByteOffset: t * 4, as: SIMD16<Float>.self)
                let s = sumRaw.loadUnaligned(fromByteOffset: t * 4, as: SIMD16<Float>.self)
                sumRaw.storeBytes(of: s + e, toByteOffset: t * 4, as: SIMD16<Float>.self)
                t += 16
            }
            while t < count {
                let e = FastExp.exp(p[t] - shifts[t])
                p[t] = e
                sb[t] += e
                t += 1
            }
        }
    }

    /// Whether two arrays are one storage (identity projections share the map's values).
    static func sameStorage(_ x: [Float], _ y: [Float]) -> Bool {
        x.count == y.count && x.withUnsafeBufferPointer { xp in y.withUnsafeBufferPointer { $0.baseAddress == xp.baseAddress } }
    }
}
