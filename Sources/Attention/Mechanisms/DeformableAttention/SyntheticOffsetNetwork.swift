import Foundation
import FeatureMaps

/// The documented, seeded stand-in for DAT's offset network `conv_offset`, used when neither
/// `--offsets` nor `--positions` is loaded (its maps are labelled illustrative).
///
/// Same architecture as DAT (LeapLabTHU/DAT models/dat_blocks.py, `DAttentionBaseline`):
/// depthwise kk×kk convolution with stride r and bias (padding kk/2, or 0 when kk = r) →
/// LayerNorm over channels (ε = 1e-5, unit weight, zero bias) → exact (erf) GELU → 1×1
/// convolution to 2 channels without bias, run on the queries q (d channels).
///
/// Kernel size `kk = 3 + 2·⌈log₂ r⌉`, which reproduces DAT++'s four stages (strides 8, 4, 2, 1 →
/// ksizes 9, 7, 5, 3). Weights are drawn from `SplitMix64(seed: 0x6461_745F_7365_6564)`
/// ("dat_seed") in this order: depthwise weights `[c][ky][kx]` uniform in ±1/kk (PyTorch's
/// default bound for that fan-in), depthwise biases `[c]` uniform in ±1/kk, then 1×1 weights
/// `[o][c]` uniform in ±0.4/√d (so the raw offsets are a fraction of the reference spacing).
struct SyntheticOffsetNetwork: Sendable {
    /// The seed of the weights.
    static let seed: UInt64 = 0x6461_745F_7365_6564

    /// The channel count d the network reads.
    let channels: Int
    /// The stride r.
    let stride: Int
    /// The depthwise kernel size kk.
    let kernel: Int
    /// The depthwise padding.
    let padding: Int
    private let depthwise: [Double]
    private let depthwiseBias: [Double]
    private let pointwise: [Double]

    /// The kernel size for stride r: 3 + 2·⌈log₂ r⌉.
    static func kernelSize(stride r: Int) -> Int {
        var log = 0
        while (1 << log) < r { log += 1 }
        return 3 + 2 * log
    }

    /// Draws the weights for `channels` input channels and stride `stride`.
    init(channels: Int, stride: Int) {
        self.channels = channels
        self.stride = stride
        kernel = Self.kernelSize(stride: stride)
        padding = kernel != stride ? kernel / 2 : 0
        var random = SplitMix64(seed: Self.seed)
        let bound = 1 / Double(kernel)
        depthwise = (0..<(channels * kernel * kernel)).map { _ in random.symmetric(bound) }
        depthwiseBias = (0..<channels).map { _ in random.symmetric(bound) }
        let pointBound = 0.4 / Double(channels).squareRoot()
        pointwise = (0..<(2 * channels)).map { _ in random.symmetric(pointBound) }
    }

    /// The output grid size along an axis of length `length` (0 when the kernel does not fit).
    func outputLength(_ length: Int) -> Int {
        let span = length + 2 * padding - kernel
        return span < 0 ? 0 : span / stride + 1
    }

    /// Runs the network on planar queries `q` ([d][H·W]); returns Δ planar [2][Hk·Wk]
    /// (channel 0 = y) and the grid size.
    func offsets(queries q: [Float], height: Int, width: Int) -> (values: [Double], height: Int, width: Int) {
        let hk = outputLength(height), wk = outputLength(width), m = hk * wk, n = height * width
        guard m > 0 else { return ([], hk, wk) }
        // Depthwise convolution, planar [d][Hk·Wk].
        var hidden = [Double](repeating: 0, count: channels * m)
        q.withUnsafeBufferPointer { x in
            for c in 0..<channels {
                let plane = c * n, weights = c * kernel * kernel
                for oy in 0..<hk {
                    for ox in 0..<wk {
                        var s = depthwiseBias[c]
                        for ky in 0..<kernel {
                            let y = oy * stride - padding + ky
                            guard y >= 0, y < height else { continue }
                            for kx in 0..<kernel {
                                let xx = ox * stride - padding + kx
                                guard xx >= 0, xx < width else { continue }
                                s += depthwise[weights + ky * kernel + kx] * Double(x[plane + y * width + xx])
                            }
                        }
                        hidden[c * m + oy * wk + ox] = s
                    }
                }
            }
        }
        // LayerNorm over channels, GELU, 1×1 convolution to (Δy, Δx), per output pixel.
        var out = [Double](repeating: 0, count: 2 * m)
        for i in 0..<m {
            var mean = 0.0
            for c in 0..<channels { mean += hidden[c * m + i] }
            mean /= Double(channels)
            var variance = 0.0
            for c in 0..<channels {
                let v = hidden[c * m + i] - mean
                variance += v * v
            }
            variance /= Double(channels)
            let inv = 1 / (variance + 1e-5).squareRoot()
            var dy = 0.0, dx = 0.0
            for c in 0..<channels {
                let z = (hidden[c * m + i] - mean) * inv
                let g = 0.5 * z * (1 + erf(z / 2.0.squareRoot()))
                dy += pointwise[c] * g
                dx += pointwise[channels + c] * g
            }
            out[i] = dy
            out[m + i] = dx
        }
        return (out, hk, wk)
    }
}
