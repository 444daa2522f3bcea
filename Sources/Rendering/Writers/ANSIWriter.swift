/// Writes a canvas as text with ANSI SGR colour codes for a colour depth.
///
/// Codes per depth: `38;2;r;g;b` (truecolor), `38;5;N` (256), `30–37`/`90–97` (16), `30–37` (8),
/// none at all for monochrome. Only changes are emitted: a run of cells in the same colours
/// costs one code. Every line that changed the state ends with a reset, so lines can be printed
/// on their own.
public struct ANSIWriter: Sendable {
    /// The colour depth of the output; cell colours deeper than it are reduced to the nearest.
    public let depth: ColorDepth

    /// Creates a writer for `depth`.
    public init(depth: ColorDepth) { self.depth = depth }

    private struct State: Equatable {
        var foreground: CellColor = .terminalDefault
        var background: CellColor = .terminalDefault
        var attributes: CellAttributes = []
    }

    /// The canvas as ANSI text, one line per row, ending with a newline.
    public func write(_ canvas: Canvas) -> String {
        guard depth != .monochrome else { return PlainTextWriter().write(canvas) }
        var out: [UInt8] = []
        out.reserveCapacity(canvas.width * canvas.height * 8)
        let cells = canvas.cells
        for y in 0..<canvas.height {
            let row = cells[(y * canvas.width)..<((y + 1) * canvas.width)]
            // Trailing blank default cells add nothing.
            var end = row.endIndex
            while end > row.startIndex, row[end - 1] == .blank { end -= 1 }
            var state = State()
            for cell in row[row.startIndex..<end] {
                var wanted = State(foreground: reduced(cell.foreground), background: reduced(cell.background),
                                   attributes: cell.attributes)
                // A plain space shows no ink: keep whatever foreground is set.
                if cell.glyph == " " && wanted.attributes.isDisjoint(with: [.reverse, .underline]) {
                    wanted.foreground = state.foreground
                }
                if wanted != state {
                    emitTransition(from: state, to: wanted, into: &out)
                    state = wanted
                }
                out.append(contentsOf: String(cell.glyph).utf8)
            }
            if state != State() { out.append(contentsOf: [0x1B, 0x5B, 0x30, 0x6D]) }  // ESC[0m
            out.append(0x0A)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A colour as this depth can show it.
    private func reduced(_ color: CellColor) -> CellColor {
        switch (color, depth) {
        case (.terminalDefault, _): return .terminalDefault
        case (.rgb, .truecolor), (.indexed, .truecolor), (.indexed, .palette256): return color
        case let (.rgb(r, g, b), .palette256): return .indexed(XtermPalette.nearest256(RGB(r, g, b)))
        case let (.rgb(r, g, b), .ansi16): return .indexed(XtermPalette.nearest16(RGB(r, g, b)))
        case let (.rgb(r, g, b), .ansi8): return .indexed(XtermPalette.nearest8(RGB(r, g, b)))
        case let (.indexed(n), .ansi16): return n < 16 ? color : .indexed(XtermPalette.nearest16(XtermPalette.colors[Int(n)]))
        case let (.indexed(n), .ansi8): return n < 8 ? color : .indexed(XtermPalette.nearest8(XtermPalette.colors[Int(n)]))
        case (_, .monochrome): return .terminalDefault
        }
    }

    private func emitTransition(from old: State, to new: State, into out: inout [UInt8]) {
        var codes: [Int] = []
        var from = old
        if !new.attributes.isSuperset(of: old.attributes) {
            codes.append(0)
            from = State()
        }
        let added = new.attributes.subtracting(from.attributes)
        if added.contains(.bold) { codes.append(1) }
        if added.contains(.dim) { codes.append(2) }
        if added.contains(.underline) { codes.append(4) }
        if added.contains(.reverse) { codes.append(7) }
        if new.foreground != from.foreground { appendColor(new.foreground, background: false, to: &codes) }
        if new.background != from.background { appendColor(new.background, background: true, to: &codes) }
        guard !codes.isEmpty else { return }
        out.append(0x1B)
        out.append(0x5B)
        for (i, code) in codes.enumerated() {
            if i > 0 { out.append(0x3B) }
            appendDecimal(code, to: &out)
        }
        out.append(0x6D)
    }

    private func appendColor(_ color: CellColor, background: Bool, to codes: inout [Int]) {
        switch color {
        case .terminalDefault:
            codes.append(background ? 49 : 39)
        case .rgb(let r, let g, let b):
            codes.append(contentsOf: [background ? 48 : 38, 2, Int(r), Int(g), Int(b)])
        case .indexed(let n):
            if depth == .ansi16 || depth == .ansi8 {
                let base = n < 8 ? (background ? 40 : 30) : (background ? 100 : 90)
                codes.append(base + Int(n % 8))
            } else {
                codes.append(contentsOf: [background ? 48 : 38, 5, Int(n)])
            }
        }
    }

    private func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value >= 100 { out.append(UInt8(48 + value / 100)) }
        if value >= 10 { out.append(UInt8(48 + (value / 10) % 10)) }
        out.append(UInt8(48 + value % 10))
    }
}
