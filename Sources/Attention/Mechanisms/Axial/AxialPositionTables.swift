import FeatureMaps

/// Axial-DeepLab's relative position tables (`--rel FILE`: arrays `rq`, `rk`, `rv`).
///
/// Layout follows csrhddlam/axial-deeplab `axialnet.py`, whose `relative` parameter is
/// `(channels, 2K − 1)` per axial layer: `rq`, `rk` are `(d, 2S − 1)` and `rv` is `(C, 2S − 1)`,
/// column `S − 1 + δ` holding relative offset δ. One 2-D table serves both passes; a 3-D
/// `(2, ·, 2S − 1)` table gives the height pass (index 0) and the width pass (index 1) their own.
/// S may exceed the axis length (a table made for a larger map is read around its centre, as
/// deeplab2 does with MAX_SPAN); S must be at least the axis length. Any of the three may be
/// absent (that term is left out); the tables are shared by all heads, as in axialnet.
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

    var height: Axis
    var width: Axis

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
        var heightAxis = Axis(length: 0), widthAxis = Axis(length: 0)
        var found = false
        for (name, rows) in [("rq", d), ("rk", d), ("rv", c)] {
            guard let raw = archive.tensors[name] else { continue }
            found = true
            let t = raw.droppingLeadingUnitDimensions()
            let expected = "expected (\(rows), 2S−1) or (2, \(rows), 2S−1) with S ≥ \(Swift.max(mapHeight, mapWidth))"
            let perAxis: [[Float]]
            let length: Int
            if t.shape.count == 2, t.shape[0] == rows {
                length = t.shape[1]
                perAxis = [t.values, t.values]
            } else if t.shape.count == 3, t.shape[0] == 2, t.shape[1] == rows {
                length = t.shape[2]
                let half = rows * length
                perAxis = [Array(t.values[0..<half]), Array(t.values[half..<(2 * half)])]
            } else {
                throw AttentionError.tensorShape(source: src, problem: "'\(name)' has shape \(raw.shapeDescription); \(expected)")
            }
            guard length % 2 == 1 else {
                throw AttentionError.tensorShape(source: src, problem: "'\(name)' has an even last dimension \(length); \(expected)")
            }
            for (axis, size) in [(0, mapHeight), (1, mapWidth)] {
                guard (length + 1) / 2 >= size else {
                    throw AttentionError.tensorShape(source: src,
                        problem: "'\(name)' spans offsets ±\((length - 1) / 2), too short for an axis of \(size); \(expected)")
                }
                var a = axis == 0 ? heightAxis : widthAxis
                if a.length != 0 && a.length != length {
                    throw AttentionError.tensorShape(source: src, problem: "rq, rk and rv disagree on their last dimension")
                }
                a.length = length
                switch name {
                case "rq": a.rq = perAxis[axis]
                case "rk": a.rk = perAxis[axis]
                default: a.rv = perAxis[axis]
                }
                if axis == 0 { heightAxis = a } else { widthAxis = a }
            }
        }
        guard found else {
            throw AttentionError.tensorShape(source: src, problem: "no array 'rq', 'rk' or 'rv' (axial position tables)")
        }
        for v in [heightAxis.rq, heightAxis.rk, heightAxis.rv, widthAxis.rq, widthAxis.rk, widthAxis.rv] {
            if let v, v.contains(where: { !$0.isFinite }) {
                throw AttentionError.tensorShape(source: src, problem: "the position tables hold NaN or infinite values")
            }
        }
        height = heightAxis
        width = widthAxis
    }
}
