/// A reader's complaint about a file, before it is tied to the file's name.
struct ReadProblem: Error {
    /// What is wrong, in words a user can act on (the path is added by the caller).
    var message: String

    /// Creates a problem from its message.
    init(_ message: String) { self.message = message }

    /// The error naming `path`.
    func error(for path: String) -> FeatureMapError {
        .invalidFile(path: path, problem: message)
    }
}
