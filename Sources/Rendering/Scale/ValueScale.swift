/// How weights map to colour: chosen per view, linear, logarithmic, or linear clipped at a threshold.
public enum ValueScale: Hashable, Sendable {
    /// One of the others, chosen per view from the map's statistics by `AutoScale` (the default).
    case auto
    /// `t = (v − lo) / (hi − lo)`.
    case linear
    /// `t = 1 + log10(v / hi) / decades`: the top `decades` powers of ten below the maximum;
    /// anything fainter is the lowest band.
    case log(decades: Int)
    /// Linear up to `fraction` × max, saturated above: CCNet's trick to show faint context.
    case clipped(fraction: Float)

    /// The default log scale (4 decades).
    public static let log4 = ValueScale.log(decades: 4)
    /// The default clipped scale (saturate above 10 % of the maximum).
    public static let clip10 = ValueScale.clipped(fraction: 0.1)

    /// The scales the explorer's `v` key cycles through, in order.
    public static let cycle: [ValueScale] = [.auto, .linear, .log4, .clip10]

    /// The short name `--scale-mode` accepts: `auto`, `linear`, `log`, `clip`.
    public var name: String {
        switch self {
        case .auto: return "auto"
        case .linear: return "linear"
        case .log: return "log"
        case .clipped: return "clip"
        }
    }

    /// Parses `auto`, `linear`, `log`, `log:N` (N decades), `clip`, or `clip:F` (fraction of the max).
    public init?(argument: String) {
        let parts = argument.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        guard let head = parts.first else { return nil }
        switch head {
        case "auto":
            guard parts.count == 1 else { return nil }
            self = .auto
        case "linear", "lin":
            guard parts.count == 1 else { return nil }
            self = .linear
        case "log":
            if parts.count == 2 {
                guard let d = Int(parts[1]), d >= 1, d <= 12 else { return nil }
                self = .log(decades: d)
            } else { self = .log4 }
        case "clip", "clipped":
            if parts.count == 2 {
                guard let f = Float(parts[1]), f > 0, f <= 1 else { return nil }
                self = .clipped(fraction: f)
            } else { self = .clip10 }
        default: return nil
        }
    }
}
