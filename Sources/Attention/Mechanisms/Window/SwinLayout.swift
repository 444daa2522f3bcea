/// The query-independent geometry of Swin's (shifted) windows on one map under one variant's
/// rules: the effective window and shift per axis, the padded size, and for every position of
/// the rolled, padded grid the original pixel it holds (or padding) and its mask label.
///
/// The official rules combine the classification code's `min(H, W) <= M` (window min(H, W),
/// no shift) with the detection code's bottom/right zero padding; timm and torchvision follow
/// their libraries (`SwinVariant`).
struct SwinLayout: Sendable {
    /// The rules applied.
    let variant: SwinVariant
    /// The window actually used along rows and columns.
    let windowRows: Int, windowCols: Int
    /// The shift actually used along rows and columns.
    let shiftRows: Int, shiftCols: Int
    /// The map's height H and width W.
    let height: Int, width: Int
    /// The roll from the map onto the rolled, padded grid (Hp×Wp, multiples of the window).
    let roll: SwinRoll
    /// Whether the rules changed the user's window (shrank it on some axis).
    let windowShrank: Bool
    /// Whether the rules dropped the user's shift on some axis.
    let shiftDropped: Bool
    /// For each rolled position `r·Wp + c`: the original pixel index, or −1 for a padding token.
    let source: [Int32]
    /// For each rolled position: its mask region label `3·band_row + band_col` (band 0 on an
    /// axis without shift).
    let label: [UInt8]

    /// The padded height Hp.
    var paddedHeight: Int { roll.paddedHeight }
    /// The padded width Wp.
    var paddedWidth: Int { roll.paddedWidth }
    /// Whether padding was added.
    var isPadded: Bool { paddedHeight != height || paddedWidth != width }
    /// Whether the window is the same along both axes.
    var isSquare: Bool { windowRows == windowCols }
    /// The keys of one window.
    var area: Int { windowRows * windowCols }

    /// The effective window and shift per axis of an H×W map under `variant`, without laying it
    /// out (captions ask this of any settings and sizes, so nothing here allocates or overflows).
    static func effective(height: Int, width: Int, window m: Int, shift s: Int, variant: SwinVariant)
        -> (windowRows: Int, windowCols: Int, shiftRows: Int, shiftCols: Int) {
        switch variant {
        case .official:
            let side = Swift.min(height, width)
            return side <= m ? (side, side, 0, 0) : (m, m, s, s)
        case .timm:
            return (height <= m ? height : m, width <= m ? width : m, height <= m ? 0 : s, width <= m ? 0 : s)
        case .torchvision:
            // A padded length ≤ M is one window: the axis itself is no longer than M.
            return (m, m, height <= m ? 0 : s, width <= m ? 0 : s)
        }
    }

    /// Lays out an H×W map for window M and shift s (validated by the caller) under `variant`.
    init(height: Int, width: Int, requestedWindow m: Int, requestedShift s: Int, variant: SwinVariant = .official) {
        self.variant = variant
        self.height = height
        self.width = width
        func padded(_ length: Int, _ window: Int) -> Int { (length + window - 1) / window * window }
        let e = SwinLayout.effective(height: height, width: width, window: m, shift: s, variant: variant)
        let window = (rows: e.windowRows, cols: e.windowCols), shift = (rows: e.shiftRows, cols: e.shiftCols)
        (windowRows, windowCols, shiftRows, shiftCols) = (window.rows, window.cols, shift.rows, shift.cols)
        windowShrank = window.rows != m || window.cols != m
        shiftDropped = shift.rows != s || shift.cols != s
        let hp = padded(height, window.rows), wp = padded(width, window.cols)
        roll = SwinRoll(height: height, width: width, paddedHeight: hp, paddedWidth: wp,
                        shiftRows: shift.rows, shiftCols: shift.cols, rollsBeforePadding: variant == .timm)
        var source = [Int32](repeating: -1, count: hp * wp)
        var label = [UInt8](repeating: 0, count: hp * wp)
        for r in 0..<hp {
            let bandRow = SwinLayout.band(r, length: hp, window: window.rows, shift: shift.rows)
            for c in 0..<wp {
                if let p = roll.original(of: Position(row: r, col: c)) { source[r * wp + c] = Int32(p.row * width + p.col) }
                label[r * wp + c] = UInt8(3 * bandRow + SwinLayout.band(c, length: wp, window: window.cols, shift: shift.cols))
            }
        }
        self.source = source
        self.label = label
    }

    /// The band of coordinate `i` along an axis of padded `length`: [0, L−M) → 0, [L−M, L−s) → 1,
    /// [L−s, L) → 2. Without a shift on the axis every coordinate is in band 0: the libraries'
    /// slice `[-0:]` then covers the whole axis, so the axis takes part in no mask.
    static func band(_ i: Int, length: Int, window: Int, shift: Int) -> Int {
        guard shift > 0 else { return 0 }
        if i < length - window { return 0 }
        if i < length - shift { return 1 }
        return 2
    }

    /// The half-open extent of band `b` along rows (`alongRows`) or columns.
    func bandExtent(_ b: Int, alongRows: Bool) -> Range<Int> {
        let length = alongRows ? paddedHeight : paddedWidth
        let window = alongRows ? windowRows : windowCols, shift = alongRows ? shiftRows : shiftCols
        guard shift > 0 else { return b == 0 ? 0..<length : 0..<0 }
        switch b {
        case 0: return 0..<(length - window)
        case 1: return (length - window)..<(length - shift)
        default: return (length - shift)..<length
        }
    }

    /// Where original pixel (row, col) sits in the rolled, padded grid.
    func rolled(_ row: Int, _ col: Int) -> (row: Int, col: Int) {
        let p = roll.rolled(of: Position(row: row, col: col))
        return (p.row, p.col)
    }

    /// "7×7" or "5×7": the effective window in words.
    var windowText: String { "\(windowRows)×\(windowCols)" }
}
