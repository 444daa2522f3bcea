import Foundation
import FeatureMaps
@testable import Attention

/// Small deterministic maps for property tests (not reference values: those come from PyTorch).
enum TestMaps {
    /// A C×H×W map of smoothly varying values.
    static func smooth(channels c: Int, height h: Int, width w: Int) -> FeatureMap {
        var data = [Float](repeating: 0, count: c * h * w)
        for ch in 0..<c { for y in 0..<h { for x in 0..<w {
            data[ch * h * w + y * w + x] = Float(sin(Double(3 * ch + 1) * 0.37 * Double(y) + Double(ch + 2) * 0.23 * Double(x)))
        } } }
        return FeatureMap(channels: c, height: h, width: w, data: data, name: "test", origin: .synthesized(scene: "test"))
    }

    /// `map` with channel 0 of pixel (row, col) set to NaN.
    static func withNaN(_ map: FeatureMap, at p: Position) -> FeatureMap {
        var m = map
        m.data[p.row * map.width + p.col] = .nan
        return m
    }

    /// `count` deterministic values in [0, 1) from a 64-bit LCG seeded with `seed`.
    static func unit(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24)
        }
    }

    /// `count` deterministic values in [−1, 1], multiples of 0.001, from the same LCG.
    static func signed(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int(state >> 40) % 2001 - 1000) / 1000
        }
    }

    /// Every position of an H×W map.
    static func positions(height: Int, width: Int) -> [Position] {
        (0..<height).flatMap { r in (0..<width).map { Position(row: r, col: $0) } }
    }
}

