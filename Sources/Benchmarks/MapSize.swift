/// A benchmark map size, C×H×W.
public struct MapSize: Hashable, Sendable, CustomStringConvertible {
    /// Channels C.
    public var channels: Int
    /// Rows H.
    public var height: Int
    /// Columns W.
    public var width: Int

    /// A size; every dimension must be positive.
    public init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// The default sweep: 64×64×64, 64×128×128, 64×256×256.
    public static let defaults = [
        MapSize(channels: 64, height: 64, width: 64),
        MapSize(channels: 64, height: 128, width: 128),
        MapSize(channels: 64, height: 256, width: 256),
    ]

    /// The largest map the benchmark accepts (1 GiB of Float).
    public static let maximumElements = 1 << 28

    /// Parses `CxHxW` (also `C×H×W`); nil when malformed, not positive, or over `maximumElements`.
    public init?(parsing text: String) {
        let parts = text.lowercased().split(whereSeparator: { $0 == "x" || $0 == "×" }).map { Int($0) }
        guard parts.count == 3, let c = parts[0], let h = parts[1], let w = parts[2], c > 0, h > 0, w > 0 else {
            return nil
        }
        let (hw, o1) = h.multipliedReportingOverflow(by: w)
        let (chw, o2) = hw.multipliedReportingOverflow(by: c)
        guard !o1, !o2, chw <= MapSize.maximumElements else { return nil }
        self.init(channels: c, height: h, width: w)
    }

    /// `C×H×W` elements.
    public var elementCount: Int { channels * height * width }

    /// The map's bytes in MiB (Float).
    public var mebibytes: Double { Double(elementCount * 4) / 1_048_576 }

    /// `CxHxW`, as `--size` takes it.
    public var description: String { "\(channels)x\(height)x\(width)" }
}
