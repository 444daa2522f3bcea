"""What every Swin family hands over once it has the block's pieces: features C×H×W from the
(H, W, C) attention input, the projections, the bias gathered into Swin v1's table layout, the
block's own windowed probabilities (num_windows, heads, Mh·Mw, Mh·Mw)."""
import numpy as np

from .. import block as blk


def export(path, features_hwc, projections, dense_bias, window, settings, probabilities):
    features = blk.array(features_hwc)
    height, width, _ = features.shape
    tensors = {"features": np.ascontiguousarray(features.transpose(2, 0, 1))}
    tensors.update(projections)
    tensors["bias"] = blk.window_bias_table(dense_bias, window, path)
    tensors["attention"] = blk.array(probabilities)
    heads = projections["wq"].shape[0]
    return blk.BlockExport(path, "window", heads, (height, width), settings, tensors)
