/// A refused parameter change, with the words the status line shows.
public struct Refusal: Error, Hashable, Sendable {
    /// Why the change was refused.
    public var message: String

    /// Creates a refusal.
    public init(_ message: String) { self.message = message }
}
