/// The query-independent geometry of Swin's (shifted) windows on one map: the effective window
/// and shift, the padded size, and for every position of the rolled, padded grid the original
/// pixel it holds (or padding) and its mask label.
///
/// Combines the classification code's rule (`min(H, W) <= M` shrinks the window to min(H, W) and
/// drops the shift) with the detection code's bottom/right zero padding to a multiple of M.
struct SwinLayout: Sendable {
    /// The window actually used (M, or min(H, W) under the `<=` rule).
    let window: Int
    /// The shift actually used (0 under the `<=` rule).
    let shift: Int
    /// The map's height H and width W.
    let height: Int, width: Int
    /// The padded height Hp and width Wp (multiples of `window`).
    let paddedHeight: Int, paddedWidth: Int
    /// Whether the `<=` rule changed the user's window or shift.
    let shrank: Bool
    /// For each rolled position `r·Wp + c`: the original pixel index, or −1 for a padding token.
    let source: [Int32]
    /// For each rolled position: its mask region label `3·band_row + band_col` (all 0 without shift).
    let label: [UInt8]

    /// Lays out an H×W map for window `requestedWindow` and shift `requestedShift` (validated by the caller).
    init(height: Int, width: Int, requestedWindow: Int, requestedShift: Int) {
        self.height = height
        self.width = width
        if Swift.min(height, width) <= requestedWindow {
            window = Swift.min(height, width)
            shift = 0
            shrank = window != requestedWindow || requestedShift != 0
        } else {
            window = requestedWindow
            shift = requestedShift
            shrank = false
        }
        paddedHeight = (height + window - 1) / window * window
        paddedWidth = (width + window - 1) / window * window
        let hp = paddedHeight, wp = paddedWidth, s = shift, m = window
        var source = [Int32](repeating: -1, count: hp * wp)
        var label = [UInt8](repeating: 0, count: hp * wp)
        for r in 0..<hp {
            // The rolled map holds original padded row (r + s) mod Hp at row r (torch.roll by −s).
            let y = (r + s) % hp
            let bandRow = SwinLayout.band(r, length: hp, window: m, shift: s)
            for c in 0..<wp {
                let x = (c + s) % wp
                if y < height, x < width { source[r * wp + c] = Int32(y * width + x) }
                label[r * wp + c] = UInt8(3 * bandRow + SwinLayout.band(c, length: wp, window: m, shift: s))
            }
        }
        self.source = source
        self.label = label
    }

    /// The band of coordinate `i` along an axis of `length`: [0, L−M) → 0, [L−M, L−s) → 1, [L−s, L) → 2.
    /// Without a shift every coordinate is in band 0 (Swin builds no mask then).
    static func band(_ i: Int, length: Int, window: Int, shift: Int) -> Int {
        guard shift > 0 else { return 0 }
        if i < length - window { return 0 }
        if i < length - shift { return 1 }
        return 2
    }

    /// The half-open extent of band `b` along an axis of `length`.
    func bandExtent(_ b: Int, length: Int) -> Range<Int> {
        switch b {
        case 0: return 0..<(length - window)
        case 1: return (length - window)..<(length - shift)
        default: return (length - shift)..<length
        }
    }

    /// Where original pixel (row, col) sits in the rolled, padded grid.
    func rolled(_ row: Int, _ col: Int) -> (row: Int, col: Int) {
        ((row - shift + paddedHeight) % paddedHeight, (col - shift + paddedWidth) % paddedWidth)
    }

    /// Whether padding was added.
    var isPadded: Bool { paddedHeight != height || paddedWidth != width }
}
