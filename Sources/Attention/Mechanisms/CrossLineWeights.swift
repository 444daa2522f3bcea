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
    /// output contributes to a product with the planar H×W map `g`.
    func relay(_ g: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let h = height, w = width, k = crossCount
        storage.withUnsafeBufferPointer { sb in
            let a = sb.baseAddress!
            if isRow {
                // Column part: Σ_r A[r][t]·g[r][t], along the row; row part: Σ_s g[index][s]·A[H + s][t].
                for t in 0..<w { out[t] = 0 }
                for r in 0..<h {
                    let ar = a + r * w, gr = g + r * w
                    for t in 0..<w { out[t] += ar[t] * gr[t] }
                }
                let gi = g + index * w
                for s in 0..<w {
                    let x = gi[s], ar = a + (h + s) * w
                    for t in 0..<w { out[t] += x * ar[t] }
                }
            } else {
                // Column part over column `index` (gathered once), row part over image row t.
                var column = [Float](repeating: 0, count: h)
                for r in 0..<h { column[r] = g[r * w + index] }
                column.withUnsafeBufferPointer { cb in
                    for t in 0..<h {
                        let at = a + t * k
                        out[t] = CrossLayer.dot(at, cb.baseAddress!, h) + CrossLayer.dot(at + h, g + t * w, w)
                    }
                }
            }
        }
    }

    /// Adds `Σ_t s[t]·A(t → ·)` onto the planar H×W map `z`: the positions' crosses, each scaled.
    func spread(_ s: UnsafePointer<Float>, into z: UnsafeMutablePointer<Float>) {
        let h = height, w = width, k = crossCount
        storage.withUnsafeBufferPointer { sb in
            let a = sb.baseAddress!
            if isRow {
                // Column parts land on every image row r (entry r of position t is pixel (r, t));
                // row parts all land on row `index`: z[index][s] += Σ_t A[H + s][t]·s[t].
                for r in 0..<h {
                    let ar = a + r * w, zr = z + r * w
                    for t in 0..<w { zr[t] += s[t] * ar[t] }
                }
                let zi = z + index * w
                for x in 0..<w { zi[x] += CrossLayer.dot(a + (h + x) * w, s, w) }
            } else {
                // Row parts land on image row t; column parts all on column `index`, summed first.
                var column = [Float](repeating: 0, count: h)
                column.withUnsafeMutableBufferPointer { cb in
                    let c = cb.baseAddress!
                    for t in 0..<h where s[t] != 0 {
                        let st = s[t], at = a + t * k, zt = z + t * w, across = at + h
                        for r in 0..<h { c[r] += st * at[r] }
                        for x in 0..<w { zt[x] += st * across[x] }
                    }
                }
                for r in 0..<h { z[r * w + index] += column[r] }
            }
        }
    }
}
