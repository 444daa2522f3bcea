/// Summary statistics of a block of values: range and mean over the finite ones, and how many
/// are NaN or infinite (such values load and are reported, never rejected).
public struct ValueStatistics: Sendable, Equatable {
    /// The number of values.
    public var count: Int
    /// The number of finite values (those the range and mean cover).
    public var finiteCount: Int
    /// The number of NaN values.
    public var nanCount: Int
    /// The number of +Inf or −Inf values.
    public var infinityCount: Int
    /// The smallest finite value (NaN when there is none).
    public var minimum: Float
    /// The largest finite value (NaN when there is none).
    public var maximum: Float
    /// The mean of the finite values, accumulated in Double (NaN when there is none).
    public var mean: Double

    /// Computes the statistics of `values`.
    public init<Values: Collection>(_ values: Values) where Values.Element == Float {
        var low = Float.infinity, high = -Float.infinity
        var sum = 0.0, finite = 0, nans = 0, infinities = 0
        for value in values {
            if value.isFinite {
                low = min(low, value)
                high = max(high, value)
                sum += Double(value)
                finite += 1
            } else if value.isNaN {
                nans += 1
            } else {
                infinities += 1
            }
        }
        count = values.count
        finiteCount = finite
        nanCount = nans
        infinityCount = infinities
        minimum = finite > 0 ? low : .nan
        maximum = finite > 0 ? high : .nan
        mean = finite > 0 ? sum / Double(finite) : .nan
    }
}

extension FeatureMap {
    /// The statistics of all values of the map.
    public var statistics: ValueStatistics { ValueStatistics(data) }
}

extension Tensor {
    /// The statistics of all values of the tensor.
    public var statistics: ValueStatistics { ValueStatistics(values) }
}
