import CNcurses
import Rendering

/// Draws canvases onto the curses screen, writing only the cells that changed since the last
/// frame; ncurses' refresh then sends the minimal output. Nothing is cleared per frame.
struct CanvasPainter {
    private var previous: Canvas?
    private var pairs: ColorPairs
    private let palette: TerminalPalette
    private let unicode: Bool

    /// A painter for a terminal with these capabilities; `asciiOnly` (`--ascii`) transliterates
    /// every non-ASCII character even in a UTF-8 locale.
    init(capabilities: TerminalCapabilities, asciiOnly: Bool) {
        pairs = ColorPairs(limit: capabilities.colorPairs)
        palette = TerminalPalette(colors: capabilities.colors)
        unicode = capabilities.unicode && !asciiOnly
    }

    /// Forgets the last frame so the next one is drawn in full.
    mutating func invalidate() { previous = nil }

    /// Draws `canvas` at the top-left corner and refreshes the screen.
    ///
    /// If the colour pairs run out midway, they are all handed out again and the frame is painted
    /// once more in full (curses repaints cells whose pair was redefined); a frame that needs
    /// more pairs than the terminal has draws its remaining cells in the default colours.
    mutating func paint(_ canvas: Canvas) {
        if !paintCells(of: canvas, startingOver: false) {
            pairs.reset()
            previous = nil
            clearok(attn_stdscr(), true)
            _ = paintCells(of: canvas, startingOver: true)
        }
        previous = canvas
        wnoutrefresh(attn_stdscr())
        doupdate()
    }

    /// Writes the cells that changed; false when the pairs ran out (unless `startingOver`, when
    /// the rest is drawn in the default colours).
    private mutating func paintCells(of canvas: Canvas, startingOver: Bool) -> Bool {
        let window = attn_stdscr()
        let rows = min(canvas.height, Int(getmaxy(window)))
        let columns = min(canvas.width, Int(getmaxx(window)))
        let full = previous.map { $0.width != canvas.width || $0.height != canvas.height } ?? true
        if full { werase(window) }
        for y in 0..<max(rows, 0) {
            for x in 0..<max(columns, 0) {
                let cell = canvas[x, y]
                if !full, let previous, previous[x, y] == cell { continue }
                let pair = pairs.pair(foreground: palette.number(for: cell.foreground),
                                      background: palette.number(for: cell.background))
                if pair == nil && !startingOver { return false }
                put(cell, pair: pair ?? 0, x: x, y: y, window: window)
            }
        }
        return true
    }

    /// Writes one cell.
    private func put(_ cell: Cell, pair: Int32, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>?) {
        var attributes: attr_t = 0
        if cell.attributes.contains(.bold) { attributes |= attn_a_bold() }
        if cell.attributes.contains(.dim) { attributes |= attn_a_dim() }
        if cell.attributes.contains(.reverse) { attributes |= attn_a_reverse() }
        if cell.attributes.contains(.underline) { attributes |= attn_a_underline() }
        // Up to 4 scalars of the cluster (ncurses holds 5 with the terminator).
        var characters: [wchar_t] = [0, 0, 0, 0, 0]
        var count = 0
        for scalar in cell.glyph.unicodeScalars where count < 4 {
            var value = scalar.value
            if !unicode && value > 0x7E {
                if count > 0 { break }  // drop combining marks
                value = ASCIIFallback.character(for: scalar).value  // no UTF-8: wide glyphs would draw nothing
            }
            if value < 0x20 { value = 0x20 }  // control characters would move the cursor
            characters[count] = wchar_t(bitPattern: value)
            count += 1
        }
        if count == 0 { characters[0] = 0x20 }
        var complex = cchar_t()
        attn_setcchar(&complex, characters, attributes, pair)  // the pair as this curses API takes it
        mvwadd_wch(window, Int32(y), Int32(x), &complex)  // ERR on the last cell is harmless
    }
}
