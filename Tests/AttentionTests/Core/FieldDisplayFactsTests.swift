import Testing
@testable import Attention

/// The one-pass display facts equal the two definitions they stand for (`ReachedKeys.count`,
/// `TopKeys.hottest`) on dense maps with zeros, NaN, ties and a dominant query.
@Suite struct FieldDisplayFactsTests {
    @Test(arguments: 0..<6)
    func onePassEqualsTheDefinitions(_ seed: Int) {
        var state = UInt64(seed + 1) &* 0x9E37_79B9_7F4A_7C15
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24)
        }
        let height = 7, width = 9
        let values: [Float] = (0..<(height * width)).map { i in
            let u = next()
            switch seed {
            case 0: return u
            case 1: return u < 0.5 ? 0 : u
            case 2: return u < 0.1 ? .nan : Float(Int(u * 4)) / 4  // ties
            case 3: return i == 3 * width + 4 ? 0.9 : u * 1e-3     // the query dominates
            case 4: return 0
            default: return i == 3 * width + 4 ? 1 : 0             // only the query holds mass
            }
        }
        var field = AttentionField(mode: .global, height: height, width: width, query: Position(row: 3, col: 4),
                                   weights: values, cost: Cost(macsPerQuery: 0, queriesPerLayer: 1, keysPerQuery: height * width),
                                   keysAttended: height * width)
        let reached = ReachedKeys.count(field.storedWeights), hottest = TopKeys.hottest(of: field)
        field.countDisplayFacts()
        #expect(field.displayFacts == FieldDisplayFacts(reachedKeys: reached, hottestOther: hottest))
    }
}
