#!/usr/bin/env python3
"""Dump a real backbone's feature map (and, where the model has them, its attention tensors)
for attnscope.

Needs PyTorch; torchvision for ResNet/Swin/DCN; timm for timm models; the official DAT
repository (LeapLabTHU/DAT) on PYTHONPATH for DAT. Missing packages give a clear message.

Examples
    python export_features.py --model resnet50 --stage 3 --image cat.jpg --out resnet-l3.npy
    python export_features.py --model swin_t --stage 2 --image cat.jpg --out swin.npy
        # also writes swin.proj.npz (wq, wk, bq, bk: (heads, d, C) and (heads, d))
        # and swin.bias.npy (heads, (2M-1)^2) for --proj and --bias
    python export_features.py --model resnet50 --stage 2 --dcn-offsets offsets.npy
        # a DeformConv2d offset conv on that stage: (2*K*K, H, W), channel 2k = dy, 2k+1 = dx
    python export_features.py --model dat --dat-repo ~/DAT --dat-config configs/dat_tiny.yaml ...
        # DAT: positions (Hk, Wk, 2) and raw offsets (2, Hk, Wk) of the first deformable block
    python export_features.py --model demo --out demo.npy
        # a tiny random network in plain PyTorch: checks the export path without downloads

Then:  attnscope info resnet-l3.npy ;  attnscope resnet-l3.npy
       attnscope swin.npy --proj swin.proj.npz --bias swin.bias.npy   (window mode)

Shapes written (see the README's "File formats"): features (C, H, W) float32; projections wq, wk (heads, d, C),
bq, bk (heads, d); Swin bias (heads, (2M-1)^2); DCN offsets (2K^2, H, W); DAT positions
(Hk, Wk, 2) normalised (y, x) in [-1, 1]; DAT raw offsets (2, Hk, Wk), channel 0 = y.
"""
import argparse
import os
import sys

import numpy as np

try:
    import torch
    import torch.nn as nn
except ImportError:  # pragma: no cover - depends on the user's machine
    sys.exit("export_features.py needs PyTorch: pip install torch torchvision")


def require(module, hint):
    """Imports `module` or exits with a one-line hint."""
    try:
        return __import__(module, fromlist=["_"])
    except ImportError:
        sys.exit(f"--model needs {module}: {hint}")


def load_image(path, size):
    """A (1, 3, size, size) ImageNet-normalised tensor from an image file, or a fixed pattern."""
    if path is None:
        y, x = torch.meshgrid(torch.linspace(-1, 1, size), torch.linspace(-1, 1, size), indexing="ij")
        picture = torch.stack([(x * 3).sin(), (y * 5).cos(), x * y]) * 0.5 + 0.5
    else:
        image_module = require("PIL.Image", "pip install pillow")
        with image_module.open(path) as img:
            img = img.convert("RGB").resize((size, size))
            picture = torch.from_numpy(np.asarray(img, dtype=np.float32) / 255.0).permute(2, 0, 1)
    mean = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)
    return ((picture - mean) / std).unsqueeze(0)


def save_chw(path, tensor):
    """Saves a (1, C, H, W) or (C, H, W) tensor as float32 (C, H, W)."""
    array = tensor.detach().float().cpu().numpy()
    while array.ndim > 3 and array.shape[0] == 1:
        array = array[0]
    np.save(path, np.ascontiguousarray(array, dtype=np.float32))
    print(f"wrote {path}: features {array.shape}")


def qkv_projections(qkv, heads):
    """wq, wk (heads, d, C) and bq, bk (heads, d) from a fused qkv Linear (3C, C).

    The fused output is laid out (3, heads, d) along its features, as in Swin/ViT's
    qkv(x).reshape(B, N, 3, heads, d)."""
    weight = qkv.weight.detach().float().cpu().numpy()
    three_c, c = weight.shape
    assert three_c == 3 * c, f"expected a (3C, C) qkv weight, got {weight.shape}"
    d = c // heads
    out = {"wq": weight[:c].reshape(heads, d, c), "wk": weight[c:2 * c].reshape(heads, d, c)}
    if qkv.bias is not None:
        bias = qkv.bias.detach().float().cpu().numpy()
        out["bq"] = bias[:c].reshape(heads, d)
        out["bk"] = bias[c:2 * c].reshape(heads, d)
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in out.items()}


def save_projections(stem, qkv, heads):
    tensors = qkv_projections(qkv, heads)
    path = stem + ".proj.npz"
    np.savez(path, **tensors)
    print(f"wrote {path}: " + ", ".join(f"{k} {v.shape}" for k, v in tensors.items()))


def export_resnet(args, image):
    models = require("torchvision.models", "pip install torchvision")
    net = getattr(models, args.model)(weights="DEFAULT" if not args.random else None).eval()
    layer = getattr(net, f"layer{args.stage}")
    captured = {}
    layer.register_forward_hook(lambda module, inputs, output: captured.update(features=output))
    with torch.no_grad():
        net(image)
    save_chw(args.out, captured["features"])
    if args.dcn_offsets:
        export_dcn_offsets(args, captured["features"])


def export_dcn_offsets(args, features):
    """The offsets a DeformConv2d on `features` would read, from an offset conv as in DCN.

    DCN predicts offsets with a plain K×K conv to 2·K² channels (zero-initialised in the
    official code; here randomly initialised, or loaded from --dcn-weights, a state dict of
    that conv). torchvision's deform_conv2d reads channel 2k as Δy and 2k+1 as Δx of tap k."""
    ops = require("torchvision.ops", "pip install torchvision")
    k = args.kernel
    channels = features.shape[1]
    offset_conv = nn.Conv2d(channels, 2 * k * k, k, padding=k // 2)
    if args.dcn_weights:
        offset_conv.load_state_dict(torch.load(args.dcn_weights, map_location="cpu"))
    else:
        torch.manual_seed(0)
        nn.init.normal_(offset_conv.weight, std=0.5 / (channels * k * k) ** 0.5)
        nn.init.zeros_(offset_conv.bias)
    deform = ops.DeformConv2d(channels, channels, k, padding=k // 2)
    with torch.no_grad():
        offsets = offset_conv(features)
        deform(features, offsets)  # the same tensor torchvision consumes: shape check
    save_chw(args.dcn_offsets, offsets)


def export_swin(args, image):
    if args.model.startswith("timm:"):
        timm = require("timm", "pip install timm")
        net = timm.create_model(args.model[5:], pretrained=not args.random).eval()
        stages = net.layers
    else:
        models = require("torchvision.models", "pip install torchvision")
        net = getattr(models, args.model)(weights="DEFAULT" if not args.random else None).eval()
        # torchvision Swin: features = [patch embed, stage 1, merge, stage 2, merge, stage 3, ...]
        stages = [net.features[i] for i in range(1, len(net.features), 2)]
    stage = stages[args.stage - 1]
    captured = {}
    stage.register_forward_hook(lambda module, inputs, output: captured.update(features=output))
    with torch.no_grad():
        net(image)
    out = captured["features"]
    if out.dim() == 4 and out.shape[-1] != out.shape[1]:
        out = out.permute(0, 3, 1, 2)  # Swin stages are channels-last (B, H, W, C)
    save_chw(args.out, out)
    blocks = stage.blocks if hasattr(stage, "blocks") else stage
    attn = blocks[0].attn
    heads = attn.num_heads
    stem = os.path.splitext(args.out)[0]
    save_projections(stem, attn.qkv, heads)
    table = attn.relative_position_bias_table.detach().float().cpu().numpy()  # ((2M-1)^2, heads)
    np.save(stem + ".bias.npy", np.ascontiguousarray(table.T, dtype=np.float32))
    print(f"wrote {stem}.bias.npy: bias {table.T.shape} (heads, (2M-1)^2)")


def export_dat(args, image):
    if not args.dat_repo:
        sys.exit("--model dat needs --dat-repo (a checkout of github.com/LeapLabTHU/DAT) and --dat-config")
    sys.path.insert(0, os.path.expanduser(args.dat_repo))
    try:
        from config import get_config  # noqa: F401  (the DAT repository's own modules)
        from models import build_model
        from models.dat_blocks import DAttentionBaseline
    except ImportError as error:
        sys.exit(f"cannot import the DAT repository from {args.dat_repo}: {error}")
    import yaml

    with open(args.dat_config) as f:
        config = yaml.safe_load(f)
    from types import SimpleNamespace

    def namespace(value):
        return SimpleNamespace(**{k: namespace(v) for k, v in value.items()}) if isinstance(value, dict) else value

    net = build_model(namespace(config)).eval()
    if args.dat_weights:
        state = torch.load(args.dat_weights, map_location="cpu")
        net.load_state_dict(state.get("model", state), strict=False)
    blocks = [m for m in net.modules() if isinstance(m, DAttentionBaseline)]
    if not blocks:
        sys.exit("the DAT model has no DAttentionBaseline block")
    block = blocks[args.block]
    captured = {}
    block.register_forward_hook(lambda m, i, o: captured.update(inputs=i[0], positions=o[1]))
    block.conv_offset.register_forward_hook(lambda m, i, o: captured.update(offsets=o))
    with torch.no_grad():
        net(image)
    stem = os.path.splitext(args.out)[0]
    save_chw(args.out, captured["inputs"])
    positions = captured["positions"][0, args.group].float().cpu().numpy()  # (Hk, Wk, 2), y first
    np.save(stem + ".positions.npy", np.ascontiguousarray(positions, dtype=np.float32))
    offsets = captured["offsets"][args.group].float().cpu().numpy()  # raw (2, Hk, Wk), before tanh
    np.save(stem + ".offsets.npy", np.ascontiguousarray(offsets, dtype=np.float32))
    heads, d = block.n_heads, block.n_head_channels
    c = heads * d
    wq = block.proj_q.weight.detach().reshape(heads, d, c).float().numpy()
    wk = block.proj_k.weight.detach().reshape(heads, d, c).float().numpy()
    np.savez(stem + ".proj.npz", wq=wq, wk=wk,
             bq=block.proj_q.bias.detach().reshape(heads, d).float().numpy(),
             bk=block.proj_k.bias.detach().reshape(heads, d).float().numpy())
    print(f"wrote {stem}.positions.npy {positions.shape}, {stem}.offsets.npy {offsets.shape}, {stem}.proj.npz")


class DemoNet(nn.Module):
    """A tiny random backbone with one attention block, in plain PyTorch (no downloads)."""

    def __init__(self, channels=32, heads=4, kernel=3):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, channels, 8, stride=8), nn.GELU(),
                                  nn.Conv2d(channels, channels, 3, padding=1))
        self.heads = heads
        self.qkv = nn.Linear(channels, 3 * channels)
        self.offset_conv = nn.Conv2d(channels, 2 * kernel * kernel, kernel, padding=kernel // 2)

    def forward(self, x):
        return self.stem(x)


def export_demo(args, image):
    torch.manual_seed(0)
    net = DemoNet(kernel=args.kernel).eval()
    with torch.no_grad():
        features = net(image)
        offsets = net.offset_conv(features)
    save_chw(args.out, features)
    stem = os.path.splitext(args.out)[0]
    save_projections(stem, net.qkv, net.heads)
    save_chw(stem + ".offsets.npy", offsets)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="resnet50",
                        help="resnet18/34/50/101, swin_t/swin_s/swin_b (torchvision), timm:NAME (a timm Swin), dat, demo")
    parser.add_argument("--stage", type=int, default=3, help="which stage's output (1-based)")
    parser.add_argument("--image", help="an image file (default: a fixed synthetic pattern)")
    parser.add_argument("--size", type=int, default=224, help="input side in pixels")
    parser.add_argument("--out", default="features.npy")
    parser.add_argument("--random", action="store_true", help="random weights (no download)")
    parser.add_argument("--dcn-offsets", help="also write DCN offsets (2K^2, H, W) here (ResNet)")
    parser.add_argument("--dcn-weights", help="state dict of the K×K offset conv (default: random)")
    parser.add_argument("--kernel", type=int, default=3, help="DCN kernel K")
    parser.add_argument("--dat-repo", help="path of a LeapLabTHU/DAT checkout")
    parser.add_argument("--dat-config", help="its YAML model config")
    parser.add_argument("--dat-weights", help="its checkpoint")
    parser.add_argument("--block", type=int, default=0, help="which deformable block (DAT)")
    parser.add_argument("--group", type=int, default=0, help="which offset group (DAT)")
    args = parser.parse_args()
    image = load_image(args.image, args.size)
    if args.model.startswith("resnet"):
        export_resnet(args, image)
    elif args.model.startswith("swin") or args.model.startswith("timm:"):
        export_swin(args, image)
    elif args.model == "dat":
        export_dat(args, image)
    elif args.model == "demo":
        export_demo(args, image)
    else:
        sys.exit(f"unknown --model {args.model}")


if __name__ == "__main__":
    main()
