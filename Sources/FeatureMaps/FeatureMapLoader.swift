import Foundation

/// Opens what the user names on the command line: a file path or `scene:NAME`.
public enum FeatureMapLoader {
    /// Loads a feature map from a path (.npy, .npz, .safetensors, .pgm/.ppm) or `scene:NAME`.
    ///
    /// `layout` says how a 3-D array's axes are ordered (PGM/PPM images are always read as
    /// channels-first, whatever `layout` says); `tensor` picks a tensor of a multi-tensor file
    /// (default `features`, else the only one); `maxBytes` caps the decoded size (default:
    /// `ReadLimits.maxBytes`).
    public static func load(_ spec: String, layout: Layout = .chw, tensor: String? = nil,
                            maxBytes: Int = ReadLimits.maxBytes) throws -> FeatureMap {
        if spec.hasPrefix("scene:") { return try Scenes.make(String(spec.dropFirst(6))) }
        let archive = try TensorFiles.read(spec, maxBytes: maxBytes)
        let chosen = try archive.tensor(named: tensor)
        return try FeatureMap(tensor: chosen, path: spec, layout: archive.format == .netpbm ? .chw : layout)
    }
}

extension FeatureMap {
    /// Makes a feature map from a tensor read from `path`, arranging its axes by `layout`.
    ///
    /// Leading size-1 dimensions beyond the third are dropped (a batch of one); a 2-D tensor is
    /// one channel; a 3-D tensor is C×H×W (`.chw`) or H×W×C (`.hwc`). Anything else, or an
    /// empty dimension, is refused with one line naming the file.
    public init(tensor: Tensor, path: String, layout: Layout) throws {
        var shape = tensor.shape
        while shape.count > 3, shape[0] == 1 { shape.removeFirst() }
        let written = NPYReader.describe(tensor.shape)
        guard shape.count == 2 || shape.count == 3 else {
            throw FeatureMapError.invalidFile(path: path, problem: "has shape \(written), but a feature map must be 2-D (H, W), 3-D (C, H, W or H, W, C) or 4-D with batch 1")
        }
        guard !shape.contains(0) else {
            throw FeatureMapError.invalidFile(path: path, problem: "has shape \(written) with an empty dimension")
        }
        let name = (path as NSString).lastPathComponent
        let origin = Origin.loaded(path: path)
        if shape.count == 2 {
            self.init(channels: 1, height: shape[0], width: shape[1], data: tensor.values,
                      name: name, origin: origin, sourceDType: tensor.dtype)
        } else if layout == .chw {
            self.init(channels: shape[0], height: shape[1], width: shape[2], data: tensor.values,
                      name: name, origin: origin, sourceDType: tensor.dtype)
        } else {
            let data = AxisOrder.hwcToCHW(tensor.values, height: shape[0], width: shape[1], channels: shape[2])
            self.init(channels: shape[2], height: shape[0], width: shape[1], data: data,
                      name: name, origin: origin, sourceDType: tensor.dtype)
        }
    }
}
