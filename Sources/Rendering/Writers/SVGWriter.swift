/// Writes a canvas as an SVG picture a slide can use: the cells' colours as few rectangles as
/// possible (runs of one colour merged across cells and rows, block glyphs as their halves), and
/// the text as one `<text>` per run of equal style, so words stay words (selectable, searchable).
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

    /// A text run's look: colour, and the attributes SVG can show.
    private struct TextStyle: Equatable {
        var color: RGB
        var bold: Bool
        var dim: Bool
        var underline: Bool
    }

    /// One filled rectangle, in half-cell rows.
    private struct Fill {
        var x: Int, width: Int, top: Int, rows: Int, color: RGB
    }

    /// The SVG document.
    public func write(_ canvas: Canvas) -> String {
        let w = canvas.width * cellWidth, h = canvas.height * cellHeight
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\""
        out += " font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"\(cellHeight * 4 / 5)\""
        out += " shape-rendering=\"crispEdges\">\n"
        out += "<rect width=\"\(w)\" height=\"\(h)\" fill=\"\(defaultBackground.hex)\"/>\n"
        for fill in fills(canvas) {
            let top = fill.top * cellHeight / 2, bottom = (fill.top + fill.rows) * cellHeight / 2
            out += "<rect x=\"\(fill.x * cellWidth)\" y=\"\(top)\" width=\"\(fill.width * cellWidth)\""
            out += " height=\"\(bottom - top)\" fill=\"\(fill.color.hex)\"/>\n"
        }
        out += texts(canvas)
        out += "</svg>\n"
        return out
    }

    /// The colours of the two halves (upper, lower) of a cell, blocks and reverse applied.
    private func halves(_ cell: Cell) -> (RGB, RGB) {
        var fg = resolve(cell.foreground, foreground: true), bg = resolve(cell.background, foreground: false)
        if cell.attributes.contains(.reverse) { swap(&fg, &bg) }
        let ink = cell.attributes.contains(.dim) ? Self.mix(fg, bg, 0.6) : fg
        switch cell.glyph {
        case "▀": return (ink, bg)
        case "▄": return (bg, ink)
        case "█": return (ink, ink)
        default: return (bg, bg)
        }
    }

    /// Runs of one colour along each half-cell row, merged with the run right above when it
    /// has the same columns and colour; the default background is the page itself.
    private func fills(_ canvas: Canvas) -> [Fill] {
        var done: [Fill] = []
        var previous: [String: Fill] = [:]  // the runs reaching the half row above, by columns and colour
        for half in 0..<(canvas.height * 2) {
            let y = half / 2, upper = half % 2 == 0
            var current: [String: Fill] = [:]
            var x = 0
            while x < canvas.width {
                let color = upper ? halves(canvas[x, y]).0 : halves(canvas[x, y]).1
                var end = x + 1
                while end < canvas.width, (upper ? halves(canvas[end, y]).0 : halves(canvas[end, y]).1) == color { end += 1 }
                if color != defaultBackground {
                    let key = "\(x),\(end - x),\(color.hex)"
                    if var above = previous.removeValue(forKey: key) {
                        above.rows += 1
                        current[key] = above
                    } else {
                        current[key] = Fill(x: x, width: end - x, top: half, rows: 1, color: color)
                    }
                }
                x = end
            }
            done += previous.values.sorted { ($0.top, $0.x) < ($1.top, $1.x) }
            previous = current
        }
        done += previous.values.sorted { ($0.top, $0.x) < ($1.top, $1.x) }
        return done
    }

    /// One `<text>` per run of cells of one style on a row (spaces between words join the run;
    /// block glyphs, drawn as rectangles, end it), laid on the cell grid with `textLength`.
    private func texts(_ canvas: Canvas) -> String {
        var out = ""
        for y in 0..<canvas.height {
            var run = "", runStart = 0, runStyle: TextStyle?, pendingSpaces = 0
            func flush() {
                if let style = runStyle, !run.isEmpty {
                    let length = run.count * cellWidth
                    out += "<text x=\"\(runStart * cellWidth)\" y=\"\(y * cellHeight + cellHeight * 4 / 5 - 1)\""
                    out += " textLength=\"\(length)\" lengthAdjust=\"spacingAndGlyphs\" xml:space=\"preserve\""
                    out += " fill=\"\(style.color.hex)\""
                    if style.dim { out += " fill-opacity=\"0.6\"" }
                    if style.bold { out += " font-weight=\"bold\"" }
                    if style.underline { out += " text-decoration=\"underline\"" }
                    out += ">\(SVGWriter.escape(run))</text>\n"
                }
                run = ""
                runStyle = nil
                pendingSpaces = 0
            }
            for x in 0..<canvas.width {
                let cell = canvas[x, y]
                switch cell.glyph {
                case "▀", "▄", "█":
                    flush()
                    continue
                case " ":
                    if runStyle != nil { pendingSpaces += 1 }
                    continue
                default: break
                }
                var fg = resolve(cell.foreground, foreground: true), bg = resolve(cell.background, foreground: false)
                if cell.attributes.contains(.reverse) { swap(&fg, &bg) }
                let style = TextStyle(color: fg, bold: cell.attributes.contains(.bold), dim: cell.attributes.contains(.dim),
                                      underline: cell.attributes.contains(.underline))
                if style != runStyle || pendingSpaces > 2 {
                    flush()
                    runStart = x
                    runStyle = style
                } else if pendingSpaces > 0 {
                    run += String(repeating: " ", count: pendingSpaces)
                }
                pendingSpaces = 0
                run.append(cell.glyph)
            }
            flush()
        }
        return out
    }

    /// `a` over `b` at opacity `alpha`.
    private static func mix(_ a: RGB, _ b: RGB, _ alpha: Double) -> RGB {
        func channel(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((alpha * Double(x) + (1 - alpha) * Double(y)).rounded()) }
        return RGB(channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b))
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
