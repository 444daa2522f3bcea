/// A colour as a cell asks for it; writers map it to what their output supports.
public enum CellColor: Hashable, Sendable {
    /// The terminal's default colour.
    case terminalDefault
    /// An index into the xterm-256 palette (0–15 are the 16 system colours).
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)
}

/// Text attributes of a cell.
public struct CellAttributes: OptionSet, Hashable, Sendable {
    /// The attribute bits.
    public let rawValue: UInt8
    /// Creates attributes from their bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Bold (also the bright variant on 8-colour terminals).
    public static let bold = CellAttributes(rawValue: 1 << 0)
    /// Dim.
    public static let dim = CellAttributes(rawValue: 1 << 1)
    /// Reverse video.
    public static let reverse = CellAttributes(rawValue: 1 << 2)
    /// Underline.
    public static let underline = CellAttributes(rawValue: 1 << 3)
}

/// One character cell: a glyph (one column wide) with colours and attributes.
public struct Cell: Hashable, Sendable {
    /// The glyph: one extended grapheme cluster that occupies one column (at most three
    /// Unicode scalars; a longer cluster, which no single column holds anyway, is stored as `?`).
    public var glyph: Character {
        get { GlyphCode.character(packedGlyph) }
        set { packedGlyph = GlyphCode.pack(newValue) }
    }
    /// The glyph's scalars packed into one integer, so that a cell holds no reference: a
    /// canvas of cells is plain memory to fill, copy, compare and free (a frame makes several).
    private var packedGlyph: UInt64
    /// Foreground colour.
    public var foreground: CellColor
    /// Background colour.
    public var background: CellColor
    /// Attributes.
    public var attributes: CellAttributes

    /// Creates a cell.
    public init(_ glyph: Character = " ", foreground: CellColor = .terminalDefault,
                background: CellColor = .terminalDefault, attributes: CellAttributes = []) {
        packedGlyph = GlyphCode.pack(glyph)
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// A blank cell in default colours.
    public static let blank = Cell()
}

/// A grid of cells, the one thing every output (ncurses, text, ANSI, SVG) draws from.
public struct Canvas: Hashable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Cells, row-major.
    public private(set) var cells: [Cell]

    /// A blank canvas of `width` × `height` cells.
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// The cell at column `x`, row `y`; writes outside the canvas are ignored, reads give blank.
    public subscript(x: Int, y: Int) -> Cell {
        get { x >= 0 && x < width && y >= 0 && y < height ? cells[y * width + x] : .blank }
        set { if x >= 0 && x < width && y >= 0 && y < height { cells[y * width + x] = newValue } }
    }

    /// Writes `text` from column `x` on row `y`, one character per column, clipped at the edge.
    public mutating func put(_ text: String, x: Int, y: Int, foreground: CellColor = .terminalDefault,
                             background: CellColor = .terminalDefault, attributes: CellAttributes = []) {
        var column = x
        for ch in text {
            if column >= width { break }
            self[column, y] = Cell(ch, foreground: foreground, background: background, attributes: attributes)
            column += 1
        }
    }

    /// Writes `text` from column `x` on row `y`, cut to at most `maxWidth` columns; a cut
    /// string ends in `…` (or `~` when `unicode` is false) so the reader sees it was truncated.
    /// Returns the number of columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int, unicode: Bool = true,
                             foreground: CellColor = .terminalDefault, background: CellColor = .terminalDefault,
                             attributes: CellAttributes = []) -> Int {
        guard maxWidth > 0 else { return 0 }
        let count = text.count
        if count <= maxWidth {
            put(text, x: x, y: y, foreground: foreground, background: background, attributes: attributes)
            return count
        }
        var cut = String(text.prefix(maxWidth - 1))
        cut.append(unicode ? "…" : "~")
        put(cut, x: x, y: y, foreground: foreground, background: background, attributes: attributes)
        return maxWidth
    }

    /// Sets every cell of `rect` (clipped to the canvas) to `cell`.
    public mutating func fill(_ rect: CellRect, with cell: Cell) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1 else { return }
        for y in y0..<y1 { for x in x0..<x1 { cells[y * width + x] = cell } }
    }

    /// The canvas as plain text, one line per row, trailing spaces trimmed.
    public var plainText: String {
        var lines: [String] = []
        for y in 0..<height {
            var line = String(cells[(y * width)..<((y + 1) * width)].map(\.glyph))
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
