import FeatureMaps

/// Axial-DeepLab's relative position tables (`--rel FILE`: arrays `rq`, `rk`, `rv`).
///
/// Layout follows csrhddlam/axial-deeplab `axialnet.py`, whose `relative` parameter is
/// `(channels, 2K − 1)` per axial layer: `rq`, `rk` are `(d, 2S − 1)` and `rv` is `(C, 2S − 1)`,
/// column `S − 1 + δ` holding relative offset δ. One 2-D table serves both passes; a 3-D
/// `(2, ·, 2S − 1)` table gives the height pass (index 0) and the width pass (index 1) their own;
/// a 4-D `(2, G, ·, 2S − 1)` one gives each head its own too (axialnet shares one table across
/// its groups, but folding a block's per-group BatchNorm scales into it makes one per head); rv
/// may also come as `(2, G·c, 2S − 1)`, one row per output channel, which is the same layout.
/// S may exceed the axis length (a table made for a larger map is read around its centre, as
/// deeplab2 does with MAX_SPAN); S must be at least the axis length. Any of the three may be
/// absent (that term is left out).
///
/// For query index i and key index h on an axis (axialnet's orientation):
/// logit += `q_i · rq[i − h]` + `k_h · rk[h − i]`; output += `Σ_h a_h · rv[i − h]`.
struct AxialPositionTables {
    /// One axis's tables, each `[channel][2S − 1]` row-major.
    struct Axis {
        var rq: [Float]?
        var rk: [Float]?
        var rv: [Float]?
        /// 2S − 1.
        var length: Int
        /// Column of offset δ is `centre + δ`.
        var centre: Int { (length - 1) / 2 }
    }

    /// Per head (one entry when every head shares them).
    private var heights: [Axis]
    private var widths: [Axis]

    /// How many heads have their own tables (1: shared).
    var heads: Int { heights.count }
    /// The height pass's tables of head `head`.
    func height(_ head: Int) -> Axis { heights[heights.count == 1 ? 0 : head] }
    /// The width pass's tables of head `head`.
    func width(_ head: Int) -> Axis { widths[widths.count == 1 ? 0 : head] }

    /// Reads and checks the tables against the query/key dimension `d`, the value channels `c`
    /// (one group's, shared by the groups as axialnet's `relative`) and the map size. The width
    /// pass's query/key dimension, when it differs from the height pass's (an `AxialBlock`'s own
    /// `wq2`), cannot share rq, rk and is refused with them.
    init(archive: TensorArchive, dimension d: Int, channels c: Int, mapHeight: Int, mapWidth: Int,
         widthDimension: Int? = nil) throws {
        let src = archive.path
        if let wd = widthDimension, wd != d, archive.tensors["rq"] != nil || archive.tensors["rk"] != nil {
            throw AttentionError.tensorShape(source: src,
                problem: "rq, rk serve both passes, but the height pass's q, k have \(d) channels and the width pass's \(wd)")
        }
        var length = 0, heads = 1
        // [axis][head] of each table found.
        var found: [String: [[[Float]]]] = [:]
        for (name, rows) in [("rq", d), ("rk", d), ("rv", c)] {
            guard let raw = archive.tensors[name] else { continue }
            var t = raw.droppingLeadingUnitDimensions()
            // rv folded per output channel, (2, G·c, 2S−1) as the exporter writes it, is the
            // per-head (2, G, c, 2S−1) layout: head g owns value channels g·c ..< (g + 1)·c.
            if name == "rv", t.shape.count == 3, t.shape[0] == 2, rows > 0, t.shape[1] > rows, t.shape[1] % rows == 0 {
                t = Tensor(shape: [2, t.shape[1] / rows, rows, t.shape[2]], values: t.values)
            }
            let expected = "expected (\(rows), 2S−1), (2, \(rows), 2S−1) or (2, heads, \(rows), 2S−1) with S ≥ \(Swift.max(mapHeight, mapWidth))"
            let perAxis: [[[Float]]]
            let l = t.shape.last ?? 0
            if t.shape.count == 2, t.shape[0] == rows {
                perAxis = [[t.values], [t.values]]
            } else if t.shape.count == 3, t.shape[0] == 2, t.shape[1] == rows {
                let half = rows * l
                perAxis = [[Array(t.values[0..<half])], [Array(t.values[half..<(2 * half)])]]
            } else if t.shape.count == 4, t.shape[0] == 2, t.shape[2] == rows, t.shape[1] > 0 {
                let g = t.shape[1], size = rows * l
                guard heads == 1 || heads == g else {
                    throw AttentionError.tensorShape(source: src, problem: "rq, rk and rv disagree on their number of heads")
                }
                heads = g
                perAxis = (0..<2).map { a in (0..<g).map { h in Array(t.values[((a * g + h) * size)..<((a * g + h + 1) * size)]) } }
            } else {
                throw AttentionError.tensorShape(source: src, problem: "'\(name)' has shape \(raw.shapeDescription); \(expected)")
            }
            guard l % 2 == 1 else {
                throw AttentionError.tensorShape(source: src, problem: "'\(name)' has an even last dimension \(l); \(expected)")
            }
            for size in [mapHeight, mapWidth] where (l + 1) / 2 < size {
                throw AttentionError.tensorShape(source: src,
                    problem: "'\(name)' spans offsets ±\((l - 1) / 2), too short for an axis of \(size); \(expected)")
            }
            if length != 0 && length != l {
                throw AttentionError.tensorShape(source: src, problem: "rq, rk and rv disagree on their last dimension")
            }
            length = l
            if perAxis.joined().joined().contains(where: { !$0.isFinite }) {
                throw AttentionError.tensorShape(source: src, problem: "the position tables hold NaN or infinite values")
            }
            found[name] = perAxis
        }
        guard !found.isEmpty else {
            throw AttentionError.tensorShape(source: src, problem: "no array 'rq', 'rk' or 'rv' (axial position tables)")
        }
        func axes(_ a: Int) -> [Axis] {
            (0..<heads).map { h in
                func pick(_ name: String) -> [Float]? { found[name].map { $0[a][$0[a].count == 1 ? 0 : h] } }
                return Axis(rq: pick("rq"), rk: pick("rk"), rv: pick("rv"), length: length)
            }
        }
        heights = axes(0)
        widths = axes(1)
    }
}
