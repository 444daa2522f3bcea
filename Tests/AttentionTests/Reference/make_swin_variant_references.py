"""Swin window rules and Swin V2 cosine attention from the REAL library modules.

Builds timm 1.0 `SwinTransformerBlock` / `SwinTransformerV2Block`, torchvision
`SwinTransformerBlock` / `SwinTransformerBlockV2` and transformers `SwinLayer` / `Swinv2Layer` with
seeded random, perturbed weights (non-zero bias tables, peaky attention, one V2 head above the
ln 100 clamp) on maps that are no multiple of the window, shifted and unshifted, runs each block
forward once and keeps what its own softmax returned. Nothing here re-implements a window rule:

- the attention input is made the block's own input (its pre-attention norm replaced by the
  identity in V1; V2 blocks read their input anyway), so the features are exactly what the
  q/k/v projection reads, float32-representable;
- which pixel every windowed token is (or padding) is read off the tokens the block's own qkv
  projection received (`F.linear`'s input), matched to the features by value;
- the probabilities are the output of the block's own softmax (`F.softmax`, which nn.Softmax and
  the functional paths call).

Writes ../Vectors/swin_variants.json in the ReferenceCase format (Support/ReferenceVectors.swift).
Run with the exporter's venv:  "$(scripts/exporter-env.sh)/bin/python" \
    Tests/AttentionTests/Reference/make_swin_variant_references.py
"""
import contextlib
import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Vectors", "swin_variants.json")
C, HEADS = 12, 3


def rounded(t):
    """float32-representable float64 (Swift reads the same numbers)."""
    return t.to(torch.float32).to(torch.float64)


def perturb(module, seed, table_std=2.0):
    """Seeded random weights: projections strong enough for peaky softmaxes, bias tables and
    the V2 position MLP far from zero, logit_scale per head with one above the clamp."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in module.named_parameters():
            if "logit_scale" in name:
                values = torch.tensor([math.log(4.0), math.log(30.0), math.log(400.0)])[: p.numel()]
                p.copy_(values.reshape(p.shape))
            elif "relative_position_bias_table" in name:
                p.copy_(rounded(torch.randn(p.shape, generator=g) * table_std))
            elif "cpb_mlp" in name or "continuous_position_bias_mlp" in name:
                p.copy_(rounded(torch.randn(p.shape, generator=g)))
            elif p.dim() == 2:
                p.copy_(rounded(torch.randn(p.shape, generator=g) * 2.0 / math.sqrt(p.shape[1])))
            else:
                p.copy_(rounded(torch.randn(p.shape, generator=g) * 0.5))
    return module


@contextlib.contextmanager
def watching(qkv_weight):
    """Records the tokens the projection with weight `qkv_weight` reads and every softmax output."""
    seen = {"tokens": None, "softmax": []}
    linear, softmax = F.linear, F.softmax

    def watched_linear(x, weight, bias=None):
        if weight is qkv_weight and seen["tokens"] is None:
            seen["tokens"] = x.detach().clone()
        return linear(x, weight, bias)

    def watched_softmax(x, *args, **kwargs):
        out = softmax(x, *args, **kwargs)
        seen["softmax"].append(out.detach().clone())
        return out

    F.linear, F.softmax = watched_linear, watched_softmax
    try:
        yield seen
    finally:
        F.linear, F.softmax = linear, softmax


def pixel_of_tokens(tokens, features_hwc):
    """For every windowed token (nW, N): the pixel index whose features it holds, or −1 (a zero
    padding token). Features are random, so each pixel's vector is unique."""
    h, w, c = features_hwc.shape
    flat = features_hwc.reshape(h * w, c)
    tokens = tokens.reshape(-1, tokens.shape[-2], c)
    out = torch.full(tokens.shape[:2], -1, dtype=torch.long)
    for win in range(tokens.shape[0]):
        for i in range(tokens.shape[1]):
            t = tokens[win, i]
            hits = (flat == t).all(dim=1).nonzero().flatten()
            if len(hits) == 1:
                out[win, i] = hits[0]
            elif not (t == 0).all():
                raise AssertionError(f"window {win} token {i} matches {len(hits)} pixels")
    return out


def maps_from_probabilities(probs, pixels, head, queries, h, w):
    """Each query's row of the module's probabilities, laid back on the grid (padding → offImage)."""
    expected = []
    for (y, x) in queries:
        where = (pixels == y * w + x).nonzero()
        assert len(where) == 1, f"pixel ({y}, {x}) appears {len(where)} times in the windows"
        win, i = where[0].tolist()
        row = probs[win, head, i]
        weights = torch.zeros(h * w, dtype=torch.float64)
        off = 0.0
        for j, p in enumerate(pixels[win].tolist()):
            if p < 0:
                off += float(row[j])
            else:
                weights[p] += row[j]
        expected.append({"weights": weights.reshape(h, w), "offImage": off})
    return expected


def queries_for(h, w):
    picks = [(0, 0), (0, w - 1), (h - 1, 0), (h - 1, w - 1), (0, w // 2), (h // 2, w - 1), (h // 2, w // 2),
             (min(3, h - 1), min(4, w - 1)), (h - 2, w // 3)]
    unique = []
    for q in picks:
        if q not in unique:
            unique.append(q)
    return unique


def split_qk(weight, bias, heads):
    """(wq, wk, bq, bk) per head from a fused qkv Linear: rows [q; k; v], each (heads·d)."""
    dim = weight.shape[0] // 3
    d = dim // heads
    wq, wk = weight[:dim].reshape(heads, d, -1), weight[dim:2 * dim].reshape(heads, d, -1)
    out = {"wq": wq, "wk": wk}
    if bias is not None:
        out["bq"], out["bk"] = bias[:dim].reshape(heads, d), bias[dim:2 * dim].reshape(heads, d)
    return out


def tensor_json(t):
    t = torch.as_tensor(t).detach().to(torch.float64).contiguous()
    # 9 significant digits: exact for float32 inputs, far below the 1e-5 tolerance for maps.
    return {"shape": list(t.shape), "data": [float(f"{v:.9g}") for v in t.flatten().tolist()]}


def run_block(forward, qkv_weight, features_hwc):
    with torch.no_grad(), watching(qkv_weight) as seen:
        forward(features_hwc)
    assert seen["tokens"] is not None and len(seen["softmax"]) == 1, "expected one qkv projection and one softmax"
    probs = seen["softmax"][0]
    return probs.reshape(-1, HEADS, probs.shape[-2], probs.shape[-1]), pixel_of_tokens(seen["tokens"], features_hwc)


def cases_for(name, variant, window, shift, h, w, probs, pixels, features_hwc, projections, bias, heads=(0, 2)):
    out = []
    queries = queries_for(h, w)
    for head in heads:
        expected = maps_from_probabilities(probs, pixels, head, queries, h, w)
        out.append({
            "name": f"{name} {h}x{w} M={window} s={shift} head {head}",
            "mode": "window",
            "features": tensor_json(features_hwc.permute(2, 0, 1)),
            "settings": {"window": window, "shift": shift, "head": head, "variant": variant},
            "inputs": {"projections": {k: tensor_json(v) for k, v in projections.items()},
                       "relativeBias": tensor_json(bias)},
            "queries": [list(q) for q in queries],
            "expected": [{"weights": tensor_json(e["weights"]), "offImage": e["offImage"]} for e in expected],
        })
    return out


def features(seed, h, w):
    g = torch.Generator().manual_seed(seed)
    return rounded(torch.randn(h, w, C, generator=g))


def v2_table(mlp, coords, heads):
    """Swin V2's final bias table, 16·sigmoid(cpb_mlp(coords)), in Swin v1's ((2Mh−1)(2Mw−1), heads) layout."""
    return 16 * torch.sigmoid(mlp(coords).reshape(-1, heads))


def timm_cases(seed):
    from timm.models.swin_transformer import SwinTransformerBlock
    from timm.models.swin_transformer_v2 import SwinTransformerV2Block
    out = []
    for (h, w), shift in [((9, 9), 3), ((9, 9), 0), ((5, 5), 3), ((3, 3), 3), ((5, 10), 3), ((10, 9), 3)]:
        block = perturb(SwinTransformerBlock(C, (h, w), num_heads=HEADS, window_size=7, shift_size=shift), seed).double().eval()
        block.norm1 = nn.Identity()
        block.attn.fused_attn = False
        x = features(seed + h * 31 + w, h, w)
        probs, pixels = run_block(lambda t: block(t[None]), block.attn.qkv.weight, x)
        proj = split_qk(block.attn.qkv.weight, block.attn.qkv.bias, HEADS)
        out += cases_for("timm Swin", "timm", 7, shift, h, w, probs, pixels, x, proj, block.attn.relative_position_bias_table)
        seed += 1
    for (h, w), shift in [((10, 10), 4), ((5, 5), 4), ((10, 10), 0)]:
        block = perturb(SwinTransformerV2Block(C, (h, w), num_heads=HEADS, window_size=8, shift_size=shift), seed).double().eval()
        x = features(seed + h, h, w)
        probs, pixels = run_block(lambda t: block(t[None]), block.attn.qkv.weight, x)
        a = block.attn
        bias = torch.cat((a.q_bias, a.k_bias, a.v_bias)) if a.q_bias is not None else a.qkv.bias
        proj = split_qk(a.qkv.weight, bias, HEADS)
        proj["logit_scale"] = a.logit_scale
        out += cases_for("timm Swin V2", "timm", 8, shift, h, w, probs, pixels, x, proj,
                         v2_table(a.cpb_mlp, a.relative_coords_table, HEADS))
        seed += 1
    return out


def torchvision_cases(seed):
    from torchvision.models.swin_transformer import SwinTransformerBlock, SwinTransformerBlockV2
    out = []
    for (h, w), shift in [((10, 10), 3), ((10, 10), 0), ((5, 5), 3), ((3, 3), 3), ((5, 10), 3), ((9, 12), 3)]:
        block = perturb(SwinTransformerBlock(C, HEADS, [7, 7], [shift, shift]), seed).double().eval()
        block.norm1 = nn.Identity()
        x = features(seed + h * 31 + w, h, w)
        probs, pixels = run_block(lambda t: block(t[None]), block.attn.qkv.weight, x)
        proj = split_qk(block.attn.qkv.weight, block.attn.qkv.bias, HEADS)
        out += cases_for("torchvision Swin", "torchvision", 7, shift, h, w, probs, pixels, x, proj,
                         block.attn.relative_position_bias_table)
        seed += 1
    for (h, w), shift in [((10, 10), 4), ((5, 5), 4)]:
        block = perturb(SwinTransformerBlockV2(C, HEADS, [8, 8], [shift, shift]), seed).double().eval()
        x = features(seed + h, h, w)
        probs, pixels = run_block(lambda t: block(t[None]), block.attn.qkv.weight, x)
        a = block.attn
        bias = a.qkv.bias.clone()
        bias[C:2 * C] = 0  # shifted_window_attention zeroes the key bias when logit_scale is given
        proj = split_qk(a.qkv.weight, bias, HEADS)
        proj["logit_scale"] = a.logit_scale
        out += cases_for("torchvision Swin V2", "torchvision", 8, shift, h, w, probs, pixels, x, proj,
                         v2_table(a.cpb_mlp, a.relative_coords_table, HEADS))
        seed += 1
    return out


def hf_cases(seed):
    from transformers import SwinConfig, Swinv2Config
    from transformers.models.swin.modeling_swin import SwinLayer
    from transformers.models.swinv2.modeling_swinv2 import Swinv2Layer
    out = []
    for (h, w), shift in [((9, 9), 3), ((9, 9), 0)]:
        config = SwinConfig(window_size=7, hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)
        config._attn_implementation = "eager"  # SDPA computes no softmax to watch
        layer = perturb(SwinLayer(config, C, (h, w), HEADS, shift_size=shift), seed).double().eval()
        layer.layernorm_before = nn.Identity()
        a = layer.attention
        x = features(seed + h, h, w)
        probs, pixels = run_block(lambda t: layer(t.reshape(1, h * w, C), (h, w)), a.q_proj.weight, x)
        d = C // HEADS
        proj = {"wq": a.q_proj.weight.reshape(HEADS, d, C), "wk": a.k_proj.weight.reshape(HEADS, d, C),
                "bq": a.q_proj.bias.reshape(HEADS, d), "bk": a.k_proj.bias.reshape(HEADS, d)}
        out += cases_for("HF Swin", "official", 7, shift, h, w, probs, pixels, x, proj,
                         a.relative_position_bias.relative_position_bias_table)
        seed += 1
    for (h, w), shift in [((10, 10), 4), ((5, 5), 4)]:
        config = Swinv2Config(window_size=8, hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)
        config._attn_implementation = "eager"
        layer = perturb(Swinv2Layer(config, C, (h, w), HEADS, shift_size=shift), seed).double().eval()
        a = layer.attention.self
        x = features(seed + h, h, w)
        probs, pixels = run_block(lambda t: layer(t.reshape(1, h * w, C), (h, w)), a.query.weight, x)
        d = C // HEADS
        proj = {"wq": a.query.weight.reshape(HEADS, d, C), "wk": a.key.weight.reshape(HEADS, d, C),
                "bq": a.query.bias.reshape(HEADS, d), "logit_scale": a.logit_scale}
        out += cases_for("HF Swin V2", "official", 8, shift, h, w, probs, pixels, x, proj,
                         v2_table(a.continuous_position_bias_mlp, a.relative_coords_table, HEADS))
        seed += 1
    return out


def main():
    torch.manual_seed(0)
    cases = timm_cases(100) + torchvision_cases(200) + hf_cases(300)
    for case in cases:  # the maps must be peaky for the comparison to mean something
        peak = max(max(e["weights"]["data"]) for e in case["expected"])
        assert peak > 0.3, f"{case['name']}: attention too flat ({peak})"
    with open(OUT, "w") as f:
        json.dump({"generator": "Reference/make_swin_variant_references.py (timm 1.0, torchvision, transformers)",
                   "cases": cases}, f, separators=(",", ":"))
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
