/// A C×H×W feature map stored planar (`[C][H·W]`), the layout fast for one-query dot products.
///
/// Channel `c` of pixel `(row, col)` is `data[c·H·W + row·W + col]`: a per-channel loop over
/// `H·W` contiguous values auto-vectorises, which a row-major `[N][C]` dot product does not.
public struct FeatureMap: Sendable {
    /// Where a map came from.
    public enum Origin: Sendable, Equatable {
        /// Read from a file.
        case loaded(path: String)
        /// Synthesized by a built-in scene.
        case synthesized(scene: String)
    }

    /// The number of channels C.
    public let channels: Int
    /// The number of rows H.
    public let height: Int
    /// The number of columns W.
    public let width: Int
    /// The values, planar: `data[c·H·W + row·W + col]`.
    public var data: [Float]
    /// A short name for display (the file name or `scene:NAME`).
    public var name: String
    /// Where the map came from.
    public var origin: Origin
    /// The dtype of the source values (`f4` for scenes).
    public var sourceDType: String
    /// An optional grey picture to draw dimmed under the weights: H·W values in 0…1, row-major
    /// (`image[row·W + col]`). Built-in scenes supply one; loaded files have none.
    public var image: [Float]?

    /// Creates a map from planar values; `data.count` must be `channels·height·width`.
    public init(channels: Int, height: Int, width: Int, data: [Float], name: String,
                origin: Origin, sourceDType: String = "f4") {
        precondition(channels > 0 && height > 0 && width > 0, "feature map dimensions must be positive")
        precondition(data.count == channels * height * width, "feature map data does not match its shape")
        self.channels = channels
        self.height = height
        self.width = width
        self.data = data
        self.name = name
        self.origin = origin
        self.sourceDType = sourceDType
    }

    /// The number of pixels H·W.
    public var pixelCount: Int { height * width }

    /// Whether the map was read from a file (as opposed to synthesized).
    public var isLoaded: Bool {
        if case .loaded = origin { return true }
        return false
    }

    /// The value of channel `c` at `(row, col)`.
    @inlinable
    public func value(channel c: Int, row: Int, col: Int) -> Float {
        data[c * height * width + row * width + col]
    }
}
