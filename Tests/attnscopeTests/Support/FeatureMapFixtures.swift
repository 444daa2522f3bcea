import Foundation

/// The feature-map fixtures of the FeatureMaps tests (written by their make_fixtures.py).
enum FeatureMapFixtures {
    /// The absolute path of `relative` inside Tests/FeatureMapsTests/Fixtures.
    static func path(_ relative: String) -> String {
        AttnscopeBinary.packageRoot.appendingPathComponent("Tests/FeatureMapsTests/Fixtures/\(relative)").path
    }
}

extension BinaryRun {
    /// stdout as text.
    var standardOutput: String { String(decoding: stdout, as: UTF8.self) }
}
