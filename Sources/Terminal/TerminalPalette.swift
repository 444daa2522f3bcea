import Rendering

/// Maps the colours a canvas asks for onto what the terminal has: the fixed xterm-256 palette
/// (never redefined: tmux cannot), its 16 or 8 system colours, or nothing.
///
/// The renderer already draws in the depth the explorer chose; this is the safety net for a
/// colour the terminal cannot show (an RGB cell, an index beyond its colour count).
struct TerminalPalette {
    /// How many colours the terminal shows (≥ 256, 16, 8 or 0).
    let colors: Int

    /// The ncurses colour number for `color`: −1 is the terminal's default.
    func number(for color: CellColor) -> Int32 {
        switch color {
        case .terminalDefault:
            return -1
        case let .indexed(index):
            if Int(index) < colors { return Int32(index) }
            return reduce(XtermPalette.colors[Int(index)])
        case let .rgb(r, g, b):
            return reduce(RGB(r, g, b))
        }
    }

    /// The nearest colour the terminal has.
    private func reduce(_ color: RGB) -> Int32 {
        if colors >= 256 { return Int32(XtermPalette.nearest256(color)) }
        if colors >= 16 { return Int32(XtermPalette.nearest16(color)) }
        if colors >= 8 { return Int32(XtermPalette.nearest8(color)) }
        return -1
    }
}
