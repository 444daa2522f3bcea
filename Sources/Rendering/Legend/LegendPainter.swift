/// The one-row legend under every view: a colour bar, the numeric range, the scale in use, how
/// the map was resampled (pooled, enlarged, panned) and the marks drawn (query, target p,
/// intermediate m), and "shared" when several panels use one scale. It is always drawn; when the row is short, the marks go first, then the bar
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
        if let crop = cropNote(viewport) { extra = extra.isEmpty ? crop : extra + " " + crop }
        return (range, mapping.legendName, extra)
    }

    /// What part of the map a cropped (panned) view shows, nil for a whole map:
    /// `crop rows 6-20/28 cols 9-32/40` (0-based, inclusive, of the map's rows and columns).
    static func cropNote(_ viewport: Viewport) -> String? {
        guard !viewport.showsWholeMap else { return nil }
        let rows = (viewport.dotRows * viewport.pool + viewport.enlargement - 1) / viewport.enlargement
        let cols = (viewport.dotCols * viewport.pool + viewport.enlargement - 1) / viewport.enlargement
        let lastRow = min(viewport.mapHeight, viewport.originRow + rows) - 1
        let lastCol = min(viewport.mapWidth, viewport.originCol + cols) - 1
        return "crop rows \(viewport.originRow)-\(lastRow)/\(viewport.mapHeight)"
            + " cols \(viewport.originCol)-\(lastCol)/\(viewport.mapWidth)"
    }

    /// The marks' key as the view draws them: `◎ query` (`[] query` in two-column cells), and
    /// `◆ p` / `◇ m` (`<> p`, `{} m`) when the view draws them.
    static func marks(target: Bool, intermediate: Bool, glyphSet: GlyphSet, wide: Bool) -> String {
        var parts = [(wide ? "[]" : "\(glyphSet.query)") + " query"]
        if target { parts.append((wide ? "<>" : "\(glyphSet.target)") + " p") }
        if intermediate { parts.append((wide ? "{}" : "\(glyphSet.intermediate)") + " m") }
        return parts.joined(separator: " ")
    }

    /// Presenter's numeric legend: a long bar on row `y` with the scale's name after it, and on
    /// row `y + 1` ticks under the bar labelled with the weight each colour stands for (the
    /// scale's own values: a log scale's ticks are decades apart, not fractions of the maximum).
    /// False when `width` is too narrow (the one-row legend is drawn instead).
    static func paintTicked(on canvas: inout Canvas, x: Int, y: Int, width: Int, mapping: ScaleMapping, viewport: Viewport,
                            palette: Palette, glyphs: GlyphStyle, hasColor: Bool, unicode: Bool, shared: Bool) -> Bool {
        guard width >= 40, hasColor, glyphs == .halfBlock || glyphs == .twoColumn else { return false }
        let barWidth = min(40, width - 16)
        let levels = palette.ramp.levels
        for i in 0..<barWidth {
            let level = i * (levels - 1) / (barWidth - 1)
            canvas[x + i, y] = Cell("█", foreground: palette.color(level: level, grey: Palette.greyLevels))
        }
        var text = describe(mapping: mapping, viewport: viewport, unicode: unicode)
        if shared { text.scale += " shared" }
        // A crop note first: the part not shown must be said before anything else.
        let crop = cropNote(viewport)
        let resampling = crop.map { text.extra.replacingOccurrences(of: $0, with: "").trimmingCharacters(in: .whitespaces) }
            ?? text.extra
        let words = [crop, text.scale, resampling.isEmpty ? nil : resampling].compactMap { $0 }.joined(separator: " ")
        canvas.put(" " + words, x: x + barWidth, y: y, maxWidth: width - barWidth, unicode: unicode)
        // Five ticks, each label right after its tick (the last one past the bar's end); a label
        // that would run into the previous one is left out, its tick stays.
        var free = x
        let tick: Character = unicode ? "╵" : "'"
        for k in 0...4 {
            let at = x + k * (barWidth - 1) / 4
            var label = NumberFormat.compact(Double(mapping.value(atUnit: Float(k) / 4)))
            if k == 4, case .clipped = mapping.scale, !mapping.signed { label += "+" }
            canvas[at, y + 1] = Cell(tick, attributes: .bold)
            guard at >= free, at + 1 + label.count <= x + width else { continue }
            canvas.put(label, x: at + 1, y: y + 1, maxWidth: label.count, unicode: unicode, attributes: .bold)
            free = at + 2 + label.count
        }
        return true
    }

    /// Draws the legend in `width` columns from (`x`, `y`).
    static func paint(on canvas: inout Canvas, x: Int, y: Int, width: Int, mapping: ScaleMapping, viewport: Viewport,
                      palette: Palette, glyphs: GlyphStyle, glyphSet: GlyphSet, hasColor: Bool, unicode: Bool,
                      marks: String = "", shared: Bool = false) {
        guard width > 0 else { return }
        var text = describe(mapping: mapping, viewport: viewport, unicode: unicode)
        // A scale shared by several panels says so: equal colours are equal weights across them.
        if shared { text.scale += " shared" }
        let details = " \(text.range) \(text.scale)" + (text.extra.isEmpty ? "" : " \(text.extra)")
        let withMarks = marks.isEmpty ? details : details + "  " + marks
        let full = withMarks.count + min(12, palette.ramp.levels) <= width ? withMarks : details
        // A cropped view keeps its crop note before the scale's name: the part not shown must be said.
        let short = cropNote(viewport).map { " \(text.range) \($0)" } ?? " \(text.range) \(text.scale)"
        let levels = palette.ramp.levels
        // Prefer a bar of up to 12 cells; shrink it to 3, then drop details.
        var barWidth = min(12, levels)
        var tail = full
        // The last resort of a cropped view: the range, then the word, which never goes.
        let cropped = cropNote(viewport) == nil ? nil : " \(text.range) cropped"
        while barWidth + tail.count > width {
            if barWidth > 6 { barWidth -= 1 } else if tail == full && full != short { tail = short }
            else if barWidth > 3 { barWidth -= 1 }
            else if let cropped, tail != cropped, tail != " cropped" { tail = cropped }
            else if cropped != nil, tail != " cropped" { tail = " cropped" }
            else { break }
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
