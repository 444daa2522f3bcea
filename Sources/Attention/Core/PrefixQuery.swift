/// The words of the refusals about prefix queries, shared by every mechanism that has them.
enum PrefixQuery {
    /// No prefix tokens were loaded.
    static let noPrefixTokens = "a prefix token query needs prefix tokens (--prefix FILE, P×C)"

    /// Token `token` is not among the `count` loaded.
    static func outOfRange(_ token: Int, count: Int) -> String {
        "prefix token \(token) is out of range: \(count) prefix token\(count == 1 ? "" : "s") loaded (0…\(count - 1))"
    }
}
