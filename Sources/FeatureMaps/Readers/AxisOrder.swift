/// Reorders values between memory orders.
enum AxisOrder {
    /// Converts values stored in Fortran (column-major) order to C (row-major) order.
    static func fortranToC(_ values: [Float], shape: [Int]) -> [Float] {
        let rank = shape.count
        guard rank > 1, values.count > 1 else { return values }
        // Fortran stride of axis i is the product of the dimensions before it.
        var strides = [Int](repeating: 1, count: rank)
        for axis in 1 ..< rank { strides[axis] = strides[axis - 1] * shape[axis - 1] }
        let last = rank - 1
        let innerCount = shape[last], innerStride = strides[last]
        return FloatStorage.make(count: values.count) { out in
            values.withUnsafeBufferPointer { source in
                var index = [Int](repeating: 0, count: rank)
                var target = 0
                while target < values.count {
                    var base = 0
                    for axis in 0 ..< last { base += index[axis] * strides[axis] }
                    for inner in 0 ..< innerCount { out[target + inner] = source[base + inner * innerStride] }
                    target += innerCount
                    // Advance the odometer over every axis but the last.
                    var axis = last - 1
                    while axis >= 0 {
                        index[axis] += 1
                        if index[axis] < shape[axis] { break }
                        index[axis] = 0
                        axis -= 1
                    }
                }
            }
            return values.count
        }
    }

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
