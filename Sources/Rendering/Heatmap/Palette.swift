/// Every colour a heatmap cell can take, precomputed: each band of the ramp, alone or blended
/// over one of the grey levels of an underlay picture, with a contrasting ink for overlays.
struct Palette: Sendable {
    /// Grey levels an underlay is quantised to.
    static let greyLevels = 8

    /// The quantised colormap.
    let ramp: ColorRamp
    /// `entries[level · (greyLevels + 1) + grey]`, grey = greyLevels meaning "no underlay".
    private let fill: [CellColor]
    private let ink: [CellColor]
    /// The colour of NaN weights (red).
    let nanColor: CellColor

    /// Precomputes the palette of `colormap` at `depth`.
    init(colormap: Colormap, levels: Int, depth: ColorDepth) {
        ramp = ColorRamp(colormap: colormap, levels: levels, depth: depth)
        let stride = Palette.greyLevels + 1
        var fill: [CellColor] = [], ink: [CellColor] = []
        fill.reserveCapacity(ramp.levels * stride)
        let black = depth.cellColor(RGB(0, 0, 0)), white = depth.cellColor(RGB(255, 255, 255))
        for level in 0..<ramp.levels {
            let alpha = Double(level) / Double(ramp.levels - 1)
            for grey in 0..<stride {
                let rgb: RGB
                if grey == Palette.greyLevels {
                    rgb = ramp.rgb[level]
                } else {
                    // The picture, dimmed to at most 55 % grey, shows where weights are faint.
                    let g = UInt8(Double(grey) / Double(Palette.greyLevels - 1) * 140)
                    rgb = RGB(g, g, g).mixed(with: ramp.rgb[level], alpha)
                }
                fill.append(depth.cellColor(rgb))
                ink.append(rgb.luminance > 0.18 ? black : white)
            }
        }
        self.fill = fill
        self.ink = ink
        nanColor = depth.hasColor ? depth.cellColor(RGB(255, 0, 0)) : .terminalDefault
    }

    /// The fill colour of band `level` over underlay grey `grey` (`greyLevels`: none).
    @inline(__always)
    func color(level: Int, grey: Int) -> CellColor { fill[level * (Palette.greyLevels + 1) + grey] }

    /// Black or white, whichever stands out over `color(level:grey:)`.
    @inline(__always)
    func contrast(level: Int, grey: Int) -> CellColor { ink[level * (Palette.greyLevels + 1) + grey] }
}
