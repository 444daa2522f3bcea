"""Reference vectors for heads, prefix tokens and qk-norm, from timm's own ViT blocks.

Builds small timm models with seeded random weights — `VisionTransformer` with a class token
(vit_tiny_patch16_224-style), with `reg_tokens=4`, with `qk_norm=True`, and the distilled DeiT
(`VisionTransformerDistilled`: class + distillation token) — runs one forward pass with the
attention's non-fused path (`fused_attn = False`) and hooks the block's `attn_drop`, whose input
is the module's own softmax (B, heads, N, N), prefix tokens first. What the attention read is
hooked too (the input of `blocks[0].attn`, i.e. norm1's output), split into the grid features
(C×H×W) and the prefix tokens (P×C); `qkv` is split into wq, wk, bq, bk per head as the module's
reshape does ((3, heads, d) along the output rows).

Writes `../Vectors/vit_tokens.json`: per model, the inputs and, for several heads and the head
mean (the average of the heads' probability rows), the rows of grid queries (corner, edge,
centre) and prefix queries, each split into the grid map (H×W) and the prefix masses.

Run with the exporter's venv:  /root/.cache/attnscope-exporter-venv/bin/python Tests/AttentionTests/Reference/reference_vit_tokens.py
"""
import json
import os

import torch
from timm.models.deit import VisionTransformerDistilled
from timm.models.vision_transformer import VisionTransformer

VECTORS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Vectors")
IMAGE = (24, 40)  # a 3×5 grid of 8-pixel patches: not square, so rows and columns cannot swap
COMMON = dict(img_size=IMAGE, patch_size=8, embed_dim=32, depth=1, num_heads=4, num_classes=0)


def flat(t):
    t = torch.as_tensor(t).detach().to(torch.float32)
    return {"shape": list(t.shape), "data": [float(v) for v in t.flatten().tolist()]}


def randomized(model, seed):
    """Seeded weights large enough for peaked maps (timm's init gives near-uniform attention),
    and qk-norm scales and shifts away from 1 and 0 so that they matter."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=g)
            if "qkv.weight" in name:
                p.copy_(noise * 0.2)
            elif "norm.weight" in name:
                p.copy_(1 + 0.3 * noise)
            else:
                p.add_(0.3 * noise)
    return model.eval()


def capture(model, x):
    """(tokens the attention read (N, C), its softmax (heads, N, N)), both from hooks."""
    attn = model.blocks[0].attn
    attn.fused_attn = False
    seen = {}
    h1 = attn.register_forward_pre_hook(lambda m, args: seen.__setitem__("tokens", args[0][0].clone()))
    h2 = attn.attn_drop.register_forward_pre_hook(lambda m, args: seen.__setitem__("attn", args[0][0].clone()))
    with torch.no_grad():
        model(x)
    h1.remove()
    h2.remove()
    return seen["tokens"], seen["attn"]


def case(name, model, names, seed):
    g = torch.Generator().manual_seed(seed + 100)
    x = torch.randn(1, 3, *IMAGE, generator=g)
    tokens, attn = capture(model, x)
    heads, n, _ = attn.shape
    p = len(names)
    assert p == model.num_prefix_tokens
    h, w = model.patch_embed.grid_size
    assert n == p + h * w
    c = tokens.shape[1]
    d = c // heads
    a = model.blocks[0].attn
    weight, bias = a.qkv.weight.detach(), a.qkv.bias.detach()
    projections = {
        "wq": weight[:c].reshape(heads, d, c), "wk": weight[c:2 * c].reshape(heads, d, c),
        "bq": bias[:c].reshape(heads, d), "bk": bias[c:2 * c].reshape(heads, d),
    }
    if not isinstance(a.q_norm, torch.nn.Identity):
        projections.update(q_norm_w=a.q_norm.weight, q_norm_b=a.q_norm.bias,
                           k_norm_w=a.k_norm.weight, k_norm_b=a.k_norm.bias,
                           norm_eps=torch.tensor(a.q_norm.eps))
    features = tokens[p:].T.reshape(c, h, w)
    grid_queries = [(0, 0), (0, w - 1), (h - 1, 0), (h - 1, w - 1), (0, 2), (1, 0), (1, 2)]
    expected = []
    for head in list(range(heads)) + ["mean"]:
        rows = attn.mean(0) if head == "mean" else attn[head]
        queries = [("token:%d" % i, i) for i in range(p)] + [(list(q), p + q[0] * w + q[1]) for q in grid_queries]
        for query, row in queries:
            r = rows[row]
            expected.append({"head": head, "query": query, "weights": flat(r[p:].reshape(h, w)),
                             "prefix": [float(v) for v in r[:p]]})
    return {"name": name, "features": flat(features), "prefix": flat(tokens[:p]), "prefixNames": names,
            "heads": heads, "projections": {k: flat(v) for k, v in projections.items()}, "expected": expected}


def main():
    torch.manual_seed(0)
    models = [
        ("vit class token", VisionTransformer(**COMMON), ["cls"]),
        ("vit class + 4 registers", VisionTransformer(reg_tokens=4, **COMMON), ["cls"] + ["reg"] * 4),
        ("vit qk-norm", VisionTransformer(qk_norm=True, **COMMON), ["cls"]),
        ("deit distilled", VisionTransformerDistilled(**COMMON), ["cls", "dist"]),
    ]
    cases = [case(name, randomized(model, seed), names, seed) for seed, (name, model, names) in enumerate(models)]
    os.makedirs(VECTORS, exist_ok=True)
    path = os.path.join(VECTORS, "vit_tokens.json")
    with open(path, "w") as f:
        json.dump({"generator": os.path.basename(__file__), "cases": cases}, f, separators=(",", ":"))
    print(f"wrote {len(cases)} cases to {os.path.relpath(path)}")


if __name__ == "__main__":
    main()
