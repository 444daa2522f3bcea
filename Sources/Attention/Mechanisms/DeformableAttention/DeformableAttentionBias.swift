import FeatureMaps

/// DAT's position bias for one head (`--bias FILE`), in either of two forms:
///
/// - **`rpe_table`** (heads, 2H − 1, 2W − 1), dat_blocks.py's default `use_pe` table: the bias of
///   query u and sample n is the table bilinearly sampled (`grid_sample`, align_corners=True, zeros
///   outside) at the normalised displacement `(q_grid(u) − pos_g(n))·0.5`, where
///   `q_grid(u) = (row/(H−1), col/(W−1))·2 − 1` and g is the head's group (head h of n heads
///   belongs to group `h / (n/G)`, as the code splits the table's heads by group).
/// - **dense** (heads, H·W, Hk·Wk): a per-query bias added as given (DAT's `fixed_pe` table, or
///   how the exporter hands over log-CPB and any other form).
///
/// One-head tables may leave the heads dimension out. The bias is added to the scaled logits and
/// divided by T with them.
struct DeformableAttentionBias {
    enum Form {
        /// The head's (2H − 1)×(2W − 1) table and the group whose points it is sampled at.
        case table([Float], group: Int)
        /// The head's H·W × Hk·Wk biases, row-major by query.
        case dense([Float])
    }

    let form: Form
    private let height: Int
    private let width: Int
    private let sampleCount: Int

    /// Reads head `head`'s bias from `tensor`, checking it against the map, the Hk·Wk samples per
    /// group and the G groups.
    init(_ tensor: Tensor, head: Int, mapHeight h: Int, mapWidth w: Int, samples: Int, groups: Int) throws {
        let t = tensor.droppingLeadingUnitDimensions()
        let shape = t.shape.count == 2 ? [1] + t.shape : t.shape
        let expected = "expected DAT's rpe_table (heads, \(2 * h - 1), \(2 * w - 1)) or a dense bias (heads, \(h * w), \(samples))"
        guard shape.count == 3, shape[0] > 0 else {
            throw AttentionError.input(.relativeBias, problem: "has shape \(tensor.shapeDescription); \(expected)")
        }
        let heads = shape[0]
        guard head >= 0, head < heads else {
            throw AttentionError.setting(SettingError(setting: .head,
                rule: .mapLimit("is out of range: the dat bias of shape \(tensor.shapeDescription) has \(heads) head(s)"), value: .integer(head)))
        }
        let size = shape[1] * shape[2]
        let values = Array(t.values[(head * size)..<((head + 1) * size)])
        if shape[1] == h * w, shape[2] == samples {
            form = .dense(values)
        } else if shape[1] == 2 * h - 1, shape[2] == 2 * w - 1 {
            guard h >= 2, w >= 2 else {
                throw AttentionError.input(.relativeBias,
                    problem: "is an rpe_table, which DAT samples at query positions normalised by H − 1 and W − 1: the map needs H, W ≥ 2 (got \(h)×\(w))")
            }
            guard heads % groups == 0 else {
                throw AttentionError.input(.relativeBias,
                    problem: "has shape \(tensor.shapeDescription): \(heads) heads do not split into the \(groups) offset groups")
            }
            form = .table(values, group: head / (heads / groups))
        } else {
            throw AttentionError.input(.relativeBias, problem: "has shape \(tensor.shapeDescription); \(expected)")
        }
        height = h
        width = w
        sampleCount = samples
    }

    /// A note for the field.
    var note: String {
        switch form {
        case .table(_, let group): return "position bias: rpe_table sampled at (q − pos)·0.5 of group \(group)'s points, as DAT"
        case .dense: return "position bias: dense per-query bias, added as given"
        }
    }

    /// Adds `factor ·` the bias of query u to the Hk·Wk `logits`; `points` are all groups' normalised
    /// points, group-major.
    func add(to logits: UnsafeMutablePointer<Float>, query u: Position, points: [(y: Double, x: Double)], factor: Float) {
        switch form {
        case .dense(let values):
            let base = (u.row * width + u.col) * sampleCount
            for n in 0..<sampleCount { logits[n] += factor * values[base + n] }
        case .table(let table, let group):
            let qy = Double(u.row) / Double(height - 1) * 2 - 1, qx = Double(u.col) / Double(width - 1) * 2 - 1
            let rows = 2 * height - 1, cols = 2 * width - 1
            for n in 0..<sampleCount {
                let p = points[group * sampleCount + n]
                // grid_sample(align_corners=True) on the (2H−1)×(2W−1) table: pixel = (d + 1)/2·(L − 1).
                let y = ((qy - p.y) * 0.5 + 1) / 2 * Double(rows - 1), x = ((qx - p.x) * 0.5 + 1) / 2 * Double(cols - 1)
                var b = 0.0
                BilinearCorners(y: y, x: x).forEach(height: rows, width: cols) { r, c, weight, inside in
                    if inside { b += weight * Double(table[r * cols + c]) }
                }
                // A NaN point has no corners: grid_sample gives 0 there.
                logits[n] += factor * Float(b)
            }
        }
    }
}
