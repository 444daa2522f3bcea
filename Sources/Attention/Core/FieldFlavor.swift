/// A named departure of one field from its mode's plain formula or rules, e.g. Swin V2's cosine
/// attention or timm's window rules: a short name for titles and status lines, and one sentence
/// for captions saying what changed.
public struct FieldFlavor: Hashable, Sendable {
    /// The short name ("Swin V2 · cosine", "timm rules").
    public var name: String
    /// What changed, in plain words (ASCII-friendly, one sentence).
    public var explanation: String

    /// Creates a flavor.
    public init(name: String, explanation: String) {
        self.name = name
        self.explanation = explanation
    }
}
