"""LESA's binary term from the official code (`--model lesa[,key=value…] --repo DIR`, DIR a checkout
of Chenglin-Yang/LESA_classification, the classification part of Chenglin-Yang/LESA).

The official `LESA` class is loaded from lib/models/LESA.py (which imports einops and mmcv: a
checkout needs both installed). Its ResNet (lib/models/resnet.py) is built from an mmcv config
file, so the exporter builds a small stack around the official module as that ResNet's
Bottleneck uses it in place of conv2: `stem` (a patch convolution, stride `patch`), then
`blocks.i` with `conv1` (1×1), `bn1`, ReLU, `conv2` (LESA, kernel_size = the map's side), `bn2`,
ReLU, `conv3` (1×1), `bn3`, plus the identity. The LESA config is the official classification one
(config/lesa_resnet.py: type 'LESA', pe_type 'classification', df_channel_shrink [2],
df_kernel_size [1, 1], df_group [1, 1]); keys (defaults): dim=64, groups=8, depth=2, patch=16;
input 128×128 (an 8×8 map).

The binary term has axial-deeplab's AxialAttention layout over the H·W flattened positions
(qkv_transform, bn_qkv, bn_similarity, bn_output, `relative` (2·qk + v, 2·HW − 1)), so its
BatchNorms fold exactly as axial_official.fold derives. Bundle: `features` (the LESA module's
input, C×H×W); `wq`, `wk` (heads, d, C), `bq`, `bk`; `rq`, `rk` (heads, d, 2·HW − 1), column
HW − 1 + δ holding the flattened offset δ (query − key for rq, key − query for rk); `wv`, `bv`,
`rv` (C, 2·HW − 1) the folded values of the binary term; `attention` (heads, N, N) the binary
softmax the module computed. Settings: none (scale 1)."""
import torch.nn as nn

from .. import block as blk
from .. import errors
from ..capture import Recorder
from . import axial_official, common, official_code

FAMILY = "lesa"
REPOSITORY = "LESA (Chenglin-Yang/LESA_classification)"
DEFAULT_SIZE = 128
DEFAULTS = {"dim": 64, "groups": 8, "depth": 2, "patch": 16}


class _Config(dict):
    """The mmcv-style config the official module reads as attributes and as items."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)


def _lesa_config(groups):
    return _Config(type="LESA", with_cp_UB_terms_only=False, pe_type="classification", groups=groups,
                   df_channel_shrink=[2], df_kernel_size=[1, 1], df_group=[1, 1])


class LesaBottleneck(nn.Module):
    """resnet.py's Bottleneck with the LESA module as conv2 (stride 1, no downsampling)."""

    def __init__(self, module, dim, side, groups):
        super().__init__()
        self.conv1 = nn.Conv2d(dim, dim, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(dim)
        self.conv2 = module.lesa3x3(lesa=_lesa_config(groups), in_planes=dim, out_planes=dim, kernel_size=side)
        self.bn2 = nn.BatchNorm2d(dim)
        self.conv3 = nn.Conv2d(dim, dim, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(dim)
        self.relu = nn.ReLU()

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        return self.relu(self.bn3(self.conv3(out)) + x)


class LesaStack(nn.Module):
    def __init__(self, module, size, o):
        super().__init__()
        self.stem = nn.Conv2d(3, o["dim"], o["patch"], o["patch"])
        side = size // o["patch"]
        self.blocks = nn.ModuleList([LesaBottleneck(module, o["dim"], side, o["groups"]) for _ in range(o["depth"])])

    def forward(self, x):
        x = self.stem(x)
        for b in self.blocks:
            x = b(x)
        return x


def build(spec, size, source):
    module = official_code.load(spec, FAMILY, REPOSITORY, "lib/models/LESA.py")
    if not callable(getattr(module, "lesa3x3", None)):
        raise errors.ExportError(f"{spec.repo}/lib/models/LESA.py: no function lesa3x3")
    unknown = set(spec.kwargs) - set(DEFAULTS)
    if spec.name or unknown:
        raise errors.unknown_model(spec.text, "expected lesa[,key=value…] with keys " + ", ".join(DEFAULTS))
    o = dict(DEFAULTS, **spec.kwargs)
    if not all(isinstance(v, int) and v >= 1 for v in o.values()) or o["dim"] % (2 * o["groups"]):
        raise errors.unknown_model(spec.text, "dim, groups, depth, patch: positive integers, dim a multiple of 2·groups")
    size = size or DEFAULT_SIZE
    if size % o["patch"]:
        raise errors.unknown_model(spec.text, f"--size {size}: expected a multiple of patch={o['patch']}")

    def construct():
        try:
            return LesaStack(module, size, o)
        except Exception as error:
            raise common.construction_failed(spec, error)

    def pretrained():
        raise errors.no_weights(spec.text)

    return common.Built(common.with_weights(spec, source, construct, pretrained), size)


def _is_lesa(module):
    return all(hasattr(module, name) for name in ("qkv_transform", "bn_qkv", "bn_similarity", "bn_output",
                                                  "relative", "qk_planes", "v_planes", "x_transform"))


def attention_blocks(spec, model):
    return {path: m for path, m in model.named_modules() if _is_lesa(m)}


def export(spec, model, blocks, x):
    recorder = Recorder()
    for path, b in blocks.items():
        recorder.record_input(path, b)
        recorder.record_softmax(path, b)
    recorder.run(lambda: model(x))
    out = []
    for path, b in blocks.items():
        if getattr(b.lesa, "pe_type", None) != "classification" or b.v_planes != 2 * b.qk_planes:
            raise errors.ExportError(f"{path}: only LESA's classification position embedding "
                                     "(v_planes = 2·qk_planes) is exported")
        folded = axial_official.fold(b, path, gp=b.v_planes)
        features = blk.array(recorder.inputs[path][0][0][0])
        tensors = {"features": features}
        tensors.update({name: value.astype("float32") for name, value in folded.items()})
        tensors["attention"] = blk.array(common.only_softmax(recorder, path)[0])  # (heads, N, N)
        out.append(blk.BlockExport(path, "lesa", b.groups, features.shape[1:], {}, tensors))
    return out
