/// Everything that can go wrong computing an attention field, in words a user can act on.
public enum AttentionError: Error, Equatable, CustomStringConvertible {
    /// The query is not on the map.
    case queryOutsideMap(query: Position, height: Int, width: Int)
    /// A setting is out of range (an even kernel, a shift outside the window, …).
    case invalidSetting(String)
    /// A loaded tensor does not fit: `source` names the file or option, `problem` what is wrong.
    case tensorShape(source: String, problem: String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case let .queryOutsideMap(q, h, w):
            return "query \(q.row),\(q.col) is outside the \(h)×\(w) map (rows 0…\(h - 1), columns 0…\(w - 1))"
        case let .invalidSetting(message):
            return message
        case let .tensorShape(source, problem):
            return "\(source): \(problem)"
        }
    }
}
