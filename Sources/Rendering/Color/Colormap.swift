/// A named colormap: a few control points interpolated linearly in sRGB.
///
/// The control points are sampled by hand at nine evenly spaced stops of the published maps
/// (perceptually uniform, luminance increasing for the sequential ones); interpolating between
/// them keeps luminance monotonic, which the tests check.
public enum Colormap: String, Sendable, CaseIterable, Hashable {
    /// Perceptually uniform purple → green → yellow (the default).
    case viridis
    /// Colour-vision-deficiency friendly blue → grey → yellow.
    case cividis
    /// Black → purple → orange → pale yellow.
    case magma
    /// Black → white.
    case gray
    /// Blue → light grey → red, for signed values (0 in the middle).
    case diverging

    /// The control points, evenly spaced from t = 0 to t = 1.
    var controlPoints: [RGB] {
        switch self {
        case .viridis:
            return [RGB(68, 1, 84), RGB(72, 40, 120), RGB(62, 74, 137), RGB(49, 104, 142), RGB(38, 130, 142),
                    RGB(31, 158, 137), RGB(53, 183, 121), RGB(109, 205, 89), RGB(253, 231, 37)]
        case .cividis:
            return [RGB(0, 32, 77), RGB(0, 51, 111), RGB(57, 72, 107), RGB(87, 92, 109), RGB(112, 113, 115),
                    RGB(138, 135, 121), RGB(166, 157, 117), RGB(196, 181, 108), RGB(255, 234, 70)]
        case .magma:
            return [RGB(0, 0, 4), RGB(28, 16, 68), RGB(79, 18, 123), RGB(129, 37, 129), RGB(181, 54, 122),
                    RGB(229, 80, 100), RGB(251, 135, 97), RGB(254, 194, 135), RGB(252, 253, 191)]
        case .gray:
            return [RGB(0, 0, 0), RGB(255, 255, 255)]
        case .diverging:
            return [RGB(59, 76, 192), RGB(124, 159, 249), RGB(192, 212, 245), RGB(221, 221, 221),
                    RGB(242, 203, 183), RGB(238, 132, 104), RGB(180, 4, 38)]
        }
    }

    /// The colour at `t` in [0, 1] (clamped; NaN gives the first colour).
    public func color(at t: Double) -> RGB {
        let points = controlPoints
        let clamped = t.isNaN ? 0 : max(0, min(1, t))
        let position = clamped * Double(points.count - 1)
        let index = min(points.count - 2, Int(position))
        return points[index].mixed(with: points[index + 1], position - Double(index))
    }
}
