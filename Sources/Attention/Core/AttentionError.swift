/// Everything that can go wrong computing an attention field, in words a user can act on.
public enum AttentionError: Error, Equatable, CustomStringConvertible {
    /// The query is not on the map.
    case queryOutsideMap(query: Position, height: Int, width: Int)
    /// A setting the mechanism cannot use (an even kernel, a shift outside the window, …).
    case setting(SettingError)
    /// A view that does not exist: `step` is outside `0..<count` for `mode`.
    case stepOutOfRange(mode: Mode, step: Int, count: Int)
    /// What the mechanism cannot do on this map or with these tensors, in words.
    case limit(mode: Mode, problem: String)
    /// No mechanism is registered under this name.
    case unknownMode(String)
    /// A tensor of a loaded archive does not fit: `source` names the file, `problem` what is wrong.
    case tensorShape(source: String, problem: String)
    /// A loaded tensor does not fit: `input` says which, `problem` what is wrong.
    case input(AttentionInput, problem: String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case let .queryOutsideMap(q, h, w):
            return "query \(q.row),\(q.col) is outside the \(h)×\(w) map (rows 0…\(h - 1), columns 0…\(w - 1))"
        case let .setting(error):
            return error.message(naming: SettingError.keyword)
        case let .stepOutOfRange(mode, step, count):
            return "\(mode.name): step \(step) is outside 0..<\(count)"
        case let .limit(mode, problem):
            return "\(mode.name): \(problem)"
        case let .unknownMode(name):
            return "'\(name)' is not a mode (\(Mechanisms.names))"
        case let .tensorShape(source, problem):
            return "\(source): \(problem)"
        case let .input(input, problem):
            return "\(input.words): \(problem)"
        }
    }
}
