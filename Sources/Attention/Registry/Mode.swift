/// The name of an attention mechanism: what users type (`--mode criss-cross`) and the JSON carries.
///
/// A mode is only a name; everything else about it (title, digit key, knobs, traits, how to
/// make it) is its `MechanismDescriptor` in `Mechanisms`. Each mechanism declares its own
/// mode beside its descriptor (`Mode.global`, `Mode.crissCross`, …), so adding one touches no
/// list here. `allCases` is the registry's order, which is also the order of the digit keys.
///
/// The name is a `StaticString` (a literal in the declaring file), so a mode copies, compares
/// and hashes without reference counting: it keys the engine's caches on every keystroke.
public struct Mode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The name as declared.
    private let spelling: StaticString

    /// A mode called `name`, registered or not (for a descriptor that is being declared).
    public init(declaring name: StaticString) {
        spelling = name
    }

    /// The registered mode called `rawValue`, nil when no mechanism has that name.
    public init?(rawValue: String) {
        guard let descriptor = Mechanisms.descriptor(named: rawValue) else { return nil }
        self = descriptor.mode
    }

    /// The name as typed.
    public var rawValue: String { spelling.description }

    /// The name users type (`--mode criss-cross`) and the JSON carries.
    public var name: String { rawValue }

    /// The name.
    public var description: String { rawValue }

    /// Whether two modes have the same name (the same literal, or equal bytes).
    public static func == (a: Mode, b: Mode) -> Bool {
        a.spelling.withUTF8Buffer { x in b.spelling.withUTF8Buffer { y in x.elementsEqual(y) } }
    }

    /// Hashes the name's bytes.
    public func hash(into hasher: inout Hasher) {
        spelling.withUTF8Buffer { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// The registered mechanisms' modes, in registry (digit-key) order.
    public static var allCases: [Mode] { Mechanisms.all.map(\.mode) }

    /// This mode's descriptor. Every `Mode` made by `init?(rawValue:)` or declared by a
    /// registered descriptor has one.
    public var descriptor: MechanismDescriptor {
        guard let found = Mechanisms.descriptor(for: self) else {
            preconditionFailure("mode '\(rawValue)' has no registered mechanism")
        }
        return found
    }

    /// A human title for panels and captions.
    public var title: String { descriptor.title }

    /// The digit key that selects this mode in the explorer (1 … 9 from registry order); nil
    /// for a mode past the ninth.
    public var digit: Int? { Mechanisms.digit(of: self) }

    /// Decodes a registered mode's name.
    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let mode = Mode(rawValue: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "'\(name)' is not a mode"))
        }
        self = mode
    }

    /// Encodes the name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
