import Testing

/// The capture decoder the colour tests rely on: if it misread tmux's SGR, they would check nothing.
@Suite struct StyledScreenTests {
    @Test func coloursFollowTheSGRSequencesCellByCell() {
        let screen = StyledScreen("\u{1b}[2m┌\u{1b}[0m\u{1b}[38;5;53m\u{1b}[48;5;91m▀\u{1b}[38;5;220m▀\u{1b}[39m▀\u{1b}[0mx\n"
                                  + "\u{1b}[38;5;1;48;5;2mA\u{1b}[1;31;42mB\u{1b}[49mC")
        #expect(screen.rows.count == 2)
        #expect(screen.rows[0].map(\.character) == ["┌", "▀", "▀", "▀", "x"])
        #expect(screen.rows[0][0].foreground == nil && screen.rows[0][0].background == nil)
        #expect(screen.rows[0][1] == .init(character: "▀", foreground: 53, background: 91))
        #expect(screen.rows[0][2] == .init(character: "▀", foreground: 220, background: 91))
        #expect(screen.rows[0][3] == .init(character: "▀", foreground: nil, background: 91))
        #expect(screen.rows[0][4] == .init(character: "x", foreground: nil, background: nil))
        // Several colours in one sequence, the basic colours, a reset of the background only;
        // every line starts from the default.
        #expect(screen.rows[1] == [.init(character: "A", foreground: 1, background: 2),
                                   .init(character: "B", foreground: 1, background: 2),
                                   .init(character: "C", foreground: 1, background: nil)])
    }

    @Test func theFirstBoxInteriorIsTheMapArea() {
        let screen = StyledScreen("┌──┐ │ side\n│ab│ │\n│cd│ │\n└──┘ │")
        #expect(screen.firstBoxInterior.map { String($0.map(\.character)) } == ["ab", "cd"])
        #expect(StyledScreen("no box here").firstBoxInterior.isEmpty)
    }
}
