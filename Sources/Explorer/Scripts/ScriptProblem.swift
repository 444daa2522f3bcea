/// A problem with one script line, in words (the caller adds file and line).
public struct ScriptProblem: Error, Hashable, Sendable {
    /// What is wrong.
    public var message: String

    /// Creates a problem.
    public init(_ message: String) { self.message = message }
}
