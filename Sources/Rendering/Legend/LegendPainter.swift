/// The one-row legend under every view: a colour bar, the numeric range, the scale in use, how
/// the map was resampled (pooled, enlarged, panned) and the marks drawn (query, target p,
/// intermediate m). It is always drawn; when the row is short, the marks go first, then the bar
/// and the details shrink before the range does.
enum LegendPainter {
    /// The legend's text parts after the bar: range, scale, and resampling.
    static func describe(mapping: ScaleMapping, viewport: Viewport, unicode: Bool) -> (range: String, scale: String, extra: String) {
        let dash = unicode ? "…" : ".."
        let lo = NumberFormat.compact(Double(mapping.legendLow)), hi = NumberFormat.compact(Double(mapping.saturation))
        var range = "\(lo)\(dash)\(hi)"
        if case .clipped = mapping.scale, !mapping.signed { range += "+" }
        var extra = ""
        if viewport.pool > 1 {
            extra = unicode ? "Σpool \(viewport.pool)×\(viewport.pool)" : "sum-pool \(viewport.pool)x\(viewport.pool)"
        } else if viewport.enlargement > 1 {
            extra = unicode ? "×\(viewport.enlargement)" : "x\(viewport.enlargement)"
        }
        if !viewport.showsWholeMap {
            let pan = "rows \(viewport.originRow)-\(viewport.originRow + viewport.dotRows - 1)"
                + " cols \(viewport.originCol)-\(viewport.originCol + viewport.dotCols - 1)"
            extra = extra.isEmpty ? pan : extra + " " + pan
        }
        return (range, mapping.legendName, extra)
    }

    /// The marks' key as the view draws them: `◎ query` (`[] query` in two-column cells), and
    /// `◆ p` / `◇ m` (`<> p`, `{} m`) when the view draws them.
    static func marks(target: Bool, intermediate: Bool, glyphSet: GlyphSet, wide: Bool) -> String {
        var parts = [(wide ? "[]" : "\(glyphSet.query)") + " query"]
        if target { parts.append((wide ? "<>" : "\(glyphSet.target)") + " p") }
        if intermediate { parts.append((wide ? "{}" : "\(glyphSet.intermediate)") + " m") }
        return parts.joined(separator: " ")
    }

    /// Draws the legend in `width` columns from (`x`, `y`).
    static func paint(on canvas: inout Canvas, x: Int, y: Int, width: Int, mapping: ScaleMapping, viewport: Viewport,
                      palette: Palette, glyphs: GlyphStyle, glyphSet: GlyphSet, hasColor: Bool, unicode: Bool,
                      marks: String = "") {
        guard width > 0 else { return }
        let text = describe(mapping: mapping, viewport: viewport, unicode: unicode)
        let details = " \(text.range) \(text.scale)" + (text.extra.isEmpty ? "" : " \(text.extra)")
        let withMarks = marks.isEmpty ? details : details + "  " + marks
        let full = withMarks.count + min(12, palette.ramp.levels) <= width ? withMarks : details
        let short = " \(text.range) \(text.scale)"
        let levels = palette.ramp.levels
        // Prefer a bar of up to 12 cells; shrink it to 3, then drop details.
        var barWidth = min(12, levels)
        var tail = full
        while barWidth + tail.count > width {
            if barWidth > 6 { barWidth -= 1 } else if tail == full && full != short { tail = short }
            else if barWidth > 3 { barWidth -= 1 } else { break }
        }
        barWidth = min(barWidth, width)
        let ramp = glyphs == .ascii ? GlyphSet.ascii : glyphSet
        for i in 0..<barWidth {
            let level = barWidth == 1 ? levels - 1 : i * (levels - 1) / (barWidth - 1)
            var cell = Cell()
            let color = palette.color(level: level, grey: Palette.greyLevels)
            if hasColor && (glyphs == .halfBlock || glyphs == .twoColumn) {
                cell.glyph = "█"
                cell.foreground = color
            } else {
                cell.glyph = ramp.rampGlyph(level: level, levels: levels)
                if hasColor { cell.foreground = color }
            }
            canvas[x + i, y] = cell
        }
        canvas.put(tail, x: x + barWidth, y: y, maxWidth: width - barWidth, unicode: unicode)
    }
}
