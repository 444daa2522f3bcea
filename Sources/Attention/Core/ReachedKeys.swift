/// The keys a field actually reaches: how many hold nonzero mass, counted from the weights.
///
/// A composed map (criss-cross R ≥ 2, axial, stacked layers) attends a few keys per pass but
/// reaches many more; in float32 some routes underflow to exact zero, so "reaches every pixel"
/// is a claim only this count can make. NaN weights are not counted as reached.
public enum ReachedKeys {
    /// The number of weights that are nonzero and not NaN (O(H·W) dense, O(entries) sparse).
    public static func count(_ weights: FieldWeights) -> Int {
        switch weights {
        case let .dense(values):
            return values.withUnsafeBufferPointer { buffer in
                var n = 0
                for w in buffer where w != 0 && !w.isNaN { n += 1 }
                return n
            }
        case let .sparse(entries):
            var n = 0
            for w in entries.values where w != 0 && !w.isNaN { n += 1 }
            return n
        }
    }
}
