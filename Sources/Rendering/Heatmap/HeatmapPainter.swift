import Attention

/// The dots of one view after scaling: a band per dot (`nanLevel` for NaN) and an underlay grey.
struct DotLevels {
    /// Marks a NaN dot in `levels`.
    static let nanLevel: UInt8 = 255
    /// Marks a dot of weight exactly 0 (non-negative maps): drawn as background, not a band.
    static let zeroLevel: UInt8 = 254
    /// Dot rows.
    let rows: Int
    /// Dot columns.
    let cols: Int
    /// `levels[row · cols + col]`: the band, or `nanLevel`.
    var levels: [UInt8]
    /// `greys[row · cols + col]`: the underlay grey level, `Palette.greyLevels` without one.
    var greys: [UInt8]

    /// The band and grey of a dot, nil outside the grid.
    func at(row: Int, col: Int) -> (level: UInt8, grey: Int)? {
        guard row >= 0, row < rows, col >= 0, col < cols else { return nil }
        return (levels[row * cols + col], Int(greys[row * cols + col]))
    }
}

/// Draws a weight grid as coloured cells with the style's glyph rung.
enum HeatmapPainter {
    /// Scales and quantises `values` (the viewport's dot values) into bands.
    static func levels(values: [Float], viewport: Viewport, mapping: ScaleMapping, ramp: ColorRamp,
                       underlay: [Float]?) -> DotLevels {
        let n = viewport.dotRows * viewport.dotCols
        var levels = [UInt8](repeating: 0, count: n)
        var greys = [UInt8](repeating: UInt8(Palette.greyLevels), count: n)
        // Log views read each positive dot's band from thresholds (no logarithm per dot).
        let thresholds: BandThresholds?
        if case .log = mapping.scale, !mapping.signed, mapping.saturation > 0 {
            thresholds = BandThresholds(mapping: mapping, ramp: ramp)
        } else {
            thresholds = nil
        }
        values.withUnsafeBufferPointer { v in
            levels.withUnsafeMutableBufferPointer { out in
                for i in 0..<n {
                    let x = v[i]
                    if x.isNaN { out[i] = DotLevels.nanLevel }
                    else if x == 0 && !mapping.signed { out[i] = DotLevels.zeroLevel }
                    else if let thresholds, x > 0 { out[i] = UInt8(thresholds.band(of: x)) }
                    else { out[i] = UInt8(ramp.level(of: mapping.unit(x))) }
                }
            }
        }
        if let underlay, underlay.count == viewport.mapHeight * viewport.mapWidth {
            for r in 0..<viewport.dotRows {
                for c in 0..<viewport.dotCols {
                    guard let p = viewport.mapPosition(dotRow: r, dotCol: c) else { continue }
                    let g = underlay[p.row * viewport.mapWidth + p.col]
                    let q = Int((g * Float(Palette.greyLevels)).rounded(.down))
                    greys[r * viewport.dotCols + c] = UInt8(min(Palette.greyLevels - 1, max(0, q)))
                }
            }
        }
        return DotLevels(rows: viewport.dotRows, cols: viewport.dotCols, levels: levels, greys: greys)
    }

    /// Paints the dots into `canvas` at `geometry.heat`.
    static func paint(_ dots: DotLevels, values: [Float], into canvas: inout Canvas, geometry: ViewGeometry,
                      palette: Palette, style: RenderStyle, glyphSet: GlyphSet, showNumbers: Bool) {
        let levelCount = palette.ramp.levels
        let hasColor = style.colorDepth.hasColor
        switch geometry.glyphs {
        case .halfBlock, .auto:
            let upper: Character = "▀"
            let cellRows = (dots.rows + 1) / 2
            for cy in 0..<cellRows {
                for c in 0..<dots.cols {
                    guard let top = dots.at(row: 2 * cy, col: c) else { continue }
                    let bottom = dots.at(row: 2 * cy + 1, col: c)
                    var cell = Cell(upper)
                    if top.level == DotLevels.nanLevel {
                        cell.glyph = glyphSet.nan
                        cell.foreground = palette.nanColor
                        cell.attributes = .bold
                        if let bottom, bottom.level != DotLevels.nanLevel {
                            cell.background = palette.color(level: Int(bottom.level), grey: bottom.grey)
                        }
                    } else if let bottom, bottom.level == DotLevels.nanLevel {
                        cell.glyph = glyphSet.nan
                        cell.foreground = palette.nanColor
                        cell.attributes = .bold
                        cell.background = palette.color(level: Int(top.level), grey: top.grey)
                    } else {
                        // An odd last dot row: the lower half stays in the terminal's colours.
                        let upperColor = palette.color(level: Int(top.level), grey: top.grey)
                        let lowerColor = bottom.map { palette.color(level: Int($0.level), grey: $0.grey) } ?? .terminalDefault
                        cell = halfBlock(upper: upperColor, lower: lowerColor)
                    }
                    canvas[geometry.heat.x + c, geometry.heat.y + cy] = cell
                }
            }
        case .twoColumn, .shade, .ascii:
            let ramp = geometry.glyphs == .ascii ? GlyphSet.ascii : glyphSet
            for r in 0..<dots.rows {
                for c in 0..<dots.cols {
                    guard let dot = dots.at(row: r, col: c) else { continue }
                    let x = geometry.heat.x + 2 * c, y = geometry.heat.y + r
                    var first = Cell(), second = Cell()
                    if dot.level == DotLevels.nanLevel {
                        first = Cell(glyphSet.nan, foreground: palette.nanColor, attributes: .bold)
                        second = first
                    } else if geometry.glyphs == .twoColumn {
                        let bg = palette.color(level: Int(dot.level), grey: dot.grey)
                        let ink = palette.contrast(level: Int(dot.level), grey: dot.grey)
                        first = Cell(" ", foreground: ink, background: bg)
                        second = first
                        if showNumbers {
                            let (a, b) = percentDigits(values[r * dots.cols + c])
                            first.glyph = a
                            second.glyph = b
                        }
                    } else {
                        let zero = dot.level == DotLevels.zeroLevel
                        let glyph = zero ? ramp.ramp[0] : ramp.rampGlyph(level: Int(dot.level), levels: levelCount)
                        let fg: CellColor = hasColor && !zero ? palette.color(level: Int(dot.level), grey: Palette.greyLevels) : .terminalDefault
                        let bg: CellColor = hasColor ? palette.color(level: Int(DotLevels.zeroLevel), grey: dot.grey) : .terminalDefault
                        first = Cell(glyph, foreground: fg, background: bg)
                        second = first
                    }
                    canvas[x, y] = first
                    canvas[x + 1, y] = second
                }
            }
        }
    }

    /// A half-block cell of two dots; a dot in the terminal's default colour (an exact zero
    /// without a picture) is left to the background, never inked with the default foreground.
    static func halfBlock(upper: CellColor, lower: CellColor) -> Cell {
        switch (upper == .terminalDefault, lower == .terminalDefault) {
        case (false, false): return Cell("▀", foreground: upper, background: lower)
        case (false, true): return Cell("▀", foreground: upper)
        case (true, false): return Cell("▄", foreground: lower)
        case (true, true): return Cell(" ")
        }
    }

    /// A weight as two characters of percent: `  ` below 0.5 %, ` 7`, `42`, `**` from 99.5 %.
    static func percentDigits(_ v: Float) -> (Character, Character) {
        guard v.isFinite else { return ("?", "?") }
        if v >= 0.995 { return ("*", "*") }  // before converting: huge values do not fit an Int
        let p = Int((v * 100).rounded())
        if p <= 0 { return (" ", " ") }
        let digits = Array(String(p))
        return digits.count == 1 ? (" ", digits[0]) : (digits[0], digits[1])
    }
}
