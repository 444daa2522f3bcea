"""CCNet's recurrent criss-cross attention from the official code (`--model ccnet[,channels=C]
[,recurrence=R] --repo DIR`, DIR a checkout of speedinghzl/CCNet).

The official `CrissCrossAttention` class is loaded from cc_attention/functions.py (the
pure-PyTorch version). The official segmentation network (networks/ccnet.py) needs the
inplace_abn package and a GPU, so the exporter builds the part CCNet's head runs around it, as
networks/ccnet.py's `RCCAModule` does: `head.conva` (3×3 conv, BatchNorm, leaky ReLU 0.01 as
InPlaceABNSync's default activation) → `head.cca` applied R times with the same weights →
`head.convb`, on a small stride-8 convolutional stem of the exporter's own (`stem`), so a
C×(S/8)×(S/8) map reaches the attention. Defaults: C = 64, R = 2, S = 128.

The official INF builds its −∞ diagonal with .cuda(); without a GPU the exporter gives each
CrissCrossAttention instance the same diagonal on the CPU (its `INF` attribute), nothing else.

Bundle: `features` (what cca reads in its first pass: conva's output, C×H×W), `wq`, `wk`
(1, C/8, C), `bq`, `bk` (1, C/8) from query_conv and key_conv, `wv` (C, C), `bv` (C,) from
value_conv; settings {"passes": R, "gamma": γ} (the learned gamma)."""
import torch
import torch.nn as nn

from .. import block as blk
from .. import errors
from ..capture import Recorder
from . import common, official_code

FAMILY = "ccnet"
REPOSITORY = "CCNet (speedinghzl/CCNet)"
DEFAULT_SIZE = 128


def _cpu_infinity_diagonal(batch, height, width):
    """What the official INF returns, built on the CPU: (batch·W, H, H) with −∞ on the diagonal."""
    return torch.diag(torch.full((height,), float("-inf"))).unsqueeze(0).repeat(batch * width, 1, 1)


def _conv_bn(channels_in, channels_out, stride):
    return nn.Sequential(nn.Conv2d(channels_in, channels_out, 3, stride=stride, padding=1, bias=False),
                         nn.BatchNorm2d(channels_out), nn.LeakyReLU(0.01))


class RecurrentCrissCross(nn.Module):
    """networks/ccnet.py's RCCAModule without its classifier: conva, cca × recurrence, convb."""

    def __init__(self, attention_class, channels, recurrence):
        super().__init__()
        self.recurrence = recurrence
        self.conva = _conv_bn(channels, channels, 1)
        self.cca = attention_class(channels)
        self.convb = _conv_bn(channels, channels, 1)

    def forward(self, x):
        output = self.conva(x)
        for _ in range(self.recurrence):
            output = self.cca(output)
        return self.convb(output)


class CrissCrossNet(nn.Module):
    """A stride-8 stem (three 3×3 convs, each BatchNorm and leaky ReLU) and the criss-cross head."""

    def __init__(self, attention_class, channels=64, recurrence=2):
        super().__init__()
        self.stem = nn.Sequential(_conv_bn(3, 32, 2), _conv_bn(32, 64, 2), _conv_bn(64, channels, 2))
        self.head = RecurrentCrissCross(attention_class, channels, recurrence)

    def forward(self, x):
        return self.head(self.stem(x))


def build(spec, size, source):
    module = official_code.load(spec, FAMILY, REPOSITORY, "cc_attention/functions.py")
    attention_class = getattr(module, "CrissCrossAttention", None)
    if not isinstance(attention_class, type):
        raise errors.ExportError(f"{spec.repo}/cc_attention/functions.py: no class CrissCrossAttention")
    if spec.name:
        raise errors.unknown_model(spec.text, "expected ccnet[,channels=C][,recurrence=R] (no :NAME)")
    unknown = set(spec.kwargs) - {"channels", "recurrence"}
    if unknown:
        raise errors.unknown_model(spec.text, f"unknown setting {sorted(unknown)[0]!r} (channels, recurrence)")
    channels, recurrence = spec.kwargs.get("channels", 64), spec.kwargs.get("recurrence", 2)
    if not (isinstance(channels, int) and channels >= 8 and channels % 8 == 0):
        raise errors.unknown_model(spec.text, f"channels={channels!r}: expected a multiple of 8")
    if not (isinstance(recurrence, int) and 1 <= recurrence <= 64):
        raise errors.unknown_model(spec.text, f"recurrence={recurrence!r}: expected 1 … 64")

    def construct():
        try:
            return CrissCrossNet(attention_class, channels, recurrence)
        except Exception as error:
            raise common.construction_failed(spec, error)

    def pretrained():
        raise errors.no_weights(spec.text)

    model = common.with_weights(spec, source, construct, pretrained)
    if not torch.cuda.is_available():
        for m in model.modules():
            if isinstance(m, attention_class) and callable(getattr(m, "INF", None)):
                m.INF = _cpu_infinity_diagonal
    return common.Built(model, size or DEFAULT_SIZE)


def _is_criss_cross(module):
    return all(hasattr(module, name) for name in ("query_conv", "key_conv", "value_conv", "gamma"))


def attention_blocks(spec, model):
    return {path: m for path, m in model.named_modules()
            if _is_criss_cross(getattr(m, "cca", None)) and hasattr(m, "conva") and hasattr(m, "recurrence")}


def _projection(conv, name):
    weight = blk.array(conv.weight)
    if weight.shape[2:] != (1, 1):
        raise errors.ExportError(f"{name} is not a 1×1 convolution")
    weight = weight[:, :, 0, 0]
    bias = blk.array(conv.bias) if conv.bias is not None else None
    return weight, bias


def export(spec, model, blocks, x):
    recorder = Recorder()
    for path, b in blocks.items():
        recorder.record_output(path, b.conva)  # what cca reads in its first pass
    recorder.run(lambda: model(x))
    out = []
    for path, b in blocks.items():
        features = blk.array(recorder.outputs[path][0])
        tensors = {"features": features}
        for letter, name in (("q", "query_conv"), ("k", "key_conv"), ("v", "value_conv")):
            weight, bias = _projection(getattr(b.cca, name), f"{path}.cca.{name}")
            tensors[f"w{letter}"] = weight if letter == "v" else weight[None]
            if bias is not None:
                tensors[f"b{letter}"] = bias if letter == "v" else bias[None]
        settings = {"passes": int(b.recurrence), "gamma": float(b.cca.gamma.detach().reshape(-1)[0])}
        out.append(blk.BlockExport(path, "criss-cross", 1, features.shape[1:], settings, tensors))
    return out
