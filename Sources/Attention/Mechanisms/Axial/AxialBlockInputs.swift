import FeatureMaps
import Foundation

/// What axialnet's `AxialBlock` adds to one head's q and k (csrhddlam/axial-deeplab
/// `lib/models/axialnet.py`: `hight_block`, then `width_block`, each its own `AxialAttention`),
/// read from the `--proj` archive when it holds `wv` or `wq2`:
///
/// - every height head g's q, k (`wq`, `wk`, `bq`, `bk` of shape (G, d, C)): the G groups;
/// - the height pass's values `v = Wv·x + bv` (`wv` (C_out, C) or (G, C_out/G, C)): group g's
///   outputs `y[g·C_out/G ..< (g+1)·C_out/G]` are `Σ_h A_H^g·(v + rv)` over those channels, as
///   axialnet's `sv`/`sve` einsums per group, concatenated;
/// - the width pass's own projections of y (`wq2`, `wk2`, `bq2`, `bk2`, (G, d, C_out)), head
///   `--head`; without them the height projection is applied to y (C_out must then be C).
struct AxialBlockInputs {
    /// Every height head's queries and keys (one identity entry without `wq`).
    let heads: [QueryKeyFeatures]
    /// The height pass's values, planar `[C_out][H·W]`.
    let values: [Float]
    /// C_out, y's channels.
    let outputs: Int
    /// Whether `values` were projected (else they are the map's own storage).
    let valuesProjected: Bool
    /// The width pass's projection of y for the head shown (nil: identity, y itself).
    let widthProjection: Projection?

    /// The channels of one group's outputs, C_out / G.
    var groupChannels: Int { outputs / heads.count }

    /// Reads the block's tensors; nil when the archive has neither `wv` nor `wq2` (one head's
    /// projection then serves both passes and the values are the pass input).
    init?(map: FeatureMap, archive: TensorArchive, head: Int) throws {
        let valueProjection = try ValueProjection(archive: archive, channels: map.channels)
        guard valueProjection != nil || archive.tensors["wq2"] != nil else { return nil }
        var heads: [QueryKeyFeatures] = []
        if let wq = archive.tensors["wq"]?.droppingLeadingUnitDimensions() {
            let count = wq.shape.count == 3 ? wq.shape[0] : 1
            guard head < count else {
                throw AttentionError.setting(SettingError(setting: .head,
                    rule: .mapLimit("is out of range: 'wq' in \(archive.path) has \(count) head(s)"), value: .integer(head)))
            }
            for g in 0..<count {
                heads.append(QueryKeyFeatures(map: map, projection: try Projection(archive: archive, head: g, channels: map.channels)))
            }
        } else {
            heads = [QueryKeyFeatures(map: map, projection: nil)]
        }
        let outputs = valueProjection?.outputs ?? map.channels
        guard outputs % heads.count == 0 else {
            throw AttentionError.tensorShape(source: archive.path,
                problem: "'wv' gives \(outputs) value channels, which do not split into the \(heads.count) heads of 'wq'")
        }
        values = valueProjection?.apply(planar: map.data, pixels: map.pixelCount) ?? map.data
        valuesProjected = valueProjection != nil
        self.outputs = outputs
        self.heads = heads
        if archive.tensors["wq2"] != nil || archive.tensors["wk2"] != nil {
            widthProjection = try Self.widthProjection(archive, head: head, channels: outputs)
        } else if let own = heads[head < heads.count ? head : 0].projection {
            guard outputs == map.channels else {
                throw AttentionError.tensorShape(source: archive.path,
                    problem: "has no 'wq2', 'wk2' for the width pass, and wq, wk (for \(map.channels) channels) cannot project the \(outputs) channels 'wv' gives")
            }
            widthProjection = own
        } else {
            widthProjection = nil
        }
    }

    /// `wq2`, `wk2`, `bq2`, `bk2` read as a projection of y (C_out channels), messages naming them.
    private static func widthProjection(_ archive: TensorArchive, head: Int, channels: Int) throws -> Projection {
        let names = [("wq2", "wq"), ("wk2", "wk"), ("bq2", "bq"), ("bk2", "bk")]
        let renamed = TensorArchive(path: archive.path, entries: names.compactMap { name, as_ in
            archive.tensors[name].map { (as_, $0) }
        })
        do {
            return try Projection(archive: renamed, head: head, channels: channels)
        } catch AttentionError.tensorShape(let source, let problem) {
            var words = problem
            for (name, as_) in names { words = words.replacingOccurrences(of: "'\(as_)'", with: "'\(name)'") }
            words = words.replacingOccurrences(of: "wq and wk", with: "wq2 and wk2")
            throw AttentionError.tensorShape(source: source, problem: words + " (the width pass's projection of the height pass's \(channels) output channels)")
        }
    }

    /// The bytes held beyond the map: the heads' projected q, k and the values (when projected).
    var cacheBytes: Int {
        heads.reduce(0) { $0 + $1.cacheBytes } + (valuesProjected ? values.count * MemoryLayout<Float>.size : 0)
    }
}
