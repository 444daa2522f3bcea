/// How a 3-D array's axes map to channels, rows and columns.
public enum Layout: String, Sendable, CaseIterable {
    /// Channels first (PyTorch): C×H×W.
    case chw
    /// Channels last (TensorFlow, images): H×W×C.
    case hwc
}
