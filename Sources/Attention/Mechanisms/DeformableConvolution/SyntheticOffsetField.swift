import Foundation
import FeatureMaps

/// The documented, seeded stand-in for a DCN offset-prediction convolution, used when no
/// `--offsets` file is loaded (its maps are labelled illustrative).
///
/// A trained DCN stretches its kernel along object contours. This field imitates that, smoothly
/// and deterministically, from the features themselves plus a seeded wobble:
///
/// 1. Intensity `e(p)` = mean of x over channels. Its gradient at u = (i, j) by central
///    differences with clamped indices: `gy = (e(min(i+1, H−1), j) − e(max(i−1, 0), j)) / 2`,
///    `gx` likewise along the row; `|g| = √(gy² + gx²)`.
/// 2. Contour strength `s = |g| / (|g| + ḡ)` ∈ [0, 1), ḡ the mean `|g|` over the map's pixels
///    (finite values only); s = 0 where g or ḡ is not finite or ḡ = 0.
/// 3. Contour tangent `t = (−gx, gy) / |g|` in (y, x). Tap k with nominal offset
///    `ρ_k = ((r − (K−1)/2)·d, (c − (K−1)/2)·d)` slides along the contour:
///    `stretch_k = s · (ρ_k · t) · t`, so the kernel grows by up to 2× along edges.
/// 4. Wobble, so flat regions deform too and neighbouring queries differ smoothly:
///    `wobble_k,a = 0.35 · d · sin(2π(α·i/H + β·j/W) + φ)` for axis a ∈ {y, x}, with α, β
///    uniform in [−1, 1) and φ in [0, 2π) drawn per (k, a) in that order (α, β, φ; y before x;
///    k ascending) from `SplitMix64(seed: 0x6463_6E5F_7365_6564)` ("dcn_seed").
///
/// `Δ_k = stretch_k + wobble_k`. The reference script reproduces this formula in NumPy.
struct SyntheticOffsetField: Sendable {
    /// The seed of the wobble parameters.
    static let seed: UInt64 = 0x6463_6E5F_7365_6564
    /// The wobble amplitude, in units of the dilation.
    static let wobbleAmplitude = 0.35

    private let kernel: Int
    private let dilation: Int
    private let height: Int
    private let width: Int
    /// Channel-mean intensity e, H·W.
    private let intensity: [Double]
    /// ḡ, the mean gradient magnitude (0 when none is finite).
    private let meanGradient: Double
    /// Per tap and axis: (α, β, φ), index `2k + axis`.
    private let wobble: [(alpha: Double, beta: Double, phase: Double)]

    /// Prepares the field for `map` and a K×K kernel with dilation d.
    init(map: FeatureMap, kernel: Int, dilation: Int) {
        self.kernel = kernel
        self.dilation = dilation
        height = map.height
        width = map.width
        let n = map.pixelCount
        var e = [Double](repeating: 0, count: n)
        map.data.withUnsafeBufferPointer { x in
            for c in 0..<map.channels {
                let base = c * n
                for i in 0..<n { e[i] += Double(x[base + i]) }
            }
        }
        let inv = 1 / Double(map.channels)
        for i in 0..<n { e[i] *= inv }
        intensity = e
        var sum = 0.0, count = 0
        for r in 0..<map.height {
            for c in 0..<map.width {
                let g = Self.gradient(e, height: map.height, width: map.width, row: r, col: c)
                let m = (g.y * g.y + g.x * g.x).squareRoot()
                if m.isFinite { sum += m; count += 1 }
            }
        }
        meanGradient = count > 0 ? sum / Double(count) : 0
        var random = SplitMix64(seed: Self.seed)
        var params: [(alpha: Double, beta: Double, phase: Double)] = []
        params.reserveCapacity(2 * kernel * kernel)
        for _ in 0..<(2 * kernel * kernel) {
            let a = random.symmetric(1), b = random.symmetric(1), p = random.unitDouble() * 2 * Double.pi
            params.append((a, b, p))
        }
        wobble = params
    }

    /// Central differences of e at (row, col) with clamped indices.
    private static func gradient(_ e: [Double], height: Int, width: Int, row: Int, col: Int) -> (y: Double, x: Double) {
        let up = max(row - 1, 0), down = min(row + 1, height - 1)
        let left = max(col - 1, 0), right = min(col + 1, width - 1)
        return ((e[down * width + col] - e[up * width + col]) / 2,
                (e[row * width + right] - e[row * width + left]) / 2)
    }

    /// The offsets (Δy, Δx) of every tap k = r·K + c for the query u, in pixels.
    func offsets(at u: Position) -> [(dy: Double, dx: Double)] {
        let g = Self.gradient(intensity, height: height, width: width, row: u.row, col: u.col)
        let magnitude = (g.y * g.y + g.x * g.x).squareRoot()
        var strength = 0.0, ty = 0.0, tx = 0.0
        if magnitude.isFinite, magnitude > 0, meanGradient.isFinite, meanGradient > 0 {
            strength = magnitude / (magnitude + meanGradient)
            ty = -g.x / magnitude
            tx = g.y / magnitude
        }
        let half = (kernel - 1) / 2
        let fy = Double(u.row) / Double(height), fx = Double(u.col) / Double(width)
        let amplitude = Self.wobbleAmplitude * Double(dilation)
        var out: [(dy: Double, dx: Double)] = []
        out.reserveCapacity(kernel * kernel)
        for r in 0..<kernel {
            for c in 0..<kernel {
                let k = r * kernel + c
                let ry = Double((r - half) * dilation), rx = Double((c - half) * dilation)
                let along = strength * (ry * ty + rx * tx)
                let wy = wobble[2 * k], wx = wobble[2 * k + 1]
                let dy = along * ty + amplitude * sin(2 * Double.pi * (wy.alpha * fy + wy.beta * fx) + wy.phase)
                let dx = along * tx + amplitude * sin(2 * Double.pi * (wx.alpha * fy + wx.beta * fx) + wx.phase)
                out.append((dy, dx))
            }
        }
        return out
    }
}
