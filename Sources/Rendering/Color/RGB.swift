import Foundation

/// A 24-bit sRGB colour.
public struct RGB: Hashable, Sendable {
    /// Red, 0–255.
    public var r: UInt8
    /// Green, 0–255.
    public var g: UInt8
    /// Blue, 0–255.
    public var b: UInt8

    /// Creates a colour from its three channels.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// The colour `t` of the way from `self` to `other` (t in [0, 1]), per channel, rounded.
    public func mixed(with other: RGB, _ t: Double) -> RGB {
        func channel(_ a: UInt8, _ b: UInt8) -> UInt8 {
            let v = Double(a) + (Double(b) - Double(a)) * t
            return UInt8(max(0, min(255, v.rounded())))
        }
        return RGB(channel(r, other.r), channel(g, other.g), channel(b, other.b))
    }

    /// Relative luminance (WCAG / Rec. 709 on linearised sRGB), 0 for black to 1 for white.
    public var luminance: Double {
        func linear(_ c: UInt8) -> Double {
            let v = Double(c) / 255
            return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    /// Squared distance to `other`, weighted towards green as the eye is (a cheap perceptual proxy).
    func distanceSquared(to other: RGB) -> Int {
        let dr = Int(r) - Int(other.r), dg = Int(g) - Int(other.g), db = Int(b) - Int(other.b)
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }

    /// `#rrggbb`, as SVG and CSS write it.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for c in [r, g, b] {
            s.append(digits[Int(c >> 4)])
            s.append(digits[Int(c & 15)])
        }
        return s
    }
}
