import FeatureMaps

/// Loaded attention, plainly: find the row whose query token is pixel u (searching every window
/// token of the rolled, padded grid, or taking row P + u of the sequence) and add each entry to
/// the pixel its key token is; padding keys are off the image.
enum LoadedAttentionReference: ReferenceMechanism {
    static func field(map: FeatureMap, query: Position, settings: AttentionSettings,
                      inputs: AttentionInputs) throws -> ReferenceField {
        let rows = try LoadedRows(inputs.attention!, height: map.height, width: map.width, settings: settings)
        let u = query.row * map.width + query.col, h = settings.head
        var weights = [Double](repeating: 0, count: map.pixelCount), offImage = 0.0
        switch rows.arrangement {
        case let .sequence(p):
            let n = rows.rowLength
            for k in p..<n { weights[k - p] = Double(rows.values[(h * n + p + u) * n + k]) }
        case let .windows(layout):
            let (mh, mw) = (layout.windowRows, layout.windowCols), a = layout.area
            let across = layout.paddedWidth / mw, windows = across * (layout.paddedHeight / mh)
            func pixel(window w: Int, token t: Int) -> Int {
                Int(layout.source[((w / across) * mh + t / mw) * layout.paddedWidth + (w % across) * mw + t % mw])
            }
            for w in 0..<windows {
                for t in 0..<a where pixel(window: w, token: t) == u {
                    for k in 0..<a {
                        let value = Double(rows.values[((w * rows.heads + h) * a + t) * a + k])
                        let key = pixel(window: w, token: k)
                        if key >= 0 { weights[key] += value } else { offImage += value }
                    }
                }
            }
        }
        return ReferenceField(weights: weights, offImage: offImage)
    }
}
