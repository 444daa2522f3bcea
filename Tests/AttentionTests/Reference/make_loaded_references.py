"""Loaded attention (`--mode loaded`) from the REAL library modules' own softmax.

Each case is one block's attention probabilities exactly as its module computed them — the tensor
attnscope is handed with --attention — and, for a few queries, that row assigned to grid
positions here, independently of attnscope:

- timm `VisionTransformer` (class token and one register token, so P = 2): the probabilities are
  the input of the block's `attn_drop` (what `attn.softmax(dim=-1)` returned), (heads, N, N);
  token P + r·W + c is patch (r, c) as timm's `PatchEmbed` flattens its grid row by row.
- timm 1.0 `SwinTransformerBlock` and torchvision `SwinTransformerBlock`, shifted, on a 10×10
  map with window 7 (padded, rolled): the output of the block's own softmax, (num_windows,
  heads, 49, 49); which pixel each windowed token is (or padding) is read off the tokens the
  block's qkv projection received, matched to the features by value
  (make_swin_variant_references.py's helpers).

Writes ../Vectors/loaded.json. Run with the exporter's venv:
    "$(scripts/exporter-env.sh)/bin/python" Tests/AttentionTests/Reference/make_loaded_references.py
"""
import json
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_swin_variant_references as swin  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Vectors", "loaded.json")


def tensor_json(t):
    return swin.tensor_json(t)


def vit_case(seed):
    from timm.models.vision_transformer import VisionTransformer
    torch.manual_seed(seed)
    gh, gw, patch = 3, 4, 4
    model = VisionTransformer(img_size=(gh * patch, gw * patch), patch_size=patch, in_chans=3, num_classes=0,
                              embed_dim=24, depth=1, num_heads=3, class_token=True, reg_tokens=1).eval()
    swin.perturb(model, seed)
    attn = model.blocks[0].attn
    attn.fused_attn = False  # the explicit path, whose softmax we watch
    seen = {}
    attn.attn_drop.register_forward_hook(lambda m, args, out: seen.setdefault("probs", args[0].detach().clone()))
    x = torch.randn(1, 3, gh * patch, gw * patch, generator=torch.Generator().manual_seed(seed))
    with torch.no_grad():
        model(x)
    probs = seen["probs"][0].to(torch.float64)  # (heads, N, N)
    prefix = model.num_prefix_tokens
    assert probs.shape[-1] == prefix + gh * gw
    heads = []
    for head in (0, 2):
        queries, expected = [], []
        for (r, c) in [(0, 0), (1, 2), (2, 3), (2, 0)]:
            row = probs[head, prefix + r * gw + c]
            queries.append([r, c])
            expected.append({"weights": tensor_json(row[prefix:].reshape(gh, gw)), "offImage": 0.0,
                             "prefix": [float(v) for v in row[:prefix]]})
        for token in range(prefix):
            row = probs[head, token]
            queries.append(f"token:{token}")
            expected.append({"weights": tensor_json(row[prefix:].reshape(gh, gw)), "offImage": 0.0,
                             "prefix": [float(v) for v in row[:prefix]]})
        heads.append({"head": head, "queries": queries, "expected": expected})
    return [{"name": f"timm ViT {gh}x{gw}, P={prefix}", "height": gh, "width": gw, "settings": {},
             "attention": tensor_json(probs), "heads": heads}]


def swin_case(name, variant, make_block, seed, reads_padding, h=10, w=10, window=7, shift=3):
    block = swin.perturb(make_block(), seed).double().eval()
    block.norm1 = nn.Identity()  # the attention then reads the block's input: the features
    x = swin.features(seed + h * 31 + w, h, w)
    probs, pixels = swin.run_block(lambda t: block(t[None]), block.attn.qkv.weight, x)
    heads = []
    for head in (0, 2):
        queries = swin.queries_for(h, w)
        laid = swin.maps_from_probabilities(probs, pixels, head, queries, h, w)
        heads.append({"head": head, "queries": [list(q) for q in queries],
                      "expected": [{"weights": tensor_json(e["weights"]), "offImage": e["offImage"], "prefix": []}
                                   for e in laid]})
    # timm pads after the roll, so padding is a key of unmasked windows; torchvision masks it away.
    assert any(e["offImage"] > 1e-3 for e in laid) == reads_padding, f"{name}: padding read {reads_padding}?"
    return [{"name": f"{name} {h}x{w} M={window} s={shift}", "height": h, "width": w,
             "settings": {"window": window, "shift": shift, "variant": variant},
             "attention": tensor_json(probs), "heads": heads}]


def main():
    from timm.models.swin_transformer import SwinTransformerBlock as TimmBlock
    from torchvision.models.swin_transformer import SwinTransformerBlock as TorchvisionBlock
    cases = vit_case(500)
    cases += swin_case("timm Swin", "timm",
                       lambda: TimmBlock(swin.C, (10, 10), num_heads=swin.HEADS, window_size=7, shift_size=3), 510, True)
    cases += swin_case("torchvision Swin", "torchvision",
                       lambda: TorchvisionBlock(swin.C, swin.HEADS, [7, 7], [3, 3]), 520, False)
    with open(OUT, "w") as f:
        json.dump({"generator": "Reference/make_loaded_references.py (timm 1.0, torchvision)", "cases": cases}, f,
                  separators=(",", ":"))
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
