import FeatureMaps

/// A LayerNorm over one head's d channels (timm `Attention(qk_norm=True)`: `q_norm`, `k_norm`):
/// `y = (x − mean) / √(var + ε) · w + b`, with the biased variance as `torch.nn.LayerNorm` takes it.
public struct HeadNorm: Sendable, Hashable {
    /// The scale w (d values).
    public let weight: [Float]
    /// The shift b (d values).
    public let bias: [Float]
    /// ε, added to the variance.
    public let epsilon: Float

    /// PyTorch's LayerNorm default ε, used when the file has no `norm_eps`.
    public static let defaultEpsilon: Float = 1e-5

    /// Creates a norm from its parameters.
    public init(weight: [Float], bias: [Float], epsilon: Float = HeadNorm.defaultEpsilon) {
        precondition(weight.count == bias.count, "a head norm's weight and bias differ in length")
        self.weight = weight
        self.bias = bias
        self.epsilon = epsilon
    }

    /// The norm named by `weight` / `bias` in the file (either may be absent: ones, zeros), nil
    /// when neither is there.
    init?(_ vectors: PerHeadVectors, weight: String, bias: String, epsilon: Float) throws {
        let w = try vectors.vector(weight), b = try vectors.vector(bias)
        if w == nil && b == nil { return nil }
        self.init(weight: w ?? [Float](repeating: 1, count: vectors.dimension),
                  bias: b ?? [Float](repeating: 0, count: vectors.dimension), epsilon: epsilon)
    }

    /// `norm_eps` from the file: a finite, non-negative scalar; the default when absent.
    static func epsilon(in archive: TensorArchive) throws -> Float {
        guard let raw = archive.tensors["norm_eps"] else { return defaultEpsilon }
        guard raw.values.count == 1, let value = raw.values.first else {
            throw AttentionError.tensorShape(source: archive.path,
                problem: "'norm_eps' has shape \(raw.shapeDescription); expected a scalar (LayerNorm's eps)")
        }
        guard value.isFinite, value >= 0 else {
            throw AttentionError.tensorShape(source: archive.path, problem: "'norm_eps' is \(value); expected a finite value >= 0")
        }
        return value
    }

    /// Normalises every column of a planar `rows`×`pixels` block over its rows, in place.
    func normalize(planar x: inout [Float], rows d: Int, pixels n: Int) {
        precondition(d == weight.count && x.count == d * n)
        var mean = [Double](repeating: 0, count: n), squares = [Double](repeating: 0, count: n)
        x.withUnsafeMutableBufferPointer { v in
            for r in 0..<d {
                let row = v.baseAddress! + r * n
                for i in 0..<n { mean[i] += Double(row[i]) }
            }
            for i in 0..<n { mean[i] /= Double(d) }
            for r in 0..<d {
                let row = v.baseAddress! + r * n
                for i in 0..<n { let c = Double(row[i]) - mean[i]; squares[i] += c * c }
            }
            let inverse = squares.map { 1 / (($0 / Double(d)) + Double(epsilon)).squareRoot() }
            for r in 0..<d {
                let row = v.baseAddress! + r * n
                let w = Double(weight[r]), b = Double(bias[r])
                for i in 0..<n { row[i] = Float((Double(row[i]) - mean[i]) * inverse[i] * w + b) }
            }
        }
    }

    /// The normalised copy of one d-vector, in Double (the references' precision).
    public func normalized(_ x: [Double]) -> [Double] {
        let d = Double(x.count)
        let mean = x.reduce(0, +) / d
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / d
        let inverse = 1 / (variance + Double(epsilon)).squareRoot()
        return x.indices.map { (x[$0] - mean) * inverse * Double(weight[$0]) + Double(bias[$0]) }
    }
}

/// The (d) or (heads, d) vectors of a projection file (biases, qk-norm parameters), read for one head.
struct PerHeadVectors {
    /// The file.
    let archive: TensorArchive
    /// The head read.
    let head: Int
    /// The head dimension d.
    let dimension: Int
    /// The heads `wq` has.
    let heads: Int

    /// Head `head`'s row of `name`, nil when the file has no such array; a shape that fits
    /// neither (d) nor (heads, d) is refused.
    func vector(_ name: String) throws -> [Float]? {
        guard let raw = archive.tensors[name] else { return nil }
        let t = raw.droppingLeadingUnitDimensions()
        if t.shape == [dimension] || (dimension == 1 && t.shape.isEmpty) { return t.values }
        if t.shape == [heads, dimension] { return Array(t.values[(head * dimension)..<((head + 1) * dimension)]) }
        throw AttentionError.tensorShape(source: archive.path,
            problem: "'\(name)' has shape \(raw.shapeDescription); expected (\(dimension)) or (\(heads), \(dimension))")
    }
}
