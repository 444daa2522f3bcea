import Foundation
import Testing
@testable import FeatureMaps

/// The built-in scenes are deterministic, documented, and make the mechanisms differ.
@Suite struct ScenesTests {
    @Test(arguments: Scenes.names)
    func everySceneIsDeterministicAndDocumented(_ name: String) throws {
        let a = try Scenes.make(name), b = try Scenes.make(name)
        #expect(a.data == b.data)
        #expect(a.name == "scene:\(name)" && a.origin == .synthesized(scene: name))
        #expect(Scenes.summary(of: name) != nil)
        let image = try #require(a.image)
        #expect(image.count == a.height * a.width)
        #expect(image.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(a.statistics.finiteCount == a.data.count)
    }

    @Test func defaultSceneFitsATerminal() throws {
        let map = try Scenes.make("default")
        #expect(map.height == 28 && map.width == 40 && map.channels == 24)
        #expect(Scenes.names.first == "default")
        #expect(try FeatureMapLoader.load("scene:tiny").height == 9)
    }

    /// Global attention (q = k = x, 1/√C) of one query, computed directly.
    static func globalAttention(_ map: FeatureMap, row: Int, col: Int) -> [Double] {
        let plane = map.height * map.width, u = row * map.width + col
        var logits = [Double](repeating: 0, count: plane)
        for c in 0 ..< map.channels {
            let q = Double(map.data[c * plane + u])
            for p in 0 ..< plane { logits[p] += q * Double(map.data[c * plane + p]) }
        }
        let scale = 1 / Double(map.channels).squareRoot()
        let top = logits.max()! * scale
        let e = logits.map { exp($0 * scale - top) }
        let sum = e.reduce(0, +)
        return e.map { $0 / sum }
    }

    @Test func defaultSceneGlobalAttentionFindsFarSameClassObjects() throws {
        let map = try Scenes.make("default")
        // Query the centre of the disc at (6, 6); the other discs are at (21, 31) and (14, 19).
        let weights = Self.globalAttention(map, row: 6, col: 6)
        let peak = weights.max()!
        #expect(peak < 0.2, "softmax nearly one-hot: peak \(peak)")
        #expect(peak > 5.0 / Double(weights.count), "softmax nearly uniform: peak \(peak)")
        // Mass on the far disc, well outside any 7×7 window around the query.
        var far = 0.0
        for row in 18 ... 24 { for col in 28 ... 34 { far += weights[row * map.width + col] } }
        #expect(far > 0.15, "far same-class disc gets \(far)")
        let entropy = -weights.reduce(0) { $0 + ($1 > 0 ? $1 * log($1) : 0) }
        #expect(entropy > 2 && entropy < log(Double(weights.count)) - 1, "entropy \(entropy)")
    }

    @Test func stripesSceneIsPeriodic() throws {
        let map = try Scenes.make("stripes")
        let weights = Self.globalAttention(map, row: 3, col: 4)
        // Same row phase and same column phase (7 rows, 8 columns away) beat a neighbour.
        let lattice = weights[10 * map.width + 12], neighbour = weights[4 * map.width + 5]
        #expect(lattice > 5 * neighbour)
    }

    @Test func gradientSceneAttentionIsABlobAroundTheQuery() throws {
        let map = try Scenes.make("gradient")
        let weights = Self.globalAttention(map, row: 14, col: 20)
        var near = 0.0
        for row in 10 ... 18 { for col in 16 ... 24 { near += weights[row * map.width + col] } }
        #expect(near > 0.5 && near < 0.99, "mass near the query \(near)")
    }
}
