/// A notice when a 3-D array read channels-first looks like it was stored channels-last.
///
/// Nothing in a .npy says which axis holds the channels, so `--layout chw` (the default) reads
/// H×W×C files silently wrong. Two shapes give it away: channels equal to the height of a map
/// of another width (56×56×96 read as 56 channels of a 56×96 map: a square H×W with C = 96),
/// and a last axis of 3 or 4 — RGB(A) — under many more "channels". The hint never refuses.
public enum LayoutHint {
    /// One line suggesting `--layout hwc` for a map read as `channels`×`height`×`width`, or nil
    /// when the shape is plausible channels-first.
    public static func notice(channels: Int, height: Int, width: Int, path: String) -> String? {
        guard channels > 1 else { return nil }
        let read = "\(path): read as C×H×W = \(channels)×\(height)×\(width)"
        if channels == height, width != height {
            return "note: \(read) (\(channels) channels of a \(height)×\(width) map); if it is H×W×C, pass --layout hwc"
        }
        if width <= 4, channels > 4 * width {
            return "note: \(read) (a map \(width) pixels wide); if its last axis holds \(width) channels (H×W×C), pass --layout hwc"
        }
        return nil
    }
}
