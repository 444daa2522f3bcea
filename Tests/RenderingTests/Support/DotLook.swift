import Attention
@testable import Rendering

/// What one dot of a rendered view looks like, read back from the canvas: its glyph and the
/// colour it shows (nil: the terminal's own background, i.e. drawn as nothing).
struct DotLook: Equatable {
    /// The glyph of the dot's cell (for two-column styles, its first cell; `█` or blank for a
    /// half-block dot).
    var glyph: Character
    /// The colour the dot shows: the half of a `▀`/`▄` cell it owns, a shade glyph's ink, or a
    /// cell's background; nil where nothing but the terminal's background shows.
    var colour: CellColor?

    /// Whether the dot is drawn as something (a colour or a non-blank glyph).
    var visible: Bool { colour != nil || glyph != " " }

    /// The look of dot (`row`, `col`) of `view` in `canvas`.
    static func of(row: Int, col: Int, view: RenderedView, canvas: Canvas) -> DotLook {
        let heat = view.heatmap
        if view.glyphs == .halfBlock {
            let cell = canvas[heat.x + col, heat.y + row / 2]
            let upper = row % 2 == 0
            let shown: CellColor
            switch cell.glyph {
            case "▀": shown = upper ? cell.foreground : cell.background
            case "▄": shown = upper ? cell.background : cell.foreground
            default: shown = cell.background
            }
            // A half-block dot is its colour alone: the glyph only says which half it is.
            return shown == .terminalDefault ? DotLook(glyph: " ", colour: nil) : DotLook(glyph: "█", colour: shown)
        }
        let cell = canvas[heat.x + 2 * col, heat.y + row]
        let ink = cell.glyph == " " ? cell.background : (cell.foreground == .terminalDefault ? cell.background : cell.foreground)
        return DotLook(glyph: cell.glyph, colour: ink == .terminalDefault ? nil : ink)
    }
}
