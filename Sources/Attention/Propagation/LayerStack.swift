/// Composes the attention of identical stacked layers into the receptive field of one query.
///
/// With the same features at every layer (no MLP, norm or residual between layers), the output
/// of layer l at u reads layer l − 1's outputs with weights `A_l(u → m)`, which read layer
/// l − 2's … down to the input. The composed map after l layers is the row vector
/// `M_l = e_u · A_l · A_(l−1) ⋯ A_1` (the top layer leftmost). This is the same
/// "attention rollout without residuals" CCNet's composed map uses, applied to any local
/// mechanism: Swin's W-MSA/SW-MSA alternation, neighborhood attention, DCN, LKA.
enum LayerStack {
    /// One row of a layer's attention matrix: the keys a position reads, with their weights,
    /// and the mass that left the image (Swin padding tokens, DCN corners off the map).
    public struct Row: Sendable, Equatable {
        /// Flat key indices `row·W + col`.
        public var keys: [Int32]
        /// The weight of each key.
        public var weights: [Float]
        /// Mass this position puts outside the image.
        public var offImage: Double

        /// Creates a row.
        public init(keys: [Int32], weights: [Float], offImage: Double = 0) {
            self.keys = keys
            self.weights = weights
            self.offImage = offImage
        }

        /// The nonzero entries of a field's weight map (only the entries of a sparse one are read).
        public init(_ weights: FieldWeights, offImage: Double = 0) {
            switch weights {
            case let .dense(values):
                self.init(dense: values, offImage: offImage)
            case let .sparse(entries):
                var keys: [Int32] = [], kept: [Float] = []
                for (i, w) in zip(entries.indices, entries.values) where w != 0 {
                    keys.append(Int32(i))
                    kept.append(w)
                }
                self.init(keys: keys, weights: kept, offImage: offImage)
            }
        }

        /// The nonzero entries of a dense weight map.
        public init(dense: [Float], offImage: Double = 0) {
            var keys: [Int32] = [], weights: [Float] = []
            for (i, w) in dense.enumerated() where w != 0 {
                keys.append(Int32(i))
                weights.append(w)
            }
            self.init(keys: keys, weights: weights, offImage: offImage)
        }
    }

    /// The composed map of one query after `layers` layers, and the mass lost off the image.
    public struct Composed: Sendable, Equatable {
        /// `M_l[p]`, H·W entries.
        public var weights: [Float]
        /// Mass that left the image at any layer (it is not propagated further).
        public var offImage: Double
    }

    /// The weight below which a pixel counts as unreached.
    ///
    /// Swin's −100 mask leaves masked keys `e^−100 ≈ 4·10⁻⁴⁴` of the mass: far below this, so
    /// the reach counts only the keys a trained Swin really reads.
    public static let reachThreshold: Float = 1e-30

    /// `e_u · A_layers ⋯ A_1`: pushes the query's unit row vector through the layers, top first.
    ///
    /// - Parameters:
    ///   - query: the flat index of u.
    ///   - pixelCount: H·W.
    ///   - layers: L ≥ 1.
    ///   - row: `row(l, m)` is row m of layer l's attention matrix (l = 1 … L).
    public static func compose(query: Int, pixelCount: Int, layers: Int,
                               row: (_ layer: Int, _ position: Int) throws -> Row) rethrows -> Composed {
        var start = Composed(weights: [Float](repeating: 0, count: pixelCount), offImage: 0)
        start.weights[query] = 1
        return try apply(Array(stride(from: layers, through: 1, by: -1)), to: start, row: row)
    }

    /// `vector · A_(layers[0]) · A_(layers[1]) ⋯`: pushes a composed map through more layers
    /// (the mass already off the image stays counted). With one kind of layer,
    /// `M_l = M_(l−1) · A`, so each deeper map costs one product.
    public static func apply(_ layers: [Int], to vector: Composed,
                             row: (_ layer: Int, _ position: Int) throws -> Row) rethrows -> Composed {
        var current = vector.weights
        var next = [Float](repeating: 0, count: current.count)
        var active = current.indices.filter { current[$0] != 0 }
        var offImage = vector.offImage
        for layer in layers {
            var reached: [Int] = []
            for m in active {
                let mass = current[m]
                current[m] = 0
                guard mass != 0 else { continue }
                let r = try row(layer, m)
                offImage += Double(mass) * r.offImage
                for (k, w) in zip(r.keys, r.weights) {
                    let key = Int(k)
                    if next[key] == 0 { reached.append(key) }
                    next[key] += mass * w
                }
            }
            swap(&current, &next)
            active = reached
        }
        return Composed(weights: current, offImage: offImage)
    }

    /// How many pixels carry at least `reachThreshold` of the map.
    public static func reach(_ weights: [Float]) -> Int {
        weights.reduce(0) { $0 + ($1 >= reachThreshold ? 1 : 0) }
    }
}
