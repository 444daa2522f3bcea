/// Writes a canvas as an SVG picture: a `<rect>` per cell for its background, block glyphs as
/// rectangles, every other glyph as `<text>` in a monospace font.
///
/// Default colours stand for a dark terminal (`#1c1c1c` on `#d0d0d0`); reverse swaps them,
/// dim lowers the opacity, bold sets the font weight.
public struct SVGWriter: Sendable {
    /// The width of one cell in SVG units.
    public let cellWidth: Int
    /// The height of one cell in SVG units.
    public let cellHeight: Int
    /// The colour the terminal's default background stands for.
    public let defaultBackground: RGB
    /// The colour the terminal's default foreground stands for.
    public let defaultForeground: RGB

    /// Creates a writer (cells of 10×20 units, a dark terminal by default).
    public init(cellWidth: Int = 10, cellHeight: Int = 20, defaultBackground: RGB = RGB(28, 28, 28),
                defaultForeground: RGB = RGB(208, 208, 208)) {
        self.cellWidth = max(1, cellWidth)
        self.cellHeight = max(2, cellHeight)
        self.defaultBackground = defaultBackground
        self.defaultForeground = defaultForeground
    }

    /// The SVG document.
    public func write(_ canvas: Canvas) -> String {
        let w = canvas.width * cellWidth, h = canvas.height * cellHeight
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\""
        out += " font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"\(cellHeight * 4 / 5)\""
        out += " shape-rendering=\"crispEdges\">\n"
        var texts = ""
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let cell = canvas[x, y]
                var fg = resolve(cell.foreground, foreground: true), bg = resolve(cell.background, foreground: false)
                if cell.attributes.contains(.reverse) { swap(&fg, &bg) }
                let px = x * cellWidth, py = y * cellHeight
                out += "<rect x=\"\(px)\" y=\"\(py)\" width=\"\(cellWidth)\" height=\"\(cellHeight)\" fill=\"\(bg.hex)\"/>\n"
                let opacity = cell.attributes.contains(.dim) ? " fill-opacity=\"0.6\"" : ""
                switch cell.glyph {
                case " ":
                    continue
                case "▀":
                    out += "<rect x=\"\(px)\" y=\"\(py)\" width=\"\(cellWidth)\" height=\"\(cellHeight / 2)\" fill=\"\(fg.hex)\"\(opacity)/>\n"
                case "▄":
                    out += "<rect x=\"\(px)\" y=\"\(py + cellHeight / 2)\" width=\"\(cellWidth)\" height=\"\(cellHeight - cellHeight / 2)\" fill=\"\(fg.hex)\"\(opacity)/>\n"
                case "█":
                    out += "<rect x=\"\(px)\" y=\"\(py)\" width=\"\(cellWidth)\" height=\"\(cellHeight)\" fill=\"\(fg.hex)\"\(opacity)/>\n"
                default:
                    let weight = cell.attributes.contains(.bold) ? " font-weight=\"bold\"" : ""
                    let underline = cell.attributes.contains(.underline) ? " text-decoration=\"underline\"" : ""
                    texts += "<text x=\"\(px + cellWidth / 2)\" y=\"\(py + cellHeight * 4 / 5 - 1)\" text-anchor=\"middle\""
                    texts += " fill=\"\(fg.hex)\"\(opacity)\(weight)\(underline)>\(SVGWriter.escape(String(cell.glyph)))</text>\n"
                }
            }
        }
        out += texts
        out += "</svg>\n"
        return out
    }

    private func resolve(_ color: CellColor, foreground: Bool) -> RGB {
        switch color {
        case .terminalDefault: return foreground ? defaultForeground : defaultBackground
        case .indexed(let n): return XtermPalette.colors[Int(n)]
        case .rgb(let r, let g, let b): return RGB(r, g, b)
        }
    }

    /// `text` with the five XML special characters escaped.
    public static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(ch)
            }
        }
        return out
    }
}
