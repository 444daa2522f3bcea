import FeatureMaps

/// NATTEN's relative position bias `rpb` for one head: a (2K−1)×(2K−1) table indexed by the key's
/// sub-grid offset from the query plus K − 1 on each axis (`NeighborhoodAxis.biasStart`).
enum NeighborhoodBias {
    /// The table of `head`, row-major (2K−1)², from `raw` shaped (heads, 2K−1, 2K−1) as NATTEN's
    /// `rpb` parameter, or (2K−1, 2K−1) for one head (leading size-1 dimensions dropped).
    static func table(_ raw: Tensor, kernel: Int, head: Int) throws -> [Float] {
        let side = 2 * kernel - 1, n = side * side
        let t = raw.droppingLeadingUnitDimensions()
        let s = t.shape
        let heads: Int
        if s == [side, side] {
            heads = 1
        } else if s.count == 3, s[1] == side, s[2] == side {
            heads = s[0]
        } else {
            throw AttentionError.input(.relativeBias, problem: "has shape \(raw.shapeDescription); NATTEN's rpb for K = \(kernel) is (heads, \(side), \(side)) or (\(side), \(side))")
        }
        guard head >= 0, head < heads else {
            throw AttentionError.setting(SettingError(setting: .head,
                rule: .mapLimit("is out of range: the rpb table has \(heads) head(s)"), value: .integer(head)))
        }
        return Array(t.values[(head * n)..<((head + 1) * n)])
    }
}
