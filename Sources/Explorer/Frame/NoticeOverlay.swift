import Rendering

/// A short notice drawn where the map would be when there is none to draw (the engine refused,
/// or the field is still being prepared), so the screen never looks empty without a reason.
public enum NoticeOverlay {
    /// Draws `text` centred in the top-left `width`×`height` area of `canvas`, wrapped to fit.
    public static func draw(_ text: String, on canvas: inout Canvas, width: Int, height: Int, unicode: Bool) {
        let columns = max(0, min(width, canvas.width) - 4)
        guard columns >= 8, height >= 1 else { return }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > columns {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        let shown = lines.prefix(max(1, height))
        let top = max(0, (height - shown.count) / 2)
        for (i, text) in shown.enumerated() {
            let clipped = String(text.prefix(columns))
            let x = max(0, (min(width, canvas.width) - clipped.count) / 2)
            canvas.put(clipped, x: x, y: top + i, maxWidth: columns, unicode: unicode, attributes: .bold)
        }
    }
}
