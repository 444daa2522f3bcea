import Attention

/// Constructed fields, one per overlay kind, shaped like what the engines produce.
enum OverlayFields {
    /// Swin window (7×7) at the query's tile of a 14×14 map, uniform inside.
    static func window() -> AttentionField {
        let h = 14, w = 14
        var weights = [Float](repeating: 0, count: h * w)
        for y in 7..<14 { for x in 0..<7 { weights[y * w + x] = Float(1 + (y + x) % 3) } }
        normalise(&weights)
        return Fields.make(mode: .window, height: h, width: w, query: Position(row: 9, col: 2), weights: weights,
                           overlays: [.window(PixelRect(top: 7, left: 0, height: 7, width: 7))])
    }

    /// Shifted Swin windows (M = 7, s = 3) on 14×14, query (2, 2): rolled to (13, 13), label 8;
    /// its unmasked keys are original rows and columns 0…2.
    static func shiftedWindow() -> AttentionField {
        let h = 14, w = 14, s = 3
        var weights = [Float](repeating: 0, count: h * w)
        for y in 0..<3 { for x in 0..<3 { weights[y * w + x] = Float(1 + y + x) } }
        normalise(&weights)
        var overlays: [Overlay] = [
            .window(PixelRect(top: 0, left: 0, height: 3, width: 3)),
            .rolledWindow(PixelRect(top: 7, left: 7, height: 7, width: 7), roll: SwinRoll(height: h, width: w, paddedHeight: 14, paddedWidth: 14, shiftRows: s, shiftCols: s)),
        ]
        let bands = [(0, 7), (7, 4), (11, 3)]
        for (i, rows) in bands.enumerated() {
            for (j, cols) in bands.enumerated() {
                overlays.append(.maskRegion(PixelRect(top: rows.0, left: cols.0, height: rows.1, width: cols.1),
                                            label: 3 * i + j, matchesQuery: 3 * i + j == 8))
            }
        }
        return Fields.make(mode: .window, height: h, width: w, query: Position(row: 2, col: 2), weights: weights,
                           overlays: overlays)
    }

    /// Criss-cross pass 1 on 12×20: mass on the query's row and column only.
    static func cross() -> AttentionField {
        let h = 12, w = 20, q = Position(row: 4, col: 13)
        var weights = [Float](repeating: 0, count: h * w)
        for x in 0..<w { weights[q.row * w + x] = Float(1 + abs(x - q.col) % 4) }
        for y in 0..<h where y != q.row { weights[y * w + q.col] = Float(1 + abs(y - q.row) % 3) }
        normalise(&weights)
        return Fields.make(mode: .crissCross, height: h, width: w, query: q, weights: weights,
                           overlays: [.cross(row: q.row, col: q.col)])
    }

    /// A criss-cross composed map with one route query → (4, 3) → (10, 3) and a marker on the target.
    static func route() -> AttentionField {
        let base = Fields.blob(mode: .crissCross, height: 12, width: 20, query: Position(row: 4, col: 13), sigma: 5)
        let target = Position(row: 10, col: 3)
        return Fields.make(mode: .crissCross, height: 12, width: 20, query: base.query, weights: base.weights,
                           overlays: [.cross(row: 4, col: 13),
                                      .route(Route(positions: [base.query, Position(row: 4, col: 3), target], weight: 0.001)),
                                      .marker(target, label: "target")])
    }

    /// DAT on 16×16: a 4×4 reference grid (the last row/column beyond the map, as DAT has it),
    /// offsets to samples, weights spread on the samples' nearest pixels.
    static func dat() -> AttentionField {
        let h = 16, w = 16, k = 4
        var refs: [Point] = [], arrows: [OffsetArrow] = [], samples: [Sample] = []
        var weights = [Float](repeating: 0, count: h * w)
        for i in 0..<k {
            for j in 0..<k {
                // ref = (i + 0.5)/(k − 1)·2 − 1 normalised → pixels (n + 1)/2·(L − 1).
                let ny = (Double(i) + 0.5) / Double(k - 1) * 2 - 1, nx = (Double(j) + 0.5) / Double(k - 1) * 2 - 1
                let ref = Point(y: (ny + 1) / 2 * Double(h - 1), x: (nx + 1) / 2 * Double(w - 1))
                let to = Point(y: min(Double(h - 1), ref.y + Double((i + 2 * j) % 5) - 2), x: min(Double(w - 1), ref.x - Double((2 * i + j) % 5) + 1))
                let a = Double(1 + (i * k + j) % 7)
                refs.append(ref)
                arrows.append(OffsetArrow(from: ref, to: to))
                samples.append(Sample(y: to.y, x: to.x, weight: a))
                let py = Int(to.y.rounded()), px = Int(to.x.rounded())
                if py >= 0 && py < h && px >= 0 && px < w { weights[py * w + px] += Float(a) }
            }
        }
        let total = samples.reduce(0) { $0 + $1.weight }
        samples = samples.map { Sample(y: $0.y, x: $0.x, weight: $0.weight / total) }
        normalise(&weights)
        return Fields.make(mode: .dat, height: h, width: w, query: Position(row: 6, col: 8), weights: weights,
                           overlays: [.referencePoints(refs), .offsets(arrows)], samples: samples)
    }

    /// DCN 3×3 on 12×12 at (6, 5): kernel taps, deformed samples and arrows.
    static func dcn() -> AttentionField {
        let h = 12, w = 12, q = Position(row: 6, col: 5)
        var taps: [Point] = [], arrows: [OffsetArrow] = [], samples: [Sample] = []
        var weights = [Float](repeating: 0, count: h * w)
        for r in 0..<3 {
            for c in 0..<3 {
                let tap = Point(y: Double(q.row + (r - 1) * 2), x: Double(q.col + (c - 1) * 2))
                let to = Point(y: tap.y + Double(r - 1) * 1.5, x: tap.x + Double(c - 1) * 2.5)
                taps.append(tap)
                arrows.append(OffsetArrow(from: tap, to: to))
                samples.append(Sample(y: to.y, x: to.x, weight: 1.0 / 9))
                let py = Int(to.y.rounded()), px = Int(to.x.rounded())
                if py >= 0 && py < h && px >= 0 && px < w { weights[py * w + px] += 1.0 / 9 }
            }
        }
        return Fields.make(mode: .dcn, height: h, width: w, query: q, weights: weights,
                           overlays: [.kernelGrid(taps), .offsets(arrows)], samples: samples)
    }

    /// A blob with NaN weights in one corner.
    static func withNaN() -> AttentionField {
        var f = Fields.blob(height: 10, width: 12, query: Position(row: 5, col: 6), sigma: 2)
        var weights = f.weights
        for y in 0..<3 { for x in 0..<2 { weights[y * 12 + x] = .nan } }
        f = Fields.make(height: 10, width: 12, query: f.query, weights: weights)
        return f
    }

    static func normalise(_ weights: inout [Float]) {
        let s = weights.reduce(0, +)
        if s > 0 { for i in weights.indices { weights[i] /= s } }
    }
}
