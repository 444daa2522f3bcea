"""DAT's deformable attention from the official code (`--model dat[,key=value…] --repo DIR`, DIR a
checkout of LeapLabTHU/DAT).

`DAttentionBaseline` and `LayerNormProxy` are loaded from models/dat_blocks.py. The official
network (models/dat.py) also imports its neighborhood, slide and QnA attentions, whose code needs
an older NATTEN and CUDA kernels, so the exporter builds a small stack of the official block as
dat.py's TransformerStage runs it (`x + attn(layer_norm(x))`, then an MLP): `stem` (a patch
convolution, stride `patch`), then `blocks.i` with `norm1` (LayerNormProxy), `attn`
(DAttentionBaseline), `norm2` and `mlp`. Keys (defaults): dim=64, heads=4, groups=2, stride=2
(the key/value grid's stride r), ksize=3 (conv_offset's kernel), offset_range=2 (f; < 0 for DAT++'s
clamp), pe=rpe|log_cpb|fixed|dwc|none (rpe: the rpe_table of dat_blocks.py's default), depth=2,
patch=8; input 128×128.

Bundle: `features` (the block's input after norm1, C×H×W); `wq`, `wk` (heads, d, C), `bq`, `bk`
(heads, d) from proj_q, proj_k; `wv` (C, C), `bv` from proj_v; `offsets` (G, 2, Hk, Wk), the raw
conv_offset output Δ (channel 0 = y); `positions` (G, Hk, Wk, 2), the pos the block's forward
returns (normalised, y then x); `bias`: the rpe_table (heads, 2H−1, 2W−1) as stored, or for
log_cpb and fixed_pe the dense bias the block adds (heads, H·W, Hk·Wk) (dwc_pe adds to the output,
not to the logits: no bias). Settings: groups, offset_range, stride."""
import torch.nn as nn

from .. import block as blk
from .. import errors
from ..capture import Recorder
from . import common, official_code

FAMILY = "dat"
REPOSITORY = "DAT (LeapLabTHU/DAT)"
DEFAULT_SIZE = 128
DEFAULTS = {"dim": 64, "heads": 4, "groups": 2, "stride": 2, "ksize": 3, "offset_range": 2, "pe": "rpe",
            "depth": 2, "patch": 8}
POSITION_BIAS = ("rpe", "log_cpb", "fixed", "dwc", "none")


class DeformableBlock(nn.Module):
    """One DAT 'D' block as TransformerStage runs it: x + attn(norm1(x))[0], x + mlp(norm2(x))."""

    def __init__(self, blocks, grid, o):
        super().__init__()
        dim, pe = o["dim"], o["pe"]
        self.norm1 = blocks.LayerNormProxy(dim)
        self.attn = blocks.DAttentionBaseline(
            (grid, grid), (grid, grid), o["heads"], dim // o["heads"], o["groups"], 0.0, 0.0, o["stride"],
            o["offset_range"], pe != "none", pe == "dwc", False, pe == "fixed", o["ksize"], pe == "log_cpb")
        self.norm2 = blocks.LayerNormProxy(dim)
        self.mlp = nn.Sequential(nn.Conv2d(dim, 2 * dim, 1), nn.GELU(), nn.Conv2d(2 * dim, dim, 1))

    def forward(self, x):
        x = x + self.attn(self.norm1(x))[0]
        return x + self.mlp(self.norm2(x))


class DeformableStack(nn.Module):
    """A patch convolution and `depth` deformable blocks."""

    def __init__(self, blocks, size, o):
        super().__init__()
        self.stem = nn.Conv2d(3, o["dim"], o["patch"], o["patch"])
        self.blocks = nn.ModuleList([DeformableBlock(blocks, size // o["patch"], o) for _ in range(o["depth"])])

    def forward(self, x):
        x = self.stem(x)
        for b in self.blocks:
            x = b(x)
        return x


def _options(spec, size):
    unknown = set(spec.kwargs) - set(DEFAULTS)
    if spec.name or unknown:
        raise errors.unknown_model(spec.text, "expected dat[,key=value…] with keys " + ", ".join(DEFAULTS))
    o = dict(DEFAULTS, **spec.kwargs)
    integers = ("dim", "heads", "groups", "stride", "ksize", "depth", "patch")
    if not all(isinstance(o[k], int) and o[k] >= 1 for k in integers):
        raise errors.unknown_model(spec.text, f"{', '.join(integers)} must be positive integers")
    if o["dim"] % o["heads"] or o["heads"] % o["groups"]:
        raise errors.unknown_model(spec.text, "dim must be a multiple of heads, heads a multiple of groups")
    if o["pe"] not in POSITION_BIAS or not isinstance(o["offset_range"], (int, float)):
        raise errors.unknown_model(spec.text, f"pe must be one of {', '.join(POSITION_BIAS)}, offset_range a number")
    if size % o["patch"] or size // o["patch"] < 2 * o["stride"]:
        raise errors.unknown_model(spec.text, f"--size {size}: expected a multiple of patch={o['patch']} "
                                              f"giving at least {2 * o['stride']} positions per axis")
    return o


def build(spec, size, source):
    blocks = official_code.load(spec, FAMILY, REPOSITORY, "models/dat_blocks.py")
    for name in ("DAttentionBaseline", "LayerNormProxy"):
        if not isinstance(getattr(blocks, name, None), type):
            raise errors.ExportError(f"{spec.repo}/models/dat_blocks.py: no class {name}")
    size = size or DEFAULT_SIZE
    o = _options(spec, size)

    def construct():
        try:
            return DeformableStack(blocks, size, o)
        except Exception as error:
            raise common.construction_failed(spec, error)

    def pretrained():
        raise errors.no_weights(spec.text)

    return common.Built(common.with_weights(spec, source, construct, pretrained), size)


def _is_deformable(module):
    return all(hasattr(module, name) for name in ("conv_offset", "proj_q", "proj_k", "proj_v", "n_groups",
                                                  "offset_range_factor", "rpe_table"))


def attention_blocks(spec, model):
    return {path: m for path, m in model.named_modules() if _is_deformable(getattr(m, "attn", None))}


def _conv_matrix(conv):
    return blk.array(conv.weight)[:, :, 0, 0], blk.array(conv.bias) if conv.bias is not None else None


def export(spec, model, blocks, x):
    recorder = Recorder()
    for path, b in blocks.items():
        recorder.record_input(path, b.attn)
        recorder.record_output(path, b.attn)
        recorder.record_output(path + ":offsets", b.attn.conv_offset)
        if b.attn.log_cpb and b.attn.use_pe and not b.attn.dwc_pe and not b.attn.fixed_pe:
            recorder.record_output(path + ":bias", b.attn.rpe_table)
    recorder.run(lambda: model(x))
    out = []
    for path, b in blocks.items():
        attn = b.attn
        if attn.no_off:
            raise errors.ExportError(f"{path}: no_off (average-pooled keys, no offsets) is not deformable attention")
        heads, groups = attn.n_heads, attn.n_groups
        features = blk.array(recorder.inputs[path][0][0][0])
        tensors = {"features": features}
        for letter, conv in (("q", attn.proj_q), ("k", attn.proj_k), ("v", attn.proj_v)):
            weight, bias = _conv_matrix(conv)
            if letter == "v":
                tensors.update(wv=weight, bv=bias)
            else:
                tensors[f"w{letter}"] = weight.reshape(heads, -1, weight.shape[1])
                tensors[f"b{letter}"] = bias.reshape(heads, -1)
        offsets = blk.array(recorder.outputs[path + ":offsets"])
        tensors["offsets"] = offsets.reshape(groups, 2, *offsets.shape[2:])
        tensors["positions"] = blk.array(recorder.outputs[path][1][0])
        height, width = features.shape[1:]
        if attn.use_pe and not attn.dwc_pe:
            if attn.fixed_pe:
                tensors["bias"] = blk.array(attn.rpe_table)
            elif attn.log_cpb:
                dense = blk.array(recorder.outputs[path + ":bias"])  # (G, HW, Ns, heads per group)
                tensors["bias"] = dense.transpose(0, 3, 1, 2).reshape(heads, height * width, -1)
            else:
                tensors["bias"] = blk.array(attn.rpe_table)
        settings = {"groups": groups, "offset_range": float(attn.offset_range_factor), "stride": int(attn.stride)}
        settings.update(blk.scale_setting(attn.scale, attn.n_head_channels))
        out.append(blk.BlockExport(path, "dat", heads, (height, width), settings, tensors))
    return out
