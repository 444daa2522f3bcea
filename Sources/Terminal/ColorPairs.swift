import CNcurses

/// Colour pairs allocated on first use and cached: a half-block heatmap of N levels needs up to
/// N² (foreground, background) combinations, far more than any fixed table would hold.
///
/// When the terminal's pairs run out (on the legacy API's 256 after a colormap change, say) the
/// painter starts over with `reset` and repaints the whole frame with fresh pairs.
struct ColorPairs {
    private var pairs: [Key: Int32] = [:]
    private var next: Int32 = 1
    /// The pair limit (pairs are numbered 1 ..< limit; 0 is the default pair).
    let limit: Int32

    private struct Key: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// A cache for a terminal holding `limit` pairs.
    init(limit: Int) {
        self.limit = Int32(clamping: limit)
    }

    /// How many pairs are defined.
    var count: Int { pairs.count }

    /// The pair for `foreground` on `background` (ncurses colour numbers, −1 default): 0 when
    /// both are the default, nil when every pair is taken (or the terminal refused the pair).
    mutating func pair(foreground: Int32, background: Int32) -> Int32? {
        if foreground == -1 && background == -1 { return 0 }
        let key = Key(foreground: foreground, background: background)
        if let known = pairs[key] { return known }
        guard next < limit, attn_init_pair(next, foreground, background) == OK else { return nil }
        pairs[key] = next
        next += 1
        return next - 1
    }

    /// Forgets every pair, so that the numbers are handed out (and redefined) again from 1.
    mutating func reset() {
        pairs.removeAll(keepingCapacity: true)
        next = 1
    }
}
