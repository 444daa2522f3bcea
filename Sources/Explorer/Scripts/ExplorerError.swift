/// What can go wrong reading a tour or session file, with the file and line to fix.
public enum ExplorerError: Error, Equatable, CustomStringConvertible {
    /// Line `line` of `file` cannot be used: `problem` says why.
    case badLine(file: String, line: Int, problem: String)
    /// The file as a whole is unusable (unreadable, empty, no steps).
    case badFile(file: String, problem: String)

    /// `file:line: problem` or `file: problem`.
    public var description: String {
        switch self {
        case let .badLine(file, line, problem): return "\(file):\(line): \(problem)"
        case let .badFile(file, problem): return "\(file): \(problem)"
        }
    }
}
