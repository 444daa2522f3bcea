/// A grey picture to draw dimmed under the weights (`--image FILE`, or a scene's companion).
///
/// Values are brightness in 0…1, row-major. A loaded picture is scaled so its darkest pixel is 0
/// and its brightest 1 (a display aid, unlike feature maps, which are never rescaled).
public struct GreyPicture: Sendable, Equatable {
    /// The number of rows.
    public var height: Int
    /// The number of columns.
    public var width: Int
    /// Brightness in 0…1: `values[row·width + col]`.
    public var values: [Float]

    /// Creates a picture; `values.count` must be `height·width`.
    public init(height: Int, width: Int, values: [Float]) {
        precondition(height > 0 && width > 0 && values.count == height * width, "picture values do not match its size")
        self.height = height
        self.width = width
        self.values = values
    }

    /// Reads a PGM or PPM file (or any 2-D/3-D tensor file) as a grey picture.
    ///
    /// Colour pixels become luminance (0.299 R + 0.587 G + 0.114 B); the result is stretched to
    /// 0…1 (a flat picture becomes mid-grey). Errors are one `FeatureMapError` line.
    public static func load(_ path: String, layout: Layout = .chw) throws -> GreyPicture {
        let archive = try TensorFiles.read(path)
        let map = try FeatureMap(tensor: archive.tensor(named: nil), path: path,
                                 layout: archive.format == .netpbm ? .chw : layout)
        return GreyPicture(greyOf: map)
    }

    /// The picture of a map's values, as `load` makes it: three channels as luminance (RGB), any
    /// other count as the channel mean, stretched to 0…1.
    public init(greyOf map: FeatureMap) {
        let plane = map.pixelCount
        var grey = [Float](repeating: 0, count: plane)
        if map.channels == 3 {
            for pixel in 0 ..< plane {
                grey[pixel] = 0.299 * map.data[pixel] + 0.587 * map.data[plane + pixel] + 0.114 * map.data[2 * plane + pixel]
            }
        } else {
            // One channel, or a feature map: the mean over channels.
            for channel in 0 ..< map.channels {
                for pixel in 0 ..< plane { grey[pixel] += map.data[channel * plane + pixel] / Float(map.channels) }
            }
        }
        let finite = grey.filter(\.isFinite)
        let low = finite.min() ?? 0, high = finite.max() ?? 0
        let span = high - low
        let values = grey.map { value -> Float in
            guard value.isFinite else { return 0 }
            return span > 0 ? (value - low) / span : 0.5
        }
        self.init(height: map.height, width: map.width, values: values)
    }

    /// The picture resampled to `height`×`width`: each target cell averages the source pixels
    /// whose centres fall inside it, or takes the nearest one when none does (upsampling).
    public func resampled(height targetHeight: Int, width targetWidth: Int) -> GreyPicture {
        guard targetHeight > 0, targetWidth > 0 else { return self }
        if targetHeight == height && targetWidth == width { return self }
        /// The source pixels i whose centres (i + ½)/S lie in target cell [j/T, (j+1)/T), that is
        /// 2jS − T ≤ 2iT < 2(j+1)S − T; or the nearest pixel when there is none.
        func span(_ j: Int, _ target: Int, _ source: Int) -> Range<Int> {
            func ceilDivide(_ a: Int, _ b: Int) -> Int { a >= 0 ? (a + b - 1) / b : -((-a) / b) }
            let lower = ceilDivide(2 * j * source - target, 2 * target)
            let upper = min(ceilDivide(2 * (j + 1) * source - target, 2 * target), source)
            if lower < upper { return max(lower, 0) ..< upper }
            let nearest = min((2 * j + 1) * source / (2 * target), source - 1)
            return nearest ..< nearest + 1
        }
        var out = [Float](repeating: 0, count: targetHeight * targetWidth)
        for row in 0 ..< targetHeight {
            let rows = span(row, targetHeight, height)
            for col in 0 ..< targetWidth {
                let cols = span(col, targetWidth, width)
                var sum: Float = 0
                for r in rows { for c in cols { sum += values[r * width + c] } }
                out[row * targetWidth + col] = sum / Float(rows.count * cols.count)
            }
        }
        return GreyPicture(height: targetHeight, width: targetWidth, values: out)
    }
}

extension FeatureMap {
    /// The map's companion picture (scenes have one), if any.
    public var picture: GreyPicture? {
        guard let image, image.count == pixelCount else { return nil }
        return GreyPicture(height: height, width: width, values: image)
    }
}
