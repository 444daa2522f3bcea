/// How the side panel names a drawn route so the renderer can ink the name in the route's colour:
/// a line starting `route N` (N from 1) is the key to the N-th route overlay of the view.
public enum RouteKey {
    /// The name of route `index` (0-based) as it starts a side-panel line: `route 1`, `route 2`, …
    public static func label(_ index: Int) -> String { "route \(index + 1)" }

    /// The route index a side-panel line names at its start, and the name's length; nil otherwise.
    static func named(in line: String) -> (index: Int, length: Int)? {
        guard line.hasPrefix("route ") else { return nil }
        let digits = line.dropFirst(6).prefix { $0.isNumber }
        guard let n = Int(digits), n >= 1, line.dropFirst(6 + digits.count).first.map({ $0 == " " }) ?? true else { return nil }
        return (n - 1, 6 + digits.count)
    }
}
