"""VAN's large-kernel attention from the official code (`--model van[:BUILDER] --repo DIR`, DIR a
checkout of Visual-Attention-Network/VAN-Classification; BUILDER one of its models/van.py
functions, default van_tiny).

Read from that repository's models/van.py: `Block.forward` feeds norm1(x) to `SpatialAttention`,
which applies proj_1 and GELU, then the LKA `AttentionModule` (spatial_gating_unit):
conv0 (depthwise 5×5, padding 2) → conv_spatial (depthwise 7×7, dilation 3, padding 9) → conv1
(1×1), and multiplies its input by the result. The bundle holds the LKA's input as `features` and
the two depthwise kernels (`conv0`, `conv_spatial`); the map is MECHANISMS.md's gradient of
conv_spatial(conv0(x)) at the query, which depends on the kernels only."""
import importlib.util
import os
import sys

import numpy as np

from .. import block as blk
from .. import errors
from ..capture import Recorder
from . import common

FAMILY = "van"
REPOSITORY = "VAN (Visual-Attention-Network/VAN-Classification)"


def _load_official(spec):
    if not spec.repo:
        raise errors.needs_repo("van", REPOSITORY)
    path = os.path.join(spec.repo, "models", "van.py")
    if not os.path.isfile(path):
        raise errors.ExportError(f"{path}: no such file (--repo must be a checkout of {REPOSITORY})")
    name = "attnscope_official_van_" + str(abs(hash(os.path.abspath(path))))
    if name in sys.modules:
        return sys.modules[name]
    try:
        loader = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(loader)
        loader.loader.exec_module(module)
    except Exception as error:  # the official file's own imports or code failing
        text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise errors.ExportError(f"{path}: cannot import the official VAN code: {text[:200]}")
    sys.modules[name] = module
    return module


def build(spec, size, source):
    module = _load_official(spec)
    builder_name = spec.name or "van_tiny"
    builder = getattr(module, builder_name, None)
    if not callable(builder):
        raise errors.unknown_model(spec.text, f"the official VAN code has no model builder {builder_name!r}")

    def construct():
        try:
            return builder(pretrained=False, **spec.kwargs)
        except Exception as error:
            raise common.construction_failed(spec, error)

    def pretrained():  # the official builders download their weights: never
        raise errors.no_weights(spec.text)

    model = common.with_weights(spec, source, construct, pretrained)
    return common.Built(model, size or 224)


def _lka(block):
    attention = getattr(block, "attn", None)
    unit = getattr(attention, "spatial_gating_unit", None)
    if unit is not None and hasattr(unit, "conv0") and hasattr(unit, "conv_spatial"):
        return unit
    return None


def attention_blocks(spec, model):
    return {path: m for path, m in model.named_modules() if _lka(m) is not None}


def _settings(path, unit):
    conv0, spatial = unit.conv0, unit.conv_spatial
    d = spatial.dilation[0]
    k0, k1 = conv0.kernel_size[0], spatial.kernel_size[0]
    square = conv0.kernel_size == (k0, k0) and spatial.kernel_size == (k1, k1) and spatial.dilation == (d, d)
    depthwise = conv0.groups == conv0.in_channels == conv0.out_channels and spatial.groups == spatial.in_channels
    same = conv0.padding == ((k0 - 1) // 2,) * 2 and spatial.padding == (d * (k1 - 1) // 2,) * 2
    if not (square and depthwise and same and k0 == 2 * d - 1 and conv0.stride == spatial.stride == (1, 1)):
        raise errors.ExportError(f"{path}: its convolutions are not the LKA attnscope knows "
                                 "(depthwise (2d−1)² then ⌈K/d⌉² with dilation d, same padding)")
    return {"kernel": k1 * d, "dilation": d}


def export(spec, model, blocks, x):
    recorder = Recorder()
    for path, b in blocks.items():
        recorder.record_input(path, _lka(b))
    recorder.run(lambda: model(x))
    out = []
    for path, b in blocks.items():
        unit = _lka(b)
        settings = _settings(path, unit)
        features = blk.array(recorder.inputs[path][0][0][0])  # (C, H, W): the module reads NCHW
        tensors = {"features": np.ascontiguousarray(features),
                   "conv0": blk.array(unit.conv0.weight), "conv_spatial": blk.array(unit.conv_spatial.weight)}
        out.append(blk.BlockExport(path, "lka", 1, features.shape[1:], settings, tensors))
    return out
