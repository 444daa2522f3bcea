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
        ("c", "compare view: global, window, dcn, dat side by side"),
        ("?", "this help"),
        ("Esc", "close the help, else the compare view"),
        ("Ctrl-L", "redraw the screen"),
        ("Ctrl-Z", "suspend to the shell (fg to come back)"),
        ("q  Ctrl-C", "quit"),
    ]

    /// The help as lines of `width` columns at most.
    public static func lines(width: Int) -> [String] {
        let keyWidth = entries.map(\.keys.count).max() ?? 0
        return entries.map { entry in
            let padded = entry.keys.padding(toLength: keyWidth, withPad: " ", startingAt: 0)
            return String((padded + "  " + entry.action).prefix(max(0, width)))
        }
    }
}
