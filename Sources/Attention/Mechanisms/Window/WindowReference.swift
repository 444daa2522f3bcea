import Foundation
import FeatureMaps

/// Swin window and shifted-window attention, plainly (MECHANISMS.md "window", DESIGN.md
/// `--variant`, "Cosine attention").
///
/// - Per axis a window m and shift s: official: `min(H, W) <= M` makes both min(H, W) and the
///   shifts 0; timm: an axis of length L ≤ M takes window L and shift 0; torchvision: window M,
///   shift 0 on an axis whose padded length ≤ M.
/// - Padded to multiples of the window bottom/right with zero tokens (key `bk`, or 0); mass on
///   them is `offImage`. Official and torchvision pad, then roll: original (y, x) sits at rolled
///   ((y − s) mod Hp, …). timm rolls the unpadded map: ((y − s) mod H, …), padding after it.
/// - The query attends to the tile of the rolled grid holding it; keys whose region label (bands
///   [0, Lp−m), [Lp−m, Lp−s), [Lp−s, Lp) of the padded axis; one band without shift) differs get
///   −100 after the temperature.
/// - Logit `(q·k·scale + B[Δ]) / T`, scale 1/√d; with `logit_scale` τ: `(q̂·k̂·exp(min(τ, ln 100))
///   + B[Δ]) / T`, q̂ = q / max(‖q‖, 1e-12). B at `(ra − rb + mh − 1)·(2mw − 1) + (ca − cb + mw − 1)`.
enum WindowReference: ReferenceMechanism {
    static func field(map: FeatureMap, query: Position, settings: AttentionSettings,
                      inputs: AttentionInputs) throws -> ReferenceField {
        let h = map.height, w = map.width, variant = settings.variant ?? .official
        var mh = settings.window, mw = settings.window, sh = settings.shift, sw = settings.shift
        switch variant {
        case .official:
            if min(h, w) <= settings.window { mh = min(h, w); mw = mh; sh = 0; sw = 0 }
        case .timm:
            if h <= mh { mh = h; sh = 0 }
            if w <= mw { mw = w; sw = 0 }
        case .torchvision:
            if (h + mh - 1) / mh * mh <= mh { sh = 0 }
            if (w + mw - 1) / mw * mw <= mw { sw = 0 }
        }
        let hp = (h + mh - 1) / mh * mh, wp = (w + mw - 1) / mw * mw
        let projection = try ReferenceMath.projection(inputs, settings: settings, channels: map.channels)
        let (q, k) = ReferenceMath.queriesAndKeys(ReferenceMath.tokens(map), projection: projection)
        let u = query.row * w + query.col
        let d = q[u].count
        let paddingKey = projection.map { $0.paddingKey.map(Double.init) } ?? [Double](repeating: 0, count: d)
        let bias = try biasTable(inputs.relativeBias, rows: mh, cols: mw, head: settings.head)
        let tau = try CosineLogitScale(archive: inputs.projections, head: settings.head)
        let scale = tau.map { ReferenceMath.scale(settings, default: exp(min(Double($0.raw), log(100.0)))) }
            ?? ReferenceMath.scale(settings, default: 1 / Double(d).squareRoot())
        let t = Double(settings.temperature)
        func normalised(_ v: [Double]) -> [Double] {
            let length = max(ReferenceMath.dot(v, v).squareRoot(), 1e-12)
            return v.map { $0 / length }
        }

        // Where an original pixel sits on the rolled grid, and which original pixel a rolled
        // position holds (nil: padding).
        let rollFirst = variant == .timm
        func mod(_ a: Int, _ n: Int) -> Int { ((a % n) + n) % n }
        let qr = rollFirst ? mod(query.row - sh, h) : mod(query.row - sh, hp)
        let qc = rollFirst ? mod(query.col - sw, w) : mod(query.col - sw, wp)
        func origin(_ r: Int, _ c: Int) -> Int? {
            if rollFirst { return r < h && c < w ? mod(r + sh, h) * w + mod(c + sw, w) : nil }
            let y = mod(r + sh, hp), x = mod(c + sw, wp)
            return y < h && x < w ? y * w + x : nil
        }
        func label(_ r: Int, _ c: Int) -> Int {
            func band(_ i: Int, _ length: Int, _ m: Int, _ s: Int) -> Int { s == 0 ? 0 : i < length - m ? 0 : i < length - s ? 1 : 2 }
            return 3 * band(r, hp, mh, sh) + band(c, wp, mw, sw)
        }

        let top = qr / mh * mh, left = qc / mw * mw
        let queryVector = tau == nil ? q[u] : normalised(q[u])
        var logits: [Double] = [], sources: [Int?] = []
        for r in top..<(top + mh) {
            for c in left..<(left + mw) {
                let source = origin(r, c)
                let key = source.map { k[$0] } ?? paddingKey
                var logit = ReferenceMath.dot(queryVector, tau == nil ? key : normalised(key)) * scale
                if let bias { logit += bias[(qr - r + mh - 1) * (2 * mw - 1) + (qc - c + mw - 1)] }
                logit /= t
                if label(r, c) != label(qr, qc) { logit += -100 }
                logits.append(logit)
                sources.append(source)
            }
        }
        var field = ReferenceField(weights: [Double](repeating: 0, count: h * w))
        for (weight, source) in zip(ReferenceMath.softmax(logits), sources) {
            if let source { field.weights[source] = weight } else { field.offImage += weight }
        }
        return field
    }

    /// The (2mh−1)·(2mw−1) bias of `head`: (n), (rows, cols), (heads, n), (heads, rows, cols) or Swin's (n, heads).
    static func biasTable(_ raw: Tensor?, rows mh: Int, cols mw: Int, head: Int) throws -> [Double]? {
        guard let raw else { return nil }
        let rows = 2 * mh - 1, cols = 2 * mw - 1, n = rows * cols
        let t = raw.droppingLeadingUnitDimensions(), shape = t.shape
        let values: [Float]
        if shape == [n] || shape == [rows, cols] {
            values = t.values
        } else if (shape.count == 2 && shape[1] == n) || (shape.count == 3 && shape[1] == rows && shape[2] == cols) {
            values = Array(t.values[(head * n)..<((head + 1) * n)])
        } else if shape.count == 2, shape[0] == n {
            values = (0..<n).map { t.values[$0 * shape[1] + head] }
        } else {
            throw AttentionError.tensorShape(source: "--bias", problem: "has shape \(raw.shapeDescription); window \(mh)×\(mw) needs \(n) values per head")
        }
        return values.map(Double.init)
    }
}
