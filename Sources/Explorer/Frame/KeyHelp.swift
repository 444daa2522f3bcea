import Foundation
import Attention

/// The explorer's keys in words: the help overlay (`?`) lists them, the README repeats them.
public enum KeyHelp {
    /// Every key, grouped as the help overlay shows it: (keys, what they do, a short form for
    /// narrow columns). A non-breaking space (U+00A0) keeps a key and its name on one line
    /// when an action wraps.
    public static let entries: [(keys: String, action: String, short: String)] = [
        ("arrows h j k l", "move the query one pixel", "move 1 pixel"),
        ("H J K L", "move the query 4 pixels", "move 4 pixels"),
        ("g / G", "query to the top-left / bottom-right corner", "to a corner"),
        ("m", "query to the hottest key other than itself", "hottest key"),
        ("0", "query on the next prefix token (cls, registers), then back to the grid", "prefix tokens"),
        ("M", "mark the k hottest keys: off, 5, 10, 20", "top-k marks"),
        ("click", "put the query where you click", "set the query"),
        ("1 … 9", "mode: " + modeDigits, ""),
        ("Tab / Shift-Tab", "next / previous mode", "next / prev mode"),
        ("Space n / p, wheel", "next / previous pass or layer (then the full map)", "step pass/layer"),
        ("- =", "the mode's main parameter (window, passes, kernel, stride)", "main parameter"),
        ("[ ]", "its second parameter (shift, γ, dilation, offset range)", "second parameter"),
        ("t / T", "temperature down / up", "temperature"),
        ("v", "value scale: auto (per view), linear, log, clip", "auto/lin/log/clip"),
        ("C", "colormap", ""),
        ("b", "glyph style", ""),
        ("o", "overlays (windows, crosses, samples) on / off", "overlays on/off"),
        ("I", "picture under the weights on / off", "picture on/off"),
        ("i", "side panel on / off", "side panel"),
        ("c", "compare view (default global window dcn dat)", "compare view"),
        ("1 … 9 in compare", "add / remove that mode's panel", "add/remove panel"),
        ("s in compare", "one shared colour scale / each panel its own", "shared/own scale"),
        ("x / X", "arrows/clicks move query → target p → m; X drops", "move p, m / drop"),
        ("r   < >", "residual paths (criss-cross) · layers L", "residual · layers"),
        ("V", "Swin views: both, original, rolled", "Swin views"),
        ("P   Q   Enter", "presenter · quiz (hide weights) · reveal", "presenter · quiz"),
        ("w   e", "save the session · export frame and map", "save · export"),
        ("Space  Bksp", "in a tour: next / previous step", "tour step ±"),
        ("?", "this help", ""),
        ("Esc", "close the help, else the compare view", "close overlay"),
        ("Ctrl-L", "redraw the screen", "redraw"),
        ("Ctrl-Z", "suspend to the shell (fg to come back)", "suspend (fg)"),
        ("q  Ctrl-C", "quit", ""),
    ]

    /// The registry's digit keys: "1\u{A0}global 2\u{A0}window …".
    static var modeDigits: String {
        Mode.allCases.compactMap { mode in mode.digit.map { "\($0)\u{A0}\(mode.name)" } }.joined(separator: " ")
    }

    /// The help in at most `rows` lines of `width` columns: one column when it fits, else two
    /// side by side (long actions use their short form, or wrap); when even that does not fit,
    /// what fits, then a line on quitting (quitting is always listed).
    public static func lines(width: Int, rows: Int) -> [String] {
        let single = lines(width: width)
        guard single.count > rows, rows > 0 else { return single }
        let usable = width - 3  // " │ " between the columns
        if usable >= 40 {
            // The split and the column widths with the fewest wrapped lines among those that fit
            // the rows, then the most even columns (if none fits, the shortest taller column).
            // Counted on word lengths, not formatted: this runs at every frame the help is open.
            let n = entries.count
            var bestChoice = (split: 1, leftWidth: usable / 2)
            var bestScore = (Int.max, Int.max, Int.max)  // nothing found: the fallback below
            for leftWidth in stride(from: usable / 3, through: usable - usable / 3, by: 2) {
                for split in 1..<n {
                    let leftKeys = metrics[..<split].map(\.keys).max() ?? 0
                    let rightKeys = metrics[split...].map(\.keys).max() ?? 0
                    // Actions need 8 columns; narrower would cut them.
                    guard leftWidth - leftKeys - 2 >= 8, usable - leftWidth - rightKeys - 2 >= 8 else { continue }
                    let leftLines = metrics[..<split].reduce(0) { $0 + $1.lines(actionWidth: max(8, leftWidth - leftKeys - 2)) }
                    let rightLines = metrics[split...].reduce(0) {
                        $0 + $1.lines(actionWidth: max(8, usable - leftWidth - rightKeys - 2))
                    }
                    let tallest = max(leftLines, rightLines)
                    let score = tallest <= rows ? (0, leftLines + rightLines, tallest) : (1, tallest, 0)
                    if score < bestScore {
                        bestChoice = (split, leftWidth)
                        bestScore = score
                    }
                }
            }
            guard bestScore.0 == 0 else { return fallback(single, width: width, rows: rows) }
            let best = (left: format(Array(entries[..<bestChoice.split]), width: bestChoice.leftWidth, preferShort: true),
                        right: format(Array(entries[bestChoice.split...]), width: usable - bestChoice.leftWidth, preferShort: true),
                        leftWidth: bestChoice.leftWidth)
            if max(best.left.count, best.right.count) <= rows {
                return (0..<max(best.left.count, best.right.count)).map { i in
                    let l = (i < best.left.count ? best.left[i] : "").padding(toLength: best.leftWidth, withPad: " ", startingAt: 0)
                    return i < best.right.count ? l + " │ " + best.right[i] : l + " │"
                }
            }
        }
        return fallback(single, width: width, rows: rows)
    }

    /// Too small even for two columns: what fits, then quitting.
    static func fallback(_ single: [String], width: Int, rows: Int) -> [String] {
        Array(single.prefix(max(0, rows - 1))) + [String("q  Ctrl-C  quit · more keys in a larger window".prefix(max(0, width)))]
    }

    /// An entry's sizes, for counting the lines it takes without formatting it.
    struct Metrics {
        /// The keys' width.
        let keys: Int
        /// The full action's width and its words' widths.
        let full: Int, fullWords: [Int]
        /// The short form's words' widths (empty without one).
        let shortWords: [Int]

        /// The lines the entry takes with `actionWidth` columns for its action, as `format` lays it out.
        func lines(actionWidth: Int) -> Int {
            let words = full > actionWidth && !shortWords.isEmpty ? shortWords : fullWords
            var lines = 1, current = 0
            for word in words {
                if current == 0 { current = word } else if current + 1 + word <= actionWidth { current += 1 + word } else {
                    lines += 1
                    current = word
                }
            }
            return lines
        }
    }

    /// The sizes of `entries`.
    static let metrics: [Metrics] = entries.map { entry in
        Metrics(keys: entry.keys.count, full: entry.action.count, fullWords: entry.action.split(separator: " ").map(\.count),
                shortWords: entry.short.split(separator: " ").map(\.count))
    }

    /// Entries as aligned lines of `width` columns at most: an action that does not fit takes
    /// its short form (with `preferShort`) or wraps under itself.
    static func format(_ list: [(keys: String, action: String, short: String)], width: Int, preferShort: Bool) -> [String] {
        let keyWidth = list.map(\.keys.count).max() ?? 0
        let actionWidth = max(8, width - keyWidth - 2)
        var out: [String] = []
        for entry in list {
            var action = entry.action
            if action.count > actionWidth && preferShort && !entry.short.isEmpty { action = entry.short }
            let wrapped = wrap(action, width: actionWidth)
            for (i, part) in wrapped.enumerated() {
                let keys = i == 0 ? entry.keys : ""
                let line = keys.padding(toLength: keyWidth, withPad: " ", startingAt: 0) + "  " + part
                out.append(String(line.prefix(max(0, width))).replacingOccurrences(of: "\u{A0}", with: " "))
            }
        }
        return out
    }

    /// Word-wraps `text` at spaces (not at non-breaking ones) to lines of `width` at most.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if candidate.count <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// The help as lines of `width` columns at most (long actions wrap).
    public static func lines(width: Int) -> [String] {
        format(entries, width: width, preferShort: false)
    }
}
