import Foundation
import FeatureMaps

/// Swin V2's learned per-head temperature: `logit_scale` in the projection file turns window
/// attention into cosine attention, logit = cos(q, k)·exp(min(τ_h, ln 100)) + bias, with no
/// 1/√d (timm `swin_transformer_v2`, torchvision `ShiftedWindowAttentionV2`, HF `Swinv2`).
struct CosineLogitScale: Sendable, Equatable {
    /// The chosen head's raw τ_h as stored.
    let raw: Float
    /// The factor cos(q, k) is multiplied by: exp(min(τ_h, ln 100)).
    let factor: Float

    /// The member's name in a projection file.
    static let member = "logit_scale"
    /// The clamp every library applies before exp: ln(1 / 0.01).
    static let maximum = Float(log(100.0))

    /// Reads head `head`'s τ from `archive`; nil when the file has no `logit_scale`. Its shape
    /// must be (heads) or (heads, 1, 1), heads being the head count of `wq`.
    init?(archive: TensorArchive?, head: Int) throws {
        guard let archive, let raw = archive.tensors[Self.member] else { return nil }
        let heads: Int = {
            guard let wq = archive.tensors["wq"]?.droppingLeadingUnitDimensions() else { return 1 }
            return wq.shape.count == 3 ? wq.shape[0] : 1
        }()
        let shape = raw.shape
        let fits = shape == [heads] || shape == [heads, 1, 1] || (heads == 1 && shape.allSatisfy { $0 == 1 })
        guard fits, raw.values.count == heads else {
            throw AttentionError.tensorShape(source: archive.path,
                problem: "'\(Self.member)' has shape \(raw.shapeDescription); expected (\(heads)) or (\(heads), 1, 1), one per head of wq")
        }
        guard head >= 0, head < heads else { return nil }  // Projection refuses the head first
        let tau = raw.values[head]
        guard !tau.isNaN else {
            throw AttentionError.tensorShape(source: archive.path, problem: "'\(Self.member)' of head \(head) is NaN")
        }
        self.raw = tau
        factor = Float(exp(Double(Swift.min(tau, Self.maximum))))
    }

    /// 1 / max(‖v‖, 1e-12) from ‖v‖²: what `F.normalize` divides by.
    static func inverseNorm(squaredLength s: Float) -> Float { 1 / Swift.max(s.squareRoot(), 1e-12) }
}
