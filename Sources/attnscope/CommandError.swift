/// A failure the command reports as one line on stderr before exiting non-zero.
struct CommandError: Error, CustomStringConvertible {
    /// The message, naming what is wrong.
    let description: String

    /// Creates an error with `message`.
    init(_ message: String) { description = message }
}
