import Testing
import FeatureMaps

@Suite struct SplitMix64Tests {
    /// The published SplitMix64 sequence for seed 0 (Vigna's splitmix64.c), which the Python
    /// reference scripts reproduce for the synthetic offsets.
    @Test func seedZeroGivesThePublishedSequence() {
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }

    /// Unit draws take the top 53 (Double) or 24 (Float) bits; values from a Python rendering.
    @Test func unitDrawsUseTheTopBits() {
        var random = SplitMix64(seed: 42)
        #expect(random.unitDouble() == 0.7415648787718233)
        #expect(random.unitFloat() == 0.1599103808403015)
    }

    @Test func integersStayBelowTheBound() {
        var random = SplitMix64(seed: 7)
        for bound in 1...40 { #expect((0..<bound).contains(random.integer(below: bound))) }
    }
}
