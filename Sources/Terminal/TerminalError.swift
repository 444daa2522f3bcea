/// Why the explorer cannot run on this terminal, in words that say what to do instead.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (redirected, piped).
    case notATerminal(stream: String)
    /// TERM is unset, `dumb`, unknown, or cannot move the cursor.
    case unsupportedTerminal(term: String?)
    /// The pipe that wakes the loop on a signal could not be made (out of descriptors).
    case noSignalPipe

    /// Where to go instead: the batch renderer works without a terminal.
    static let alternative = "use `attnscope render FILE --mode M --query R,C` for text output"

    /// The message, one line, naming the problem and the alternative.
    public var description: String {
        switch self {
        case let .notATerminal(stream):
            return "the explorer needs an interactive terminal, but \(stream) is not one; \(Self.alternative)"
        case let .unsupportedTerminal(term):
            let name = term.map { "TERM=\($0)" } ?? "TERM is unset, so"
            return "\(name) cannot run the explorer (it needs cursor addressing); \(Self.alternative)"
        case .noSignalPipe:
            return "the explorer could not make its signal pipe (too many open files?); \(Self.alternative)"
        }
    }
}
