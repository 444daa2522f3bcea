/// What a mechanism is, as the rest of the program needs to know it without asking which one.
public struct MechanismTraits: OptionSet, Hashable, Sendable {
    /// The raw bits.
    public let rawValue: Int
    /// Creates traits from raw bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Its weights come from a softmax (one NaN logit makes the whole map NaN).
    public static let softmax = MechanismTraits(rawValue: 1 << 0)
    /// `AttentionSettings.layers` > 1 stacks identical layers of it (`StackedLayers`).
    public static let stackable = MechanismTraits(rawValue: 1 << 1)
    /// It lists the routes by which a target reaches the query (`RouteTracing`).
    public static let routes = MechanismTraits(rawValue: 1 << 2)
    /// It reads one head of a multi-head projection file (`AttentionSettings.head`).
    public static let heads = MechanismTraits(rawValue: 1 << 3)
    /// It reads the map at fractional sample points (`AttentionField.samples`).
    public static let samples = MechanismTraits(rawValue: 1 << 4)
    /// Part of its mass can fall outside the image (`AttentionField.offImage`).
    public static let offImage = MechanismTraits(rawValue: 1 << 5)
}

/// The explanatory views a mechanism offers with given settings, beyond its plain map.
public struct TeachingViews: OptionSet, Hashable, Sendable {
    /// The raw bits.
    public let rawValue: Int
    /// Creates views from raw bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Routes from a target to the query (`RouteTracing`).
    public static let routes = TeachingViews(rawValue: 1 << 0)
    /// What flows through an intermediate position on the query's cross (`IntermediateTracing`).
    public static let intermediate = TeachingViews(rawValue: 1 << 1)
    /// The map with the residual paths put back (`ResidualTracing`).
    public static let residual = TeachingViews(rawValue: 1 << 2)
    /// Two drawings of one field: original coordinates and a rearranged grid (Swin's rolled one).
    public static let rearranged = TeachingViews(rawValue: 1 << 3)
}

/// A tensor loaded from a file that a mechanism may read.
public enum AttentionInput: String, Hashable, Sendable, CaseIterable {
    /// `AttentionInputs.projections`.
    case projections
    /// `AttentionInputs.relativeBias`.
    case relativeBias
    /// `AttentionInputs.axialTables`.
    case axialTables
    /// `AttentionInputs.offsets`.
    case offsets
    /// `AttentionInputs.modulation`.
    case modulation
    /// `AttentionInputs.positions`.
    case positions
    /// `AttentionInputs.kernels`.
    case kernels
    /// `AttentionInputs.prefix`.
    case prefix
    /// `AttentionInputs.attention`.
    case attention

    /// What the tensor is, in words for a message.
    public var words: String {
        switch self {
        case .projections: return "the projection file"
        case .relativeBias: return "the relative position bias file"
        case .axialTables: return "the position tables file"
        case .offsets: return "the offsets file"
        case .modulation: return "the modulation mask file"
        case .positions: return "the sampling positions file"
        case .kernels: return "the kernels file"
        case .prefix: return "the prefix tokens file"
        case .attention: return "the attention file"
        }
    }
}

/// The map's size, which bounds some knobs (a window larger than the map changes nothing).
public struct MapDimensions: Hashable, Sendable {
    /// Rows.
    public var height: Int
    /// Columns.
    public var width: Int

    /// Creates a size.
    public init(height: Int, width: Int) {
        self.height = height
        self.width = width
    }
}
