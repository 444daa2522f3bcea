import Foundation

/// The explorer's keys in words: the help overlay (`?`) lists them, the README repeats them.
public enum KeyHelp {
    /// Every key, grouped as the help overlay shows it: (keys, what they do).
    public static let entries: [(keys: String, action: String)] = [
        ("arrows h j k l", "move the query one pixel"),
        ("H J K L", "move the query 4 pixels"),
        ("g / G", "query to the top-left / bottom-right corner"),
        ("m", "query to the hottest key of the current map"),
        ("click", "put the query where you click"),
        ("1 … 9", "mode: 1 global 2 window 3 axial 4 criss-cross 5 dcn"),
        ("", "      6 dat 7 neighborhood 8 lka 9 lesa"),
        ("Tab / Shift-Tab", "next / previous mode"),
        ("Space n / p, wheel", "next / previous pass or layer (then the full map)"),
        ("- =", "the mode's main parameter (window, passes, kernel, stride)"),
        ("[ ]", "its second parameter (shift, γ, dilation, offset range)"),
        ("t / T", "temperature down / up"),
        ("v", "value scale: linear, log, clip"),
        ("C", "colormap"),
        ("b", "glyph style"),
        ("o", "overlays (windows, crosses, samples) on / off"),
        ("i", "side panel on / off"),
        ("c", "compare view (default global window dcn dat)"),
        ("1 … 9 in compare", "add / remove that mode's panel"),
        ("x / X", "arrows/clicks move query → target p → m; X drops"),
        ("r   < >", "residual paths (criss-cross) · layers L"),
        ("V", "Swin views: both, original, rolled"),
        ("P   Q   Enter", "presenter · quiz (hide weights) · reveal"),
        ("w   e", "save the session · export frame and map"),
        ("Space  Bksp", "in a tour: next / previous step"),
        ("?", "this help"),
        ("Esc", "close the help, else the compare view"),
        ("Ctrl-L", "redraw the screen"),
        ("Ctrl-Z", "suspend to the shell (fg to come back)"),
        ("q  Ctrl-C", "quit"),
    ]

    /// The help in at most `rows` lines of `width` columns: one column when it fits, else two
    /// side by side (actions shortened to fit); the last line always lists quitting.
    public static func lines(width: Int, rows: Int) -> [String] {
        let single = lines(width: width)
        guard single.count > rows, rows > 0 else { return single }
        let half = (entries.count + 1) / 2
        let usable = width - 3  // " │ " between the columns
        if half <= rows, usable >= 48 {
            let leftFull = format(Array(entries[..<half]), width: Int.max)
            let rightFull = format(Array(entries[half...]), width: Int.max)
            let leftLongest = leftFull.map(\.count).max() ?? 0, rightLongest = rightFull.map(\.count).max() ?? 0
            // Each column gets what it needs when both fit, else space in proportion to its need.
            let leftWidth = leftLongest + rightLongest <= usable ? leftLongest
                : max(24, min(usable - 24, usable * leftLongest / max(1, leftLongest + rightLongest)))
            let left = leftFull.map { String($0.prefix(leftWidth)) }
            let right = rightFull.map { String($0.prefix(usable - leftWidth)) }
            return (0..<half).map { i in
                let l = left[i].padding(toLength: leftWidth, withPad: " ", startingAt: 0)
                return i < right.count ? l + " │ " + right[i] : l
            }
        }
        // Too small even for two columns: what fits, then quitting.
        return Array(single.prefix(max(0, rows - 1))) + [String("q  Ctrl-C  quit · more keys in a larger window".prefix(max(0, width)))]
    }

    /// Entries as aligned lines of `width` columns at most.
    static func format(_ list: [(keys: String, action: String)], width: Int) -> [String] {
        let keyWidth = list.map(\.keys.count).max() ?? 0
        return list.map { entry in
            String((entry.keys.padding(toLength: keyWidth, withPad: " ", startingAt: 0) + "  " + entry.action).prefix(max(0, width)))
        }
    }

    /// The help as lines of `width` columns at most.
    public static func lines(width: Int) -> [String] {
        let keyWidth = entries.map(\.keys.count).max() ?? 0
        return entries.map { entry in
            let padded = entry.keys.padding(toLength: keyWidth, withPad: " ", startingAt: 0)
            return String((padded + "  " + entry.action).prefix(max(0, width)))
        }
    }
}
