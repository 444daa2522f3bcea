/// Reorders channels-last values into planar order (Fortran order is placed as it is decoded:
/// `FortranPlacement`).
enum AxisOrder {
    /// Transposes an H×W×C (channels-last) array into planar C×H×W.
    ///
    /// Works in blocks of pixels so that both the strided reads and the contiguous writes stay
    /// in cache (a plain loop writes with a stride of H·W floats and is several times slower).
    static func hwcToCHW(_ values: [Float], height: Int, width: Int, channels: Int) -> [Float] {
        let pixels = height * width
        let block = 64
        return FloatStorage.make(count: values.count) { out in
            values.withUnsafeBufferPointer { source in
                guard let from = source.baseAddress, let to = out.baseAddress else { return }
                var start = 0
                while start < pixels {
                    let end = min(start + block, pixels)
                    for channel in 0 ..< channels {
                        let row = to + channel * pixels
                        for pixel in start ..< end { row[pixel] = from[pixel * channels + channel] }
                    }
                    start = end
                }
            }
            return values.count
        }
    }
}
