import FeatureMaps

extension FeatureMap {
    /// Throws `AttentionError.queryOutsideMap` unless `query` lies on the map.
    func checkQuery(_ query: Position) throws {
        guard query.row >= 0, query.row < height, query.col >= 0, query.col < width else {
            throw AttentionError.queryOutsideMap(query: query, height: height, width: width)
        }
    }
}
