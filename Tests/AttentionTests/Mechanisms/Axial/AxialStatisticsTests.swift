import Testing
@testable import Attention
import FeatureMaps

/// The composed axial map's statistics, taken from per-column sums, against the full computation.
@Suite struct AxialStatisticsTests {
    @Test(arguments: [(37, 21, UInt64(1)), (19, 40, 2), (64, 64, 3), (5, 4, 4)] as [(Int, Int, UInt64)])
    func composedStatisticsMatchTheFullComputation(height: Int, width: Int, seed: UInt64) throws {
        let map = CrissCrossAttentionTests.map(channels: 8, height: height, width: width, seed: seed)
        var inputs = AttentionInputs()
        if seed == 2 {
            let s = 2 * Swift.max(height, width) - 1
            inputs = AxialAttentionTests.tables(["rq": [8, s], "rk": [8, s], "rv": [8, s]])
        }
        var settings = AttentionSettings()
        settings.temperature = seed == 3 ? 0.05 : 1  // a peaked map too
        let ax = try AxialAttention(map: map, settings: settings, inputs: inputs)
        for u in [Position(row: 0, col: 0), Position(row: height / 2, col: width - 1), Position(row: height - 1, col: 1),
                  Position(row: height / 2, col: 2)] {
            let f = try ax.field(at: u)
            let full = FieldStatistics(weights: f.weights, keysAttended: f.statistics.keysAttended, cost: f.statistics.cost)
            FieldStatisticsShortcutTests.expectClose(f.statistics, full)
        }
    }

    @Test func tiedMaximaReportTheFirstInRowMajorOrder() throws {
        // A constant map: every composed weight is 1/(H·W), the first is the argmax.
        let map = FeatureMap(channels: 2, height: 6, width: 18, data: [Float](repeating: 0.5, count: 2 * 6 * 18),
                             name: "t", origin: .synthesized(scene: "test"))
        let f = try AxialAttention(map: map, settings: AttentionSettings(), inputs: AttentionInputs())
            .field(at: Position(row: 3, col: 9))
        #expect(f.statistics.argmax == 0)
        let full = FieldStatistics(weights: f.weights, keysAttended: f.statistics.keysAttended, cost: f.statistics.cost)
        FieldStatisticsShortcutTests.expectClose(f.statistics, full)
    }
}
