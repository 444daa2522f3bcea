import Testing
@testable import Explorer

/// The status line's short numbers.
@Suite struct HumanUnitsTests {
    @Test func significantNeverRoundsASmallValueToZero() {
        #expect(HumanUnits.significant(0.0021) == "0.0021")
        #expect(HumanUnits.significant(1.3e-7) == "1.3e-07")
        #expect(HumanUnits.significant(0) == "0")
        #expect(HumanUnits.significant(1.0000001) == "1")
        #expect(HumanUnits.significant(5.484) == "5.48")
        #expect(HumanUnits.significant(0.25) == "0.25")
    }

    @Test func countsTakeSuffixes() {
        #expect(HumanUnits.count(6432) == "6.43k")
        #expect(HumanUnits.count(7.2e6) == "7.2M")
    }
}

/// The status line keeps its numbers on 80 columns.
@Suite struct StatusLabelTests {
    @Test func longStepLabelsAreShortenedAtAWord() {
        #expect(FrameText.statusLabel("composed") == "composed")
        #expect(FrameText.statusLabel("through (8,20)") == "through (8,20)")
        #expect(FrameText.statusLabel("with residual paths (normalised)") == "with residual…")
        #expect(FrameText.statusLabel("abcdefghijklmnopqrstuvwxyz").count == 14)
    }
}
