"""What the exporter hands over for one attention block, and the tensor conversions every family
shares (fused qkv splitting, Swin's relative-position bias in Swin v1's table layout)."""
from dataclasses import dataclass, field

import numpy as np
import torch

from . import errors


@dataclass
class BlockExport:
    """One block's bundle content: `tensors` are float32 arrays named as DESIGN.md says."""
    path: str
    mode: str
    heads: int
    grid: tuple
    settings: dict
    tensors: dict
    extra: dict = field(default_factory=dict)


def array(tensor):
    """A float32 NumPy copy of a tensor."""
    return np.ascontiguousarray(tensor.detach().to(torch.float32).cpu().numpy())


def tokens_to_chw(tokens, height, width):
    """(H·W, C) row-major tokens → C×H×W."""
    return np.ascontiguousarray(tokens.reshape(height, width, -1).transpose(2, 0, 1))


def split_projections(weight, bias, heads):
    """wq, wk (heads, d, C) and bq, bk (heads, d) from a fused (3·heads·d, C) Linear whose output is
    laid out (3, heads, d), as timm and torchvision reshape it; wv (heads·d, C) and bv (heads·d,),
    the value projection as one matrix (DESIGN.md)."""
    weight = array(weight)
    total, channels = weight.shape
    width = total // 3
    d = width // heads
    out = {}
    for index, name in enumerate(("q", "k", "v")):
        rows = weight[index * width:(index + 1) * width]
        out[f"w{name}"] = rows.copy() if name == "v" else rows.reshape(heads, d, channels).copy()
        if bias is not None:
            part = array(bias)[index * width:(index + 1) * width]
            out[f"b{name}"] = part.copy() if name == "v" else part.reshape(heads, d).copy()
    return out


def linear_projection(linear, heads, name):
    """w<name> (heads, d, C) and b<name> (heads, d) from one unfused Linear; for the value
    projection ("v") the matrix as it is, (heads·d, C) and (heads·d,)."""
    weight = array(linear.weight)
    d = weight.shape[0] // heads
    out = {f"w{name}": weight if name == "v" else weight.reshape(heads, d, weight.shape[1])}
    if linear.bias is not None:
        out[f"b{name}"] = array(linear.bias) if name == "v" else array(linear.bias).reshape(heads, d)
    return out


def window_bias_table(dense, window, block_path):
    """Swin's bias as the block adds it, (heads, Mh·Mw, Mh·Mw), gathered into Swin v1's table
    layout (heads, (2Mh−1)·(2Mw−1)) indexed (Δrow + Mh − 1)·(2Mw − 1) + (Δcol + Mw − 1).

    Gathering from the dense bias (not copying the library's table) makes the layout ours by
    construction; the round trip check refuses a bias that is not a function of the offset (to
    float rounding: a vectorised sigmoid, as in Swin V2's 16·sigmoid, may round equal inputs apart)."""
    dense = array(dense)
    heads = dense.shape[0]
    mh, mw = window
    rows, cols = np.divmod(np.arange(mh * mw), mw)
    index = ((rows[:, None] - rows[None, :] + mh - 1) * (2 * mw - 1)
             + (cols[:, None] - cols[None, :] + mw - 1))
    table = np.zeros((heads, (2 * mh - 1) * (2 * mw - 1)), dtype=np.float32)
    table[:, index.ravel()] = dense.reshape(heads, -1)
    if np.abs(table[:, index] - dense).max(initial=0) > 1e-6 * np.abs(dense).max(initial=0):
        raise errors.ExportError(f"{block_path}: its position bias does not depend on the offset alone")
    return table


def scale_setting(scale, head_dim):
    """{"scale": s} when the block scales logits by something else than 1/√d, else {}."""
    if abs(float(scale) - head_dim ** -0.5) <= 1e-9 * head_dim ** -0.5:
        return {}
    return {"scale": float(scale)}
