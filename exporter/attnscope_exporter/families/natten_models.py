"""natten: a stack of `natten.NeighborhoodAttention2D` layers (`--model natten`, configured as
`natten,dim=64,heads=4,kernel_size=7,dilation=1,depth=2,patch=8`), the exporter's own small model
around the library's module: a patch-embedding conv, then per block x + NA(LayerNorm(x)).

Read from natten 0.21's modules.py: `NeighborhoodAttention2D.forward` projects x (B, H, W, C) with
one fused `qkv` Linear laid out (3, heads, d) and calls the fused `na2d` kernel, which computes no
softmax one could keep. Its probabilities are recovered exactly from the kernel itself: for the
block's own q and k (the qkv output captured in its forward), na2d is linear in v, so running it
with one-hot values (key n ↦ channel n mod d, d keys per run) returns row after row of P."""
import numpy as np
import torch
import torch.nn as nn

from .. import block as blk
from .. import errors
from ..capture import Recorder
from . import common

FAMILY = "natten"
DEFAULTS = {"dim": 64, "heads": 4, "kernel_size": 7, "dilation": 1, "depth": 2, "patch": 8}


class NattenStack(nn.Module):
    """Patch embedding, then `depth` blocks x + NeighborhoodAttention2D(LayerNorm(x))."""

    def __init__(self, natten, dim, heads, kernel_size, dilation, depth, patch):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, dim, patch, stride=patch)
        self.blocks = nn.ModuleList()
        for _ in range(depth):
            layer = nn.Module()
            layer.norm1 = nn.LayerNorm(dim)
            layer.attn = natten.NeighborhoodAttention2D(dim, heads, kernel_size=kernel_size, dilation=dilation)
            self.blocks.append(layer)

    def forward(self, x):
        x = self.patch_embed(x).permute(0, 2, 3, 1)
        for layer in self.blocks:
            x = x + layer.attn(layer.norm1(x))
        return x


def build(spec, size, source):
    natten = common.require(spec, "natten")
    unknown = set(spec.kwargs) - set(DEFAULTS)
    if unknown:
        raise errors.unknown_model(spec.text, f"unknown setting {sorted(unknown)[0]!r} "
                                              f"(known: {', '.join(DEFAULTS)})")
    config = dict(DEFAULTS, **spec.kwargs)
    d = config["dim"] // config["heads"] if config["heads"] else 0
    if config["heads"] < 1 or config["dim"] % config["heads"] or d < 8 or d > 512 or d & (d - 1):
        raise errors.unknown_model(spec.text, "dim/heads must be a power of two in [8, 512] "
                                              "(natten's CPU backend)")

    def construct():
        try:
            return NattenStack(natten, **config)
        except Exception as error:
            raise common.construction_failed(spec, error)

    def pretrained():  # the exporter's own stack has no published weights
        raise errors.no_weights(spec.text)

    model = common.with_weights(spec, source, construct, pretrained)
    input_size = size or 14 * config["patch"]
    return common.Built(model, input_size)


def attention_blocks(spec, model):
    return {f"blocks.{i}": layer for i, layer in enumerate(model.blocks)}


def _probabilities(natten, attn, q, k):
    """P (heads, N, N) of na2d(q, k, ·) from one-hot values, d keys per run."""
    _, height, width, heads, d = q.shape
    n = height * width
    rows = torch.zeros(heads, n, n, dtype=q.dtype)
    for first in range(0, n, d):
        v = torch.zeros_like(q)
        for channel in range(min(d, n - first)):
            key = first + channel
            v[0, key // width, key % width, :, channel] = 1
        out = natten.na2d(q, k, v, kernel_size=attn.kernel_size, stride=attn.stride, dilation=attn.dilation,
                          is_causal=attn.is_causal, scale=attn.scale)
        count = min(d, n - first)
        rows[:, :, first:first + count] = out[0].reshape(n, heads, d)[:, :, :count].permute(1, 0, 2)
    return rows


def export(spec, model, blocks, x):
    import natten
    recorder = Recorder()
    for path, layer in blocks.items():
        attn = layer.attn
        if any(s != 1 for s in attn.stride) or any(attn.is_causal):
            raise errors.ExportError(f"{path}: strided or causal neighborhood attention is not a mode attnscope knows")
        recorder.record_input(path, attn)
        recorder.record_output(path, attn.qkv)
    recorder.run(lambda: model(x))
    out = []
    for path, layer in blocks.items():
        attn = layer.attn
        features = recorder.inputs[path][0][0][0]  # (H, W, C)
        height, width, channels = features.shape
        qkv = recorder.outputs[path].reshape(1, height, width, 3, attn.num_heads, attn.head_dim)
        with torch.no_grad():
            probabilities = _probabilities(natten, attn, qkv[:, :, :, 0], qkv[:, :, :, 1])
        tensors = {"features": np.ascontiguousarray(blk.array(features).transpose(2, 0, 1))}
        tensors.update(blk.split_projections(attn.qkv.weight, attn.qkv.bias, attn.num_heads))
        tensors["attention"] = blk.array(probabilities)
        settings = {"kernel": list(attn.kernel_size), "dilation": list(attn.dilation)}
        settings.update(blk.scale_setting(attn.scale, attn.head_dim))
        out.append(blk.BlockExport(path, "neighborhood", attn.num_heads, (height, width), settings, tensors))
    return out
