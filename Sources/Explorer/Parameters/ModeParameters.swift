import Foundation
import Attention

/// The knobs of each mode: `-` `=` turn the primary one, `[` `]` the secondary one.
///
/// | mode | `-` `=` | `[` `]` |
/// |---|---|---|
/// | global | — | — |
/// | window | window M (2 … min(H, W)) | shift off / on (M/2) |
/// | axial | passes (1 height pass, 2 composed) | — |
/// | criss-cross | passes R (1 … 4) | γ (0 … 4 in steps of 0.25) |
/// | dcn | kernel K (odd, 1 … 15) | dilation (1 … 8) |
/// | dat | stride r (1 … max(H, W)) | offset range f (−1 = clamp, 0 … 8) |
/// | neighborhood | kernel K (odd, 1 … 31) | — |
/// | lka | kernel K (3 … 63) | dilation (1 … 8) |
/// | lesa | — | — |
public enum ModeParameters {
    /// The primary (`-` `=`) knob of `mode`, nil when it has none.
    public static func primary(_ mode: Mode) -> ModeParameter? {
        switch mode {
        case .global, .lesa: return nil
        case .window: return window
        case .axial: return axialPasses
        case .crissCross: return crissCrossPasses
        case .dcn: return kernel(mode: "dcn", default: 3, range: 1...15, odd: true)
        case .dat: return stride
        case .neighborhood: return kernel(mode: "neighborhood", default: 7, range: 1...31, odd: true)
        case .lka: return kernel(mode: "lka", default: 21, range: 3...63, odd: false)
        }
    }

    /// The secondary (`[` `]`) knob of `mode`, nil when it has none.
    public static func secondary(_ mode: Mode) -> ModeParameter? {
        switch mode {
        case .global, .lesa, .axial, .neighborhood: return nil
        case .window: return shift
        case .crissCross: return gamma
        case .dcn: return dilation(default: 1)
        case .dat: return offsetRange
        case .lka: return dilation(default: 3)
        }
    }

    static let window = ModeParameter(
        name: "window", keys: "-/=",
        display: { s, _ in "M=\(s.window)" },
        adjust: { s, direction, size in
            let limit = max(2, min(size.height, size.width))
            let next = s.window + direction
            guard next >= 2 else { return .failure(Refusal("window: M = \(s.window) is the smallest window")) }
            guard next <= limit else {
                return .failure(Refusal("window: M = \(s.window) already covers the \(size.height)×\(size.width) map"))
            }
            var changed = s
            changed.window = next
            if s.shift != 0 { changed.shift = next / 2 }
            return .success(changed)
        })

    static let shift = ModeParameter(
        name: "shift", keys: "[/]",
        display: { s, _ in s.shift == 0 ? "shift off" : "shift \(s.shift)" },
        adjust: { s, direction, _ in
            let wanted = direction > 0 ? s.window / 2 : 0
            if direction > 0 && s.window / 2 == 0 {
                return .failure(Refusal("window: M = \(s.window) is too small to shift"))
            }
            guard wanted != s.shift else {
                return .failure(Refusal(direction > 0 ? "window: already shifted by M/2 = \(wanted)" : "window: shift is already off"))
            }
            var changed = s
            changed.shift = wanted
            return .success(changed)
        })

    static let axialPasses = ModeParameter(
        name: "passes", keys: "-/=",
        display: { s, _ in (s.passes ?? 2) == 1 ? "height pass" : "2 passes" },
        adjust: { s, direction, _ in
            let next = (s.passes ?? 2) + direction
            guard (1...2).contains(next) else {
                return .failure(Refusal("axial: passes are 1 (height pass) or 2 (composed)"))
            }
            var changed = s
            changed.passes = next
            changed.step = nil
            return .success(changed)
        })

    static let crissCrossPasses = ModeParameter(
        name: "passes", keys: "-/=",
        display: { s, _ in "R=\(s.passes ?? 2)" },
        adjust: { s, direction, _ in
            let next = (s.passes ?? 2) + direction
            guard (1...4).contains(next) else {
                return .failure(Refusal("criss-cross: passes R go from 1 to 4 here (R = \(s.passes ?? 2))"))
            }
            var changed = s
            changed.passes = next
            changed.step = nil
            return .success(changed)
        })

    static let gamma = ModeParameter(
        name: "γ", keys: "[/]",
        display: { s, _ in "γ=\(format(s.gamma))" },
        adjust: { s, direction, _ in
            let next = s.gamma + Float(direction) * 0.25
            guard next >= -0.001, next <= 4.001 else {
                return .failure(Refusal("criss-cross: γ stays within 0…4 (γ = \(format(s.gamma)))"))
            }
            var changed = s
            changed.gamma = (next * 4).rounded() / 4
            return .success(changed)
        })

    static func kernel(mode: String, default value: Int, range: ClosedRange<Int>, odd: Bool) -> ModeParameter {
        ModeParameter(
            name: "kernel", keys: "-/=",
            display: { s, _ in "K=\(s.kernel ?? value)" },
            adjust: { s, direction, _ in
                let current = s.kernel ?? value
                var next = current + direction * (odd ? 2 : 1)
                if odd && next % 2 == 0 { next += direction }  // back onto odd sizes
                guard range.contains(next) else {
                    let kind = odd ? "odd kernels" : "kernels"
                    return .failure(Refusal("\(mode): \(kind) go from \(range.lowerBound) to \(range.upperBound) (K = \(current))"))
                }
                var changed = s
                changed.kernel = next
                return .success(changed)
            })
    }

    static func dilation(default value: Int) -> ModeParameter {
        ModeParameter(
            name: "dilation", keys: "[/]",
            display: { s, _ in "d=\(s.dilation ?? value)" },
            adjust: { s, direction, _ in
                let current = s.dilation ?? value
                let next = current + direction
                guard (1...8).contains(next) else {
                    return .failure(Refusal("dilation goes from 1 to 8 (d = \(current))"))
                }
                var changed = s
                changed.dilation = next
                return .success(changed)
            })
    }

    /// The stride the engine picks when none is set: about 7 points per axis.
    static func defaultStride(_ size: MapSize) -> Int {
        max(1, (max(size.height, size.width) + 6) / 7)
    }

    static let stride = ModeParameter(
        name: "stride", keys: "-/=",
        display: { s, size in s.stride.map { "r=\($0)" } ?? "r=auto" },
        adjust: { s, direction, size in
            let current = s.stride ?? defaultStride(size)
            let next = current + direction
            let limit = max(1, max(size.height, size.width))
            guard next >= 1, next <= limit else {
                return .failure(Refusal("dat: stride r goes from 1 to \(limit) on this map (r = \(current))"))
            }
            var changed = s
            changed.stride = next
            return .success(changed)
        })

    static let offsetRange = ModeParameter(
        name: "offset range", keys: "[/]",
        display: { s, _ in s.offsetRange < 0 ? "f=-1 (clamp)" : "f=\(format(s.offsetRange))" },
        adjust: { s, direction, _ in
            let current = s.offsetRange < 0 ? -1 : s.offsetRange.rounded()
            let next = current + Float(direction)
            guard next >= -1, next <= 8 else {
                return .failure(Refusal("dat: offset range f goes from -1 (clamp) to 8 (f = \(format(s.offsetRange)))"))
            }
            var changed = s
            changed.offsetRange = next
            return .success(changed)
        })

    /// A short number: no trailing zeros.
    static func format(_ value: Float) -> String {
        if value == value.rounded() { return String(Int(value)) }
        var text = String(format: "%.2f", Double(value))
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
