import FeatureMaps

/// L identical stacked layers, plainly: layer l's attention matrix has the single-layer
/// reference's map of every pixel m as its row m (and its off-image mass), and the map after l
/// layers is `e_u·A_l ⋯ A_1`, with the mass that left the image at any layer added up.
/// The kinds of layer are the descriptor's (Swin alternates W-MSA and SW-MSA).
/// `settings.step` picks the depth (step + 1 layers; the full map is L).
enum StackedLayersReference {
    static func field(_ mode: Mode, map: FeatureMap, query: Position, settings: AttentionSettings,
                      inputs: AttentionInputs) throws -> ReferenceField {
        let layers = settings.layers ?? 1
        let depth = (settings.step ?? layers - 1) + 1
        var single = settings
        single.layers = nil
        single.step = nil
        // One matrix per kind of layer, repeating in order (Swin alternates W-MSA and SW-MSA):
        // the kinds are the descriptor's, which says which settings each layer has.
        guard let descriptor = Mechanisms.descriptor(for: mode) else { throw AttentionError.unknownMode(mode.rawValue) }
        let kinds = descriptor.layerKinds(single, MapDimensions(height: map.height, width: map.width)).map(\.settings)
        let n = map.pixelCount
        let matrices = try kinds.map { kind in
            try (0..<n).map { m in
                try References.single(mode)(map, Position(row: m / map.width, col: m % map.width), kind, inputs)
            }
        }
        // Top layer first: the vector passes layer `depth` down to layer 1.
        var z = ReferenceMath.unit(query.row * map.width + query.col, count: n)
        var offImage = 0.0
        for layer in stride(from: depth, through: 1, by: -1) {
            let rows = matrices[(layer - 1) % kinds.count]
            for m in 0..<n where z[m] != 0 { offImage += z[m] * rows[m].offImage }
            z = ReferenceMath.times(z, rows.map(\.weights))
        }
        return ReferenceField(weights: z, offImage: offImage)
    }
}
