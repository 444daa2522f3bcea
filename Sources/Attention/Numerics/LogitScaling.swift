import Foundation

/// The factors a logit is built with: `(q·k·scale + bias) / T`, masks added afterwards.
///
/// Folding `scale / T` into one factor lets a mechanism scale the query once and get scaled
/// content logits from a single dot-product pass.
struct LogitScaling: Sendable, Equatable {
    /// The logit scale in effect (the user's `--scale`, or the mode's default).
    public let scale: Float
    /// The temperature T.
    public let temperature: Float
    /// `scale / T`: multiplies the content term `q·k`.
    public let contentFactor: Float
    /// `1 / T`: multiplies additive bias terms (Swin's relative position bias).
    public let biasFactor: Float

    /// Validates `settings.temperature` and `settings.scale`, taking `defaultScale` when no scale is set.
    public init(settings: AttentionSettings, defaultScale: Float, mode: Mode) throws {
        let t = settings.temperature
        func refuse(_ setting: Setting, _ rule: SettingRule, _ value: Float) -> AttentionError {
            .setting(SettingError(mode: mode, setting: setting, rule: rule, value: .real(value)))
        }
        guard t.isFinite, t > 0 else { throw refuse(.temperature, .positive, t) }
        let s = settings.scale ?? defaultScale
        guard s.isFinite else { throw refuse(.scale, .finite, s) }
        // A tiny T overflows scale/T; every logit would be ±∞ and the map NaN.
        guard (s / t).isFinite, (1 / t).isFinite else { throw refuse(.temperature, .notOverflowing(.scale, s), t) }
        scale = s
        temperature = t
        contentFactor = s / t
        biasFactor = 1 / t
    }

    /// `1/√d`, the default of global, window, dat and neighborhood.
    public static func inverseSquareRoot(of dimension: Int) -> Float {
        1 / Float(dimension).squareRoot()
    }
}
