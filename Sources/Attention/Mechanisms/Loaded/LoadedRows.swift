import FeatureMaps

/// Where each query's row sits in a loaded attention tensor, and which pixel (or prefix token,
/// or padding) each entry of that row is: the layout of the model's own probabilities.
///
/// Two layouts (DESIGN.md "Loaded attention"): the whole sequence, (heads, N, N) or (N, N) with
/// N = P + H·W and the P prefix tokens first; or Swin's windows, (num_windows, heads, Mh·Mw, Mh·Mw)
/// on the rolled, padded grid of `SwinLayout` (the same layout the window mechanism uses).
/// Nothing is copied: rows are read in place from the tensor's values.
struct LoadedRows: Sendable {
    /// How the rows are arranged.
    enum Arrangement: Sendable {
        /// One softmax over the whole sequence: P prefix tokens, then the H·W grid tokens.
        case sequence(prefix: Int)
        /// Swin's windows on `layout`'s rolled, padded grid.
        case windows(SwinLayout)
    }

    /// The arrangement of the rows.
    let arrangement: Arrangement
    /// The heads the tensor holds.
    let heads: Int
    /// The length of one row (N, or Mh·Mw).
    let rowLength: Int
    /// The tensor's values, row-major (shared storage, never copied).
    let values: [Float]
    /// The map's height and width.
    let height: Int, width: Int

    /// Reads the layout of `tensor` for an H×W map; windowed tensors take the window, shift and
    /// variant from `settings`. Throws when the shape fits neither layout on this map.
    init(_ tensor: Tensor, height: Int, width: Int, settings: AttentionSettings) throws {
        var shape = tensor.shape
        while shape.count > 4, shape[0] == 1 { shape.removeFirst() }
        self.height = height
        self.width = width
        values = tensor.values
        let pixels = height * width
        func refuse(_ problem: String) -> AttentionError {
            AttentionError.input(.attention, problem: "has shape \(tensor.shapeDescription); \(problem)")
        }
        switch shape.count {
        case 2, 3:
            let n = shape[shape.count - 1]
            heads = shape.count == 3 ? shape[0] : 1
            guard shape[shape.count - 2] == n else { throw refuse("expected (heads, N, N) or (N, N)") }
            guard n >= pixels else {
                throw refuse("N = \(n) is not P + H·W for the \(height)×\(width) map (N must be at least \(pixels))")
            }
            rowLength = n
            arrangement = .sequence(prefix: n - pixels)
        case 4:
            let layout = SwinLayout(height: height, width: width, requestedWindow: settings.window,
                                    requestedShift: settings.shift, variant: settings.variant ?? .official)
            let windows = (layout.paddedHeight / layout.windowRows) * (layout.paddedWidth / layout.windowCols)
            guard shape[0] == windows, shape[2] == layout.area, shape[3] == layout.area else {
                let rules = (settings.variant ?? .official).rawValue
                throw refuse("window \(settings.window), shift \(settings.shift) (\(rules) rules) on the \(height)×\(width) map "
                    + "makes \(windows) windows of \(layout.windowText) = \(layout.area) tokens, expected (\(windows), heads, \(layout.area), \(layout.area))")
            }
            heads = shape[1]
            rowLength = layout.area
            arrangement = .windows(layout)
        default:
            throw refuse("expected (heads, N, N), (N, N) or windowed (num_windows, heads, M², M²)")
        }
        guard heads > 0, rowLength > 0 else { throw refuse("it is empty") }
    }

    /// The heads of the loaded attention tensor in `inputs` (its layout's head dimension), nil
    /// when none is loaded or its rank fits no layout.
    static func headCount(in inputs: AttentionInputs) -> Int? {
        guard var shape = inputs.attention?.shape else { return nil }
        while shape.count > 4, shape[0] == 1 { shape.removeFirst() }
        switch shape.count {
        case 2: return 1
        case 3: return shape[0]
        case 4: return shape[1]
        default: return nil
        }
    }

    /// P, the prefix tokens before the grid (0 for windows).
    var prefixCount: Int {
        if case let .sequence(prefix) = arrangement { return prefix }
        return 0
    }

    /// Where a row's entries go: pixel index, or −1 off the image (padding), or −2 − i for
    /// prefix token i.
    typealias Destination = Int

    /// The start of grid query `u`'s row for `head`, and where each of its entries goes.
    func row(ofPixel u: Int, head: Int) -> (start: Int, destination: (Int) -> Destination) {
        switch arrangement {
        case let .sequence(prefix):
            let n = rowLength
            return ((head * n + prefix + u) * n, { k in k < prefix ? -2 - k : k - prefix })
        case let .windows(layout):
            let (r, c) = layout.rolled(u / width, u % width)
            let perRow = layout.paddedWidth / layout.windowCols
            let (wr, wc) = (r / layout.windowRows, c / layout.windowCols)
            let window = wr * perRow + wc
            let token = (r % layout.windowRows) * layout.windowCols + c % layout.windowCols
            let start = ((window * heads + head) * rowLength + token) * rowLength
            let (top, left, cols, wp) = (wr * layout.windowRows, wc * layout.windowCols, layout.windowCols, layout.paddedWidth)
            return (start, { k in Int(layout.source[(top + k / cols) * wp + left + k % cols]) })
        }
    }

    /// The start of prefix token `i`'s row for `head` (sequence layout only).
    func row(ofPrefixToken i: Int, head: Int) -> Int {
        (head * rowLength + i) * rowLength
    }
}
