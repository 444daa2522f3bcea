/// A `tmux capture-pane -e -p` capture decoded into cells with their 256-colour indices, so that
/// tests can check which palette colours a frame really used, cell by cell.
///
/// tmux re-encodes what the program drew as its own SGR sequences (`ESC[38;5;Nm`, `ESC[48;5;Nm`,
/// `ESC[0m`, `ESC[39m`, `ESC[49m`, attributes); only the colours are kept here.
struct StyledScreen {
    /// One character cell.
    struct Cell: Equatable {
        var character: Character
        /// The foreground's palette index (0…255), nil for the terminal's default.
        var foreground: Int?
        /// The background's palette index, nil for the default.
        var background: Int?
    }

    /// The rows of cells, top to bottom.
    let rows: [[Cell]]

    /// Decodes a capture.
    init(_ capture: String) {
        var rows: [[Cell]] = []
        for line in capture.split(separator: "\n", omittingEmptySubsequences: false) {
            var row: [Cell] = []
            var foreground: Int?, background: Int?  // tmux starts every line from the default
            let characters = Array(line)
            var index = 0
            while index < characters.count {
                let character = characters[index]
                if character == "\u{1b}", index + 1 < characters.count, characters[index + 1] == "[" {
                    var end = index + 2
                    while end < characters.count, !(characters[end].isLetter) { end += 1 }
                    if end < characters.count, characters[end] == "m" {
                        let parameters = String(characters[(index + 2)..<end]).split(separator: ";", omittingEmptySubsequences: false)
                            .map { Int($0) ?? 0 }
                        StyledScreen.apply(parameters, foreground: &foreground, background: &background)
                    }
                    index = end + 1
                    continue
                }
                row.append(Cell(character: character, foreground: foreground, background: background))
                index += 1
            }
            rows.append(row)
        }
        self.rows = rows
    }

    /// Applies one SGR sequence's parameters to the current colours.
    private static func apply(_ parameters: [Int], foreground: inout Int?, background: inout Int?) {
        var i = 0
        while i < parameters.count {
            switch parameters[i] {
            case 0: foreground = nil; background = nil
            case 30...37: foreground = parameters[i] - 30
            case 90...97: foreground = parameters[i] - 90 + 8
            case 39: foreground = nil
            case 40...47: background = parameters[i] - 40
            case 100...107: background = parameters[i] - 100 + 8
            case 49: background = nil
            case 38, 48:
                if i + 2 < parameters.count, parameters[i + 1] == 5 {
                    if parameters[i] == 38 { foreground = parameters[i + 2] } else { background = parameters[i + 2] }
                    i += 2
                }
            default: break
            }
            i += 1
        }
    }

    /// The cells strictly inside the first box drawn from the top-left corner (`┌`…`┘`): the
    /// first view's map area. Empty when there is no such box.
    var firstBoxInterior: [[Cell]] {
        guard let top = rows.first, top.first?.character == "┌",
              let right = top.firstIndex(where: { $0.character == "┐" }),
              let bottom = rows.firstIndex(where: { $0.first?.character == "└" }), bottom > 1, right > 1 else { return [] }
        return rows[1..<bottom].map { row in Array(row[1..<min(right, row.count)]) }
    }
}
