/// Every colour a heatmap cell can take, precomputed: each band of the ramp, alone or lightened
/// by one of the grey levels of an underlay picture, with a contrasting ink for overlays, and
/// the background an exact zero shows (the terminal's own, or the picture undimmed).
struct Palette: Sendable {
    /// Grey levels an underlay is quantised to.
    static let greyLevels = 8
    /// How far the brightest picture grey lightens the lowest band towards white; stronger bands
    /// are lightened less, so the picture fades where the weights are strong.
    static let pictureLift = 0.4

    /// The quantised colormap.
    let ramp: ColorRamp
    /// `entries[level · (greyLevels + 1) + grey]`, grey = greyLevels meaning "no underlay".
    private let fill: [CellColor]
    private let ink: [CellColor]
    /// `blank[grey]`: what an exact zero shows over underlay grey `grey` (`greyLevels`: none).
    private let blank: [CellColor]
    private let blankInk: [CellColor]
    /// The colour of NaN weights (red).
    let nanColor: CellColor
    /// The query cursor's block and its glyph's ink (white and black; the terminal's own
    /// colours, reversed, without colour).
    let cursorFill: CellColor, cursorInk: CellColor
    /// One colour per drawn route, in order (none without colour: glyphs tell routes apart).
    let routeColors: [CellColor]

    /// Precomputes the palette of `colormap` at `depth`.
    init(colormap: Colormap, levels: Int, depth: ColorDepth) {
        ramp = ColorRamp(colormap: colormap, levels: levels, depth: depth)
        let stride = Palette.greyLevels + 1
        var fill: [CellColor] = [], ink: [CellColor] = []
        fill.reserveCapacity(ramp.levels * stride)
        let black = depth.cellColor(RGB(0, 0, 0)), white = depth.cellColor(RGB(255, 255, 255))
        let whiteRGB = RGB(255, 255, 255)
        for level in 0..<ramp.levels {
            let strength = Double(level) / Double(max(1, ramp.levels - 1))
            for grey in 0..<stride {
                let rgb: RGB
                if grey == Palette.greyLevels {
                    rgb = ramp.rgb[level]
                } else {
                    // The picture lightens the band (keeping its hue, so a weight never looks
                    // like the bare grey of an exact zero), less so under strong weights.
                    let lift = Double(grey) / Double(Palette.greyLevels - 1) * Palette.pictureLift * (1 - strength)
                    rgb = ramp.rgb[level].mixed(with: whiteRGB, lift)
                }
                fill.append(depth.cellColor(rgb))
                ink.append(rgb.luminance > 0.18 ? black : white)
            }
        }
        var blank: [CellColor] = [], blankInk: [CellColor] = []
        for grey in 0..<Palette.greyLevels {
            let rgb = Palette.pictureGrey(grey)
            blank.append(depth.hasColor ? depth.cellColor(rgb) : .terminalDefault)
            blankInk.append(depth.hasColor ? (rgb.luminance > 0.18 ? black : white) : .terminalDefault)
        }
        blank.append(.terminalDefault)
        blankInk.append(.terminalDefault)
        self.fill = fill
        self.ink = ink
        self.blank = blank
        self.blankInk = blankInk
        nanColor = depth.hasColor ? depth.cellColor(RGB(255, 0, 0)) : .terminalDefault
        cursorFill = depth.hasColor ? white : .terminalDefault
        cursorInk = depth.hasColor ? black : .terminalDefault
        // Orange, cyan, magenta, white: far from viridis/magma's hues and from each other.
        routeColors = depth.hasColor
            ? [RGB(255, 150, 0), RGB(0, 220, 255), RGB(255, 60, 200), RGB(255, 255, 255)].map(depth.cellColor) : []
    }

    /// Underlay grey `grey` as drawn: between 20 % and 60 %, so the weights' colours stand out
    /// and the lowest band (dark in most colormaps) still differs from the darkest picture.
    private static func pictureGrey(_ grey: Int) -> RGB {
        let g = UInt8(50 + Double(grey) / Double(Palette.greyLevels - 1) * 100)
        return RGB(g, g, g)
    }

    /// The fill colour of band `level` over underlay grey `grey` (`greyLevels`: none); an exact
    /// zero (`DotLevels.zeroLevel`) is the background: the picture, or the terminal's default.
    @inline(__always)
    func color(level: Int, grey: Int) -> CellColor {
        level == Int(DotLevels.zeroLevel) ? blank[grey] : fill[level * (Palette.greyLevels + 1) + grey]
    }

    /// Black or white, whichever stands out over `color(level:grey:)` (the terminal's default
    /// over a bare background).
    @inline(__always)
    func contrast(level: Int, grey: Int) -> CellColor {
        level == Int(DotLevels.zeroLevel) ? blankInk[grey] : ink[level * (Palette.greyLevels + 1) + grey]
    }
}
