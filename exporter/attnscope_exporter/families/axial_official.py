"""Axial-DeepLab's axial blocks from the official code (`--model axial[:BUILDER] --repo DIR`, DIR a
checkout of csrhddlam/axial-deeplab; BUILDER one of lib/models/axialnet.py's axial26s, axial50s,
axial50m, axial50l, default axial26s). The official network is built for 224×224 only (its
kernel sizes 56/28/14 are the axes' lengths), so --size must be 224 or absent.

`AxialBlock.forward` feeds relu(bn1(conv_down(x))) to `hight_block` (attention along the height
axis) and its output straight to `width_block`. Each `AxialAttention` projects with a 1×1
`qkv_transform`, then eval-mode BatchNorms act on the q/k/v channels (bn_qkv), on the three
similarity terms qk, qr, kr per group (bn_similarity) and on the two output terms sv, sve
(bn_output). All three are per-channel affine maps, folded here exactly:
- bn_qkv (scale s, shift t per channel): W ← s·W, b ← s·b + t.
- bn_similarity (scales σ_qk, σ_qr, σ_kr per group g; its shifts add a constant to all of a
  query's logits, which the softmax drops): σ_qk goes into that head's wq, bq, so the tables take
  the ratios: rq_g = (σ_qr/σ_qk)·E_q and rk_g = σ_kr·E_k (per head: the groups' σ differ).
- bn_output (scales σ_sv, σ_sve, shifts τ per output channel o): the weights of a query sum to
  1, so Σ_j a_j(σ_sv v_j) + σ_sve Σ_j a_j E_v + τ_sv + τ_sve = Σ_j a_j(wv' x_j + bv') + Σ_j a_j rv'
  with wv' = σ_sv·wv, bv' = σ_sv·bv + τ_sv + τ_sve, rv' = σ_sve·E_v.

Bundle: `features` (the height block's input, C×H×W); `wq`, `wk` (heads, d, C), `bq`, `bk`
(heads, d) of the height pass; `wv` (C, C), `bv` (C,) its values; `wq2`, `wk2`, `bq2`, `bk2` the
width pass's projections of the height pass's output; `rq`, `rk` (2, heads, d, 2K−1) and `rv`
(2, C, 2K−1): [height pass, width pass], column K−1+δ holding offset δ = query − key
(rk: key − query), as MECHANISMS.md indexes them; settings {"passes": 2}."""
import numpy as np

from .. import block as blk
from .. import errors
from ..capture import Recorder
from . import common, official_code

FAMILY = "axial"
REPOSITORY = "Axial-DeepLab (csrhddlam/axial-deeplab)"
NATIVE_SIZE = 224


def build(spec, size, source):
    module = official_code.load(spec, FAMILY, REPOSITORY, "lib/models/axialnet.py")
    builder = official_code.builder(spec, module, "axial26s", "Axial-DeepLab")
    if size not in (None, NATIVE_SIZE):
        raise errors.unknown_model(spec.text, f"--size {size}: the official axial networks are built for "
                                              f"{NATIVE_SIZE}×{NATIVE_SIZE} inputs only")

    def construct():
        try:
            return builder(pretrained=False, **spec.kwargs)
        except Exception as error:
            raise common.construction_failed(spec, error)

    def pretrained():  # the official code has no weights to find on disk
        raise errors.no_weights(spec.text)

    return common.Built(common.with_weights(spec, source, construct, pretrained), NATIVE_SIZE)


def _is_axial_attention(module):
    return all(hasattr(module, name) for name in ("qkv_transform", "bn_qkv", "bn_similarity", "bn_output",
                                                  "relative", "groups", "group_planes"))


def attention_blocks(spec, model):
    return {path: m for path, m in model.named_modules()
            if _is_axial_attention(getattr(m, "hight_block", None))
            and _is_axial_attention(getattr(m, "width_block", None))}


def fold(attention, path, gp=None):
    """One AxialAttention's tensors with its BatchNorms folded (float64): wq, wk (G, d, C), bq, bk
    (G, d), wv (C, C), bv (C,), rq, rk (G, d, 2K−1), rv (C, 2K−1). `gp`, the channels per group
    (q and k gp/2 each, v gp), defaults to the module's group_planes; LESA's binary term has the
    same layout and passes its own."""
    groups, gp = attention.groups, gp or attention.group_planes
    if gp % 2:
        raise errors.ExportError(f"{path}: odd channels per group ({gp}); the official split needs them even")
    weight = attention.qkv_transform.weight.detach().double().numpy()[:, :, 0]
    bias = (attention.qkv_transform.bias.detach().double().numpy() if attention.qkv_transform.bias is not None
            else np.zeros(weight.shape[0]))
    s, t = official_code.batch_norm_affine(attention.bn_qkv)
    weight, bias = weight * s[:, None], bias * s + t
    sigma, _ = official_code.batch_norm_affine(attention.bn_similarity)
    out_scale, out_shift = official_code.batch_norm_affine(attention.bn_output)
    relative = attention.relative.detach().double().numpy()
    half = gp // 2
    e_q, e_k, e_v = relative[:half], relative[half:gp], relative[gp:]
    channels = weight.shape[1]
    wq, wk = np.zeros((groups, half, channels)), np.zeros((groups, half, channels))
    bq, bk = np.zeros((groups, half)), np.zeros((groups, half))
    rq, rk = np.zeros((groups, half) + e_q.shape[1:]), np.zeros((groups, half) + e_k.shape[1:])
    wv, bv = np.zeros((groups * gp, channels)), np.zeros(groups * gp)
    rv = np.zeros((groups * gp,) + e_v.shape[1:])
    for g in range(groups):
        base = 2 * gp * g
        s_qk, s_qr, s_kr = sigma[g], sigma[groups + g], sigma[2 * groups + g]
        if s_qk == 0:
            raise errors.ExportError(f"{path}: bn_similarity scales head {g}'s q·k term by 0; "
                                     "it cannot be folded into the projections")
        wq[g], bq[g] = s_qk * weight[base:base + half], s_qk * bias[base:base + half]
        wk[g], bk[g] = weight[base + half:base + gp], bias[base + half:base + gp]
        rq[g], rk[g] = (s_qr / s_qk) * e_q, s_kr * e_k
        for c in range(gp):
            o, row = g * gp + c, base + gp + c
            wv[o] = out_scale[2 * o] * weight[row]
            bv[o] = out_scale[2 * o] * bias[row] + out_shift[2 * o] + out_shift[2 * o + 1]
            rv[o] = out_scale[2 * o + 1] * e_v[c]
    return dict(wq=wq, wk=wk, bq=bq, bk=bk, wv=wv, bv=bv, rq=rq, rk=rk, rv=rv)


def export(spec, model, blocks, x):
    recorder = Recorder()
    for path, b in blocks.items():
        recorder.record_input(path, b.hight_block)
    recorder.run(lambda: model(x))
    out = []
    for path, b in blocks.items():
        height, width = fold(b.hight_block, path + ".hight_block"), fold(b.width_block, path + ".width_block")
        if b.hight_block.groups != b.width_block.groups or height["wq"].shape[1] != width["wq"].shape[1]:
            raise errors.ExportError(f"{path}: its height and width attention differ in heads or head size")
        features = blk.array(recorder.inputs[path][0][0][0])
        tensors = {"features": features}
        for name in ("wq", "wk", "bq", "bk", "wv", "bv"):
            tensors[name] = height[name].astype(np.float32)
        for name in ("wq", "wk", "bq", "bk"):
            tensors[name + "2"] = width[name].astype(np.float32)
        for name in ("rq", "rk", "rv"):
            tensors[name] = np.stack([height[name], width[name]]).astype(np.float32)
        out.append(blk.BlockExport(path, "axial", b.hight_block.groups, features.shape[1:], {"passes": 2}, tensors))
    return out
