import FeatureMaps

/// `--head mean`: the average of every head's map (timm / vit-explain "head fusion: mean"), for
/// any mechanism that reads projection heads.
///
/// One single-head mechanism is made per head (each caches its own projected q and k), so moving
/// the query pays heads × one query. The heads share the key set and the masks, so the mean of
/// their maps is a map of the same geometry: weights, `offImage` and prefix masses are averaged
/// (the total stays 1), each head's samples carry 1/heads of their weight (points that coincide
/// are merged), and the statistics are those of the averaged map.
final class HeadMean: Mechanism, StepSelectable, PrefixQuerying {
    /// The mode of every head.
    let mode: Mode
    /// The heads' views (the same for every head).
    let steps: [String]
    /// One mechanism per head, in head order.
    private let heads: [any Mechanism]

    /// Every head's caches.
    var cacheBytes: Int { heads.reduce(0) { $0 + $1.cacheBytes } }

    /// The heads' prefix tokens (0 when they have none or cannot take a prefix query).
    var prefixCount: Int { (heads.first as? any PrefixQuerying)?.prefixCount ?? 0 }

    /// Makes `descriptor`'s mechanism once per head of the projection file in `inputs`; throws
    /// when the mode reads no heads or no projection file is loaded.
    init(_ descriptor: MechanismDescriptor, map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs,
         runtime: RuntimeConfiguration) throws {
        guard descriptor.reads.contains(.head) else {
            throw AttentionError.limit(mode: descriptor.mode, problem: "has no heads to average (--head mean)")
        }
        guard let count = Self.headCount(descriptor, inputs: inputs) else {
            throw AttentionError.limit(mode: descriptor.mode, problem: descriptor.inputs.contains(.attention)
                ? "--head mean averages the heads of an attention file; load one with --attention"
                : "--head mean averages the heads of a projection file; load one with --proj")
        }
        mode = descriptor.mode
        heads = try (0..<count).map { head in
            var single = settings
            single.meanOfHeads = false
            single.head = head
            return try descriptor.make(map, single, inputs, runtime)
        }
        steps = heads[0].steps
    }

    /// The heads `descriptor`'s mechanism has with `inputs`: the loaded attention tensor's for the
    /// mode that reads one, else the projection file's.
    static func headCount(_ descriptor: MechanismDescriptor, inputs: AttentionInputs) -> Int? {
        if descriptor.inputs.contains(.attention) { return LoadedRows.headCount(in: inputs) }
        return inputs.projections.flatMap(Projection.headCount(in:))
    }

    /// The mean of every head's full map.
    func field(at query: Position) throws -> AttentionField {
        try Self.mean(heads.map { try $0.field(at: query) })
    }

    /// The mean of every head's view `step`.
    func field(at query: Position, step: Int) throws -> AttentionField {
        try Self.mean(heads.map { try $0.field(at: query, step: step) })
    }

    /// The mean of every head's map of prefix token `token`.
    func field(atPrefixToken token: Int) throws -> AttentionField {
        try Self.mean(heads.map { head in
            guard let prefixed = head as? any PrefixQuerying else {
                throw AttentionError.limit(mode: mode, problem: "has no softmax over the whole sequence, so a prefix token cannot be the query")
            }
            return try prefixed.field(atPrefixToken: token)
        })
    }

    /// The average of `fields` (one per head, same mode, size and query).
    static func mean(_ fields: [AttentionField]) -> AttentionField {
        let first = fields[0], h = fields.count, share = 1 / Float(h)
        let weights: FieldWeights
        if fields.allSatisfy({ if case .dense = $0.storedWeights { return true } else { return false } }) {
            var sum = [Float](repeating: 0, count: first.height * first.width)
            for f in fields {
                guard case let .dense(values) = f.storedWeights else { continue }
                for i in sum.indices { sum[i] += values[i] }
            }
            weights = .dense(sum.map { $0 * share })
        } else {
            var indices: [Int] = [], values: [Float] = []
            for f in fields {
                switch f.storedWeights {
                case let .dense(v):
                    for (i, w) in v.enumerated() where w != 0 { indices.append(i); values.append(w * share) }
                case let .sparse(s):
                    indices += s.indices
                    values += s.values.map { $0 * share }
                }
            }
            weights = .sparse(SparseWeights(count: first.height * first.width, accumulating: indices, values))
        }
        var samples: [Sample] = [], place: [Point: Int] = [:]
        for f in fields {
            for s in f.samples {
                let key = Point(y: s.y, x: s.x)
                if let at = place[key] { samples[at].weight += s.weight / Double(h); continue }
                place[key] = samples.count
                samples.append(Sample(y: s.y, x: s.x, weight: s.weight / Double(h)))
            }
        }
        var overlays: [Overlay] = [], seen = Set<Overlay>()
        for overlay in fields.flatMap(\.overlays) where seen.insert(overlay).inserted { overlays.append(overlay) }
        var extras: [String: Double] = [:]
        for key in first.extras.keys where fields.allSatisfy({ $0.extras[key] != nil }) {
            extras[key] = fields.reduce(0) { $0 + $1.extras[key]! } / Double(h)
        }
        let cost = Cost(macsPerQuery: first.statistics.cost.macsPerQuery * Double(h),
                        macsPerMap: first.statistics.cost.macsPerMap * Double(h), queriesPerLayer: first.statistics.cost.queriesPerLayer, keysPerQuery: first.statistics.cost.keysPerQuery)
        var field = AttentionField(mode: first.mode, height: first.height, width: first.width, query: first.query,
                                   storedWeights: weights, offImage: fields.reduce(0) { $0 + $1.offImage } / Double(h),
                                   samples: samples, illustrative: fields.contains { $0.illustrative }, overlays: overlays,
                                   cost: cost, keysAttended: fields.map(\.statistics.keysAttended).max() ?? 0,
                                   stepLabel: first.stepLabel,
                                   notes: ["mean of \(h) heads' maps"] + first.notes, extras: extras)
        if !first.prefix.isEmpty {
            field.prefix = first.prefix.indices.map { i in fields.reduce(0) { $0 + $1.prefix[i] } / Double(h) }
        }
        field.prefixQuery = first.prefixQuery
        return field
    }

    /// A sample's place, to merge the heads' samples that coincide.
    private struct Point: Hashable {
        let y: Double
        let x: Double
    }
}
