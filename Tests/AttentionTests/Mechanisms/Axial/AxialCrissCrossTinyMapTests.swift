import Testing
@testable import Attention
import FeatureMaps

/// Edge sizes shared by the axial and criss-cross mechanisms.
@Suite struct AxialCrissCrossTinyMapTests {
    @Test func singlePixelMapsPutAllMassOnThePixel() throws {
        let m = CrissCrossAttentionTests.map(height: 1, width: 1)
        for mode in [Mode.axial, .crissCross] {
            for passes in [1, 2] {
                var s = AttentionSettings()
                s.passes = passes
                let f = try AttentionEngine(map: m).field(mode, at: Position(row: 0, col: 0), settings: s)
                #expect(f.weights == [1], "\(mode) \(passes)")
            }
        }
        let cc = try CrissCrossAttentionTests.make(m, passes: 3)
        #expect(try cc.field(at: Position(row: 0, col: 0)).weights == [1])
        #expect(try cc.residualField(at: Position(row: 0, col: 0)).weights == [1])
    }

    @Test func passesLimitNamesTheMemory() throws {
        let m = CrissCrossAttentionTests.map(channels: 1, height: 200, width: 200)
        do {
            _ = try CrissCrossAttentionTests.make(m, passes: 5)
            Issue.record("expected an error")
        } catch let e as AttentionError {
            #expect(e.description.contains("MiB"))
            #expect(e.description.hasPrefix("criss-cross: passes on a 200×200 map would cache"))
            #expect(e.description.hasSuffix("(got 5)"))
        }
        _ = try CrissCrossAttentionTests.make(m, passes: 3)  // 200·200·400 floats: allowed
    }
}
