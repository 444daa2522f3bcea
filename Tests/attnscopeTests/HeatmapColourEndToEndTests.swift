import Foundation
import Testing

/// The heatmap's colours as the terminal receives them, read back cell by cell from
/// `capture-pane -e`: every map cell coloured (none left blank), the colours those of the
/// colormap's palette bands, and at most 15 bands on the legacy curses API (256 pairs).
///
/// `.ci/run` runs this suite a second time against the legacy-curses build
/// (`ATTNSCOPE_LEGACY_CURSES=1`, the path macOS's system curses takes; docs/terminal.md).
@Suite("Heatmap colours (tmux)", .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct HeatmapColourEndToEndTests {
    /// Whether the binary under test was built with the legacy-curses switch.
    static let legacyCurses = ProcessInfo.processInfo.environment["ATTNSCOPE_LEGACY_CURSES"] == "1"

    /// The xterm-256 greys: the cube's diagonal (16, 59, 102, 145, 188, 231) and the ramp 232…255.
    static let xtermGreys: Set<Int> = Set([16, 59, 102, 145, 188, 231]).union(232...255)

    /// Captures the first complete frame showing `status` and decodes its map area.
    static func mapArea(_ session: TmuxSession, status: String) throws -> [[StyledScreen.Cell]] {
        try session.waitUntil("the frame with \(status)") { $0.contains(status) && !$0.contains("reparing") }
        let area = StyledScreen(session.capture(escapes: true)).firstBoxInterior
        try #require(area.count > 4 && (area.first?.count ?? 0) > 4, "no map box in the capture")
        return area
    }

    /// Checks that every cell of `area` has both colours set, except the query marker's.
    static func expectNoBlankCells(_ area: [[StyledScreen.Cell]]) {
        let blank = area.joined().filter { $0.character != "◎" && ($0.foreground == nil || $0.background == nil) }
        #expect(blank.isEmpty, "\(blank.count) map cells drawn without colour, e.g. \(blank.prefix(3))")
    }

    @Test func viridisCellsAreAllColouredFromTheLowestToTheTopBand() throws {
        let session = try startExplorer(width: 80, height: 24)
        let area = try Self.mapArea(session, status: "global q=12,16")
        Self.expectNoBlankCells(area)
        let colours = Set(area.joined().flatMap { [$0.foreground, $0.background] }.compactMap { $0 })
        // viridis runs from #440154 to #fde725; their nearest xterm-256 entries are 53 (#5f005f)
        // and 220 (#ffd700). The far positions carry the lowest band, the query's object the top one.
        #expect(colours.contains(53), "no cell in viridis's lowest band: \(colours.sorted())")
        #expect(colours.contains(220), "no cell in viridis's top band: \(colours.sorted())")
        #expect(colours.allSatisfy { (16...255).contains($0) }, "a cell fell back to a system colour: \(colours.sorted())")
        try quitCleanly(session)
    }

    @Test func grayBandsAreXtermGreysAndAtMostFifteenOnLegacyCurses() throws {
        // 32 levels on a log scale spread the gradient scene's weights over every band.
        let session = try startExplorer(width: 120, height: 40, file: "scene:gradient",
                                        arguments: ["--colormap", "gray", "--levels", "32", "--scale-mode", "log"])
        let area = try Self.mapArea(session, status: "global q=14,20")
        Self.expectNoBlankCells(area)
        let cells = area.joined().filter { $0.character != "◎" }
        let colours = Set(cells.flatMap { [$0.foreground, $0.background] }.compactMap { $0 })
        #expect(colours.isSubset(of: Self.xtermGreys), "non-grey colours in a gray map: \(colours.subtracting(Self.xtermGreys).sorted())")
        if Self.legacyCurses {
            // 15 bands: their (top, bottom) pairs, 225 at most, fit in 256 with the frame's others.
            #expect((10...15).contains(colours.count), "\(colours.count) grey bands on the legacy API: \(colours.sorted())")
        } else {
            #expect(colours.count > 15, "only \(colours.count) grey bands with extended pairs: \(colours.sorted())")
        }
        try quitCleanly(session)
    }

    @Test func everyColormapStaysFullyColouredAfterSwitching() throws {
        // Cycling the colormap needs a new set of pairs each time: on 256 pairs they run out and
        // are handed out again; no cell may be left in the default colours by that.
        let session = try startExplorer(width: 120, height: 40, file: "scene:gradient",
                                        arguments: ["--levels", "32", "--scale-mode", "log"])
        _ = try Self.mapArea(session, status: "global q=14,20")
        for step in 1...5 {
            try session.send("C", "l")  // the move comes after the switch: its frame has the new colormap
            let area = try Self.mapArea(session, status: "global q=14,\(20 + step)")
            Self.expectNoBlankCells(area)
        }
        try quitCleanly(session)
    }
}
