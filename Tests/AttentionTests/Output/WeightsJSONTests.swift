import Foundation
import Testing
@testable import Attention

@Suite struct WeightsJSONTests {
    private func field(_ mode: Mode, weights: [Float], offImage: Double = 0, samples: [Sample] = [],
                       extras: [String: Double] = [:]) -> AttentionField {
        AttentionField(mode: mode, height: 2, width: 2, query: Position(row: 1, col: 0), weights: weights,
                       offImage: offImage, samples: samples, illustrative: mode == .dat,
                       cost: Cost(macsPerQuery: 0, queriesPerLayer: 4, keysPerQuery: 4), keysAttended: 4, extras: extras)
    }

    private func parse(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func nanIsNullAndCounted() throws {
        let doc = try parse(WeightsJSON.encode(field(.global, weights: [.nan, 0.5, .nan, .infinity])))
        let rows = try #require(doc["weights"] as? [[Any]])
        #expect(rows[0][0] is NSNull && rows[1][0] is NSNull && rows[1][1] is NSNull)
        #expect(doc["nanCount"] as? Int == 3)
    }

    @Test func samplesOnlyForSamplingModesAndExtrasAtTopLevel() throws {
        let lesa = try parse(WeightsJSON.encode(field(.lesa, weights: [0.25, 0.25, 0.25, 0.25], extras: ["unary": 0.25])))
        #expect(lesa["samples"] == nil)
        #expect(lesa["unary"] as? Double == 0.25)
        let dat = try parse(WeightsJSON.encode(field(.dat, weights: [0.1, 0.2, 0.3, 0.3], offImage: 0.1,
                                                     samples: [Sample(y: -0.5, x: 1.25, weight: 0.75)])))
        let samples = try #require(dat["samples"] as? [[String: Double]])
        #expect(samples == [["y": -0.5, "x": 1.25, "weight": 0.75]])
        #expect(dat["illustrative"] as? Bool == true)
        #expect(dat["mode"] as? String == "dat" && dat["query"] as? [Int] == [1, 0])
        let empty = try parse(WeightsJSON.encode(field(.dcn, weights: [0, 0, 0, 0])))
        #expect((empty["samples"] as? [Any])?.isEmpty == true)
    }

    @Test func prefixMassesAndAPrefixQuery() throws {
        var grid = field(.global, weights: [0.2, 0.2, 0.2, 0.1])
        #expect(try parse(WeightsJSON.encode(grid))["prefix"] == nil)
        grid.prefix = [0.25, 0.05]
        let withPrefix = try parse(WeightsJSON.encode(grid))
        #expect(withPrefix["prefix"] as? [Double] == [0.25, 0.05])
        #expect(withPrefix["query"] as? [Int] == [1, 0])
        for key in ["mode", "height", "width", "weights", "offImage", "illustrative", "nanCount"] {
            #expect(withPrefix[key] != nil, "\(key) is kept")
        }
        grid.prefixQuery = 1
        #expect(try parse(WeightsJSON.encode(grid))["query"] as? String == "token:1")
    }
}
