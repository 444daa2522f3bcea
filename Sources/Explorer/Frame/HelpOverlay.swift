import Rendering

/// The `?` overlay: a box listing every key, drawn over the frame (Esc closes it).
public enum HelpOverlay {
    /// Draws the help box centred on `canvas`, clipped to what fits above the status line.
    public static func draw(on canvas: inout Canvas, unicode: Bool) {
        let title = " Keys — Esc closes "
        let available = max(0, canvas.width - 4)
        // Keep the status and hint lines (the last two rows) and the box's borders free.
        let lines = KeyHelp.lines(width: available, rows: max(0, canvas.height - 4))
        let textWidth = min(available, max(title.count, lines.map(\.count).max() ?? 0))
        let boxWidth = textWidth + 4
        // Keep the status and hint lines (the last two rows) visible.
        let usableRows = max(0, canvas.height - 2)
        let shown = min(lines.count, max(0, usableRows - 2))
        guard boxWidth >= 8, shown > 0 else { return }
        let boxHeight = shown + 2
        let left = max(0, (canvas.width - boxWidth) / 2)
        let top = max(0, (usableRows - boxHeight) / 2)
        let border: [Character] = unicode ? ["─", "│", "┌", "┐", "└", "┘"] : ["-", "|", "+", "+", "+", "+"]
        for y in top..<(top + boxHeight) {
            for x in left..<(left + boxWidth) { canvas[x, y] = Cell(" ") }
        }
        for x in (left + 1)..<(left + boxWidth - 1) {
            canvas[x, top] = Cell(border[0], attributes: .bold)
            canvas[x, top + boxHeight - 1] = Cell(border[0], attributes: .bold)
        }
        for y in (top + 1)..<(top + boxHeight - 1) {
            canvas[left, y] = Cell(border[1], attributes: .bold)
            canvas[left + boxWidth - 1, y] = Cell(border[1], attributes: .bold)
        }
        canvas[left, top] = Cell(border[2], attributes: .bold)
        canvas[left + boxWidth - 1, top] = Cell(border[3], attributes: .bold)
        canvas[left, top + boxHeight - 1] = Cell(border[4], attributes: .bold)
        canvas[left + boxWidth - 1, top + boxHeight - 1] = Cell(border[5], attributes: .bold)
        canvas.put(String(title.prefix(boxWidth - 2)), x: left + 1, y: top, attributes: .bold)
        for (i, line) in lines.prefix(shown).enumerated() {
            canvas.put(unicode ? line : asciiOnly(line), x: left + 2, y: top + 1 + i)
        }
    }

    /// Replaces non-ASCII characters (…, γ) for terminals without UTF-8.
    static func asciiOnly(_ text: String) -> String {
        String(text.map { $0.isASCII ? $0 : ($0 == "…" ? "." : ($0 == "γ" ? "g" : "?")) })
    }
}
