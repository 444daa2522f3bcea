/// What can go wrong reading a tour or session file, with the file and line to fix.
public enum ExplorerError: Error, Equatable, CustomStringConvertible {
    /// Line `line` of `file` cannot be used: `problem` says why.
    case badLine(file: String, line: Int, problem: String)
    /// The file as a whole is unusable (unreadable, empty, no steps).
    case badFile(file: String, problem: String)

    /// `file:line: problem` or `file: problem`, on one line: control characters quoted from the
    /// file (escape sequences, line breaks) are shown as `\u{1B}`, and very long text is cut.
    public var description: String {
        let text: String
        switch self {
        case let .badLine(file, line, problem): text = "\(file):\(line): \(problem)"
        case let .badFile(file, problem): text = "\(file): \(problem)"
        }
        var shown = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                shown += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown.count > 400 ? String(shown.prefix(399)) + "…" : shown
    }
}
