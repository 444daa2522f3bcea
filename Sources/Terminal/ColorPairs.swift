import CNcurses

/// Colour pairs allocated on first use and cached: a half-block heatmap of N levels needs up to
/// N² (foreground, background) combinations, far more than any fixed table would hold.
struct ColorPairs {
    private var pairs: [Key: Int32] = [:]
    private var next: Int32 = 1
    /// The terminal's pair limit (pairs are numbered 1 ..< limit; 0 is the default pair).
    let limit: Int32

    private struct Key: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// A cache for a terminal holding `limit` pairs.
    init(limit: Int) {
        self.limit = Int32(clamping: limit)
    }

    /// The pair for `foreground` on `background` (ncurses colour numbers, −1 default); pair 0
    /// when both are the default or the terminal ran out of pairs.
    mutating func pair(foreground: Int32, background: Int32) -> Int32 {
        if foreground == -1 && background == -1 { return 0 }
        let key = Key(foreground: foreground, background: background)
        if let known = pairs[key] { return known }
        guard next < limit, init_extended_pair(next, foreground, background) == OK else { return 0 }
        pairs[key] = next
        next += 1
        return next - 1
    }
}
