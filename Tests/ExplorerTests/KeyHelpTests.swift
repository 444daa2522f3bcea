import Testing
import Foundation
@testable import Explorer

/// The help overlay's text: legible at every size, and cheap enough to lay out at every frame.
@Suite struct KeyHelpTests {
    @Test func countedLinesMatchTheFormattedOnes() {
        for (i, entry) in KeyHelp.entries.enumerated() {
            for width in 10...120 {
                let formatted = KeyHelp.format([entry], width: width, preferShort: true)
                let keyWidth = entry.keys.count
                #expect(KeyHelp.metrics[i].lines(actionWidth: max(8, width - keyWidth - 2)) == formatted.count,
                        "\(entry.keys) at \(width)")
            }
        }
    }

    @Test func everyLayoutFitsItsBox() {
        for width in stride(from: 20, through: 200, by: 7) {
            for rows in stride(from: 4, through: 60, by: 5) {
                let lines = KeyHelp.lines(width: width, rows: rows)
                #expect(lines.count <= max(rows, 1) || lines.count == KeyHelp.lines(width: width).count, "\(width)×\(rows)")
                #expect(lines.allSatisfy { $0.count <= width }, "\(width)×\(rows): a line is too wide")
                #expect(lines.contains { $0.contains("Ctrl-C") && $0.contains("quit") }, "\(width)×\(rows): quitting is listed")
            }
        }
    }

    @Test func twoColumnsAtEightyByTwentyFourCutNothing() {
        let lines = KeyHelp.lines(width: 76, rows: 20)
        #expect(lines.count <= 20)
        #expect(lines.contains { $0.contains("7 neighborhood") }, "the mode list is whole")
        #expect(!lines.contains { $0.hasSuffix("…") })
    }
}
