/// A colormap quantised to a fixed number of bands, with every band's colour precomputed for
/// one colour depth.
///
/// Quantising keeps ncurses colour pairs bounded (a half-block heatmap of N bands needs at most
/// N² pairs) and makes a frame a table lookup per cell. The nearest palette entry of each band is
/// found once, here, not per cell.
public struct ColorRamp: Sendable, Equatable {
    /// The largest number of bands a ramp may have.
    public static let maximumLevels = 32

    /// The colormap quantised.
    public let colormap: Colormap
    /// The colour depth the cell colours are for.
    public let depth: ColorDepth
    /// The number of bands (2…32).
    public let levels: Int
    /// The exact colour at the centre of each band.
    public let rgb: [RGB]
    /// The colour of each band at `depth`.
    public let cells: [CellColor]
    /// A colour that stands out over each band (black or white), for overlays and numbers.
    public let contrast: [CellColor]
    /// Whether each band is light (luminance above middle grey), so overlays pick dark ink.
    public let isLight: [Bool]

    /// Precomputes the `levels` bands of `colormap` at `depth` (levels clamped to 2…32).
    public init(colormap: Colormap, levels: Int, depth: ColorDepth) {
        let n = max(2, min(ColorRamp.maximumLevels, levels))
        self.colormap = colormap
        self.depth = depth
        self.levels = n
        var rgb: [RGB] = []
        for i in 0..<n { rgb.append(colormap.color(at: Double(i) / Double(n - 1))) }
        self.rgb = rgb
        cells = rgb.map { depth.cellColor($0) }
        isLight = rgb.map { $0.luminance > 0.18 }
        let black = depth.cellColor(RGB(0, 0, 0)), white = depth.cellColor(RGB(255, 255, 255))
        contrast = isLight.map { $0 ? black : white }
    }

    /// The band of a value already mapped to [0, 1] (NaN is the caller's business).
    @inlinable
    public func level(of unit: Float) -> Int {
        let l = Int(unit * Float(levels))
        return l < 0 ? 0 : (l >= levels ? levels - 1 : l)
    }
}
