import Foundation
@testable import Explorer
import FeatureMaps

/// A shipped tour (`demos/NAME.tour`) with every map its steps open, loaded once, as the tour
/// tests read them.
struct ShippedTour {
    let script: TourScript
    /// The tour's own map (`map` line, else the default scene).
    let main: FeatureMap
    /// The main map's spec.
    let mainSpec: String
    /// Every map by spec, the main one included.
    let maps: [String: FeatureMap]
    /// What `TourScript.state(at:from:maps:)` needs to know of the steps' maps.
    let facts: [String: TourScript.MapFacts]

    init(_ name: String) throws {
        script = try TourScript.load(TourPictureTests.root.appendingPathComponent("demos/\(name).tour").path)
        mainSpec = script.map ?? "scene:default"
        var maps: [String: FeatureMap] = [mainSpec: try FeatureMapLoader.load(mainSpec)]
        var facts: [String: TourScript.MapFacts] = [:]
        for spec in script.stepMaps {
            let map = try FeatureMapLoader.load(spec)
            maps[spec] = map
            facts[spec] = TourScript.MapFacts(spec: spec, name: map.name, height: map.height, width: map.width,
                                              isLoaded: map.isLoaded)
        }
        main = maps[mainSpec]!
        self.maps = maps
        self.facts = facts
    }
}
