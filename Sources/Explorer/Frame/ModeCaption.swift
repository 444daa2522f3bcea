import Attention

/// One sentence per mode saying in plain words what the view shows.
public enum ModeCaption {
    /// The caption for `mode` with its settings on an `size` map.
    public static func text(_ mode: Mode, settings s: AttentionSettings, size: MapSize) -> String {
        switch mode {
        case .global:
            return "Global: the query reads every position; one softmax over all \(size.height * size.width) keys decides how much."
        case .window:
            let m = min(s.window, size.height, size.width)
            if s.shift == 0 {
                return "Swin: the query reads only its own \(m)×\(m) window; nothing crosses a window border."
            }
            return "Swin shifted windows (shift \(s.shift)): windows move by \(s.shift), so they mix across the old borders; wrapped-around keys are masked."
        case .axial:
            if (s.passes ?? 2) == 1 {
                return "Axial-DeepLab, height pass: the query reads only its own column."
            }
            return "Axial-DeepLab: height pass then width pass; each pixel is reached by exactly one route (its column, then the query's row)."
        case .crissCross:
            let r = s.passes ?? 2
            if r == 1 { return "CCNet, one pass: the query reads its own row and column (the cross), one joint softmax." }
            return "CCNet, \(r) passes: crosses of crosses reach every pixel; attention routes only, residual paths left out (γ = \(ModeParameters.format(s.gamma)))."
        case .dcn:
            let k = s.kernel ?? 3
            return "Deformable conv: \(k)×\(k) taps moved by per-query offsets; each sample spreads over its 4 bilinear corners, no softmax."
        case .dat:
            return "DAT: one set of deformed sampling points shared by every query; the query attends over the sampled keys."
        case .neighborhood:
            let k = s.kernel ?? 7
            return "Neighborhood attention: a \(k)×\(k) window around the query that shifts inward at the borders instead of shrinking."
        case .lka:
            let k = max(1, s.kernel ?? 21), d = max(1, s.dilation ?? 3)
            let field = (2 * d - 1) + ((k + d - 1) / d - 1) * d
            let dilated = (k + d - 1) / d
            return "VAN large-kernel attention (K = \(k), d = \(d)): \(2 * d - 1)×\(2 * d - 1) depthwise, then \(dilated)×\(dilated) dilated by \(d): a \(field)×\(field) field set by the kernels, not the features (no softmax)."
        case .lesa:
            return "LESA: the map is the binary term, global attention without 1/√d; a learned gate adds it to the 3×3 unary term (what the query takes from itself)."
        }
    }
}
