"""ViT-style blocks (timm ViT/DeiT with class, distillation and register tokens and qk-norm;
torchvision ViT): the bundle's tensors, read with MECHANISMS.md's global formula, give the
softmax the real module computed, for every head and every query (grid and prefix)."""
import numpy as np
import pytest

import reference as ref
from conftest import assert_close, perturbed_checkpoint


def check_global(description, t):
    settings = description["settings"]
    heads, n, _ = t["attention"].shape
    c, h, w = t["features"].shape
    prefix = t["prefix"].shape[0] if "prefix" in t else 0
    assert n == prefix + h * w and heads == description["heads"]
    assert t["wq"].shape == t["wk"].shape == (heads, c // heads, c) or t["wq"].shape[0] == heads
    for head in range(heads):
        for query in range(n):  # prefix queries first, then every grid position (corners, edges, centre)
            assert_close(ref.global_row(t, settings, head, query), t["attention"][head, query],
                         f"{description['block']} head {head} query {query}")


@pytest.mark.parametrize("model, size, block, prefix_names", [
    ("timm:vit_small_patch16_224,depth=2", 64, "blocks.1", ["cls"]),
    ("timm:deit_tiny_distilled_patch16_224,depth=1", 48, "blocks.0", ["cls", "dist"]),
    ("timm:vit_base_patch16_reg4_gap_256,depth=1", 48, "blocks.0", ["reg"] * 4),
    ("timm:vit_small_patch14_reg4_dinov2,depth=2", 56, "blocks.1", ["cls"] + ["reg"] * 4),
    ("timm:vit_small_patch16_224,depth=1,qk_norm=True", 48, "blocks.0", ["cls"]),
    ("torchvision:vit_b_16", 48, "encoder.layers.encoder_layer_3", ["cls"]),
])
def test_global_block_matches_the_modules_softmax(export, tmp_path, model, size, block, prefix_names):
    checkpoint = perturbed_checkpoint(tmp_path / "weights.pth", model, size)
    out = tmp_path / "bundle.npz"
    status, stdout, stderr = export("--model", model, "--size", size, "--checkpoint", checkpoint,
                                    "--block", block, "--out", out)
    assert status == 0, stderr
    assert stdout.startswith(f"wrote {out}") and stderr == ""
    description, t = ref.read_bundle(out)
    assert (description["format"], description["mode"], description["block"]) == (1, "global", block)
    assert description["prefix_tokens"] == prefix_names and t["prefix"].shape[0] == len(prefix_names)
    if "qk_norm" in model:
        assert {"q_norm_w", "q_norm_b", "k_norm_w", "k_norm_b", "norm_eps"} <= set(t)
    check_global(description, t)
    assert t["input"].shape == (3, size, size) and t["input"].dtype == np.float32
    assert t["image"].shape == (3,) + t["features"].shape[1:]
    assert 0 <= t["image"].min() and t["image"].max() <= 1


def test_block_all_writes_every_block_prefixed(export, tmp_path):
    out = tmp_path / "all.npz"
    status, _, stderr = export("--model", "timm:vit_small_patch16_224,depth=3", "--size", 32, "--random",
                               "--seed", 7, "--block", "all", "--out", out)
    assert status == 0, stderr
    description, arrays = ref.read_bundle(out)
    assert [b["block"] for b in description["blocks"]] == ["blocks.0", "blocks.1", "blocks.2"]
    assert description["seed"] == 7 and "mode" not in description
    assert {"input", "image"} <= set(arrays) and "features" not in arrays
    for index, entry in enumerate(description["blocks"]):
        assert set(entry) >= {"mode", "block", "heads", "settings"}
        check_global(entry, ref.block_arrays(arrays, index))
    # blocks differ (each block reads the previous one's output)
    assert not np.allclose(arrays["b0.features"], arrays["b2.features"])


def test_the_input_is_the_normalised_picture(export, tmp_path):
    from PIL import Image
    gradient = np.linspace(0, 255, 32 * 32 * 3).reshape(32, 32, 3).astype(np.uint8)
    results = []
    for extension in ("png", "ppm", "jpg"):
        path = tmp_path / f"picture.{extension}"
        Image.fromarray(gradient).save(path)
        out = tmp_path / f"{extension}.npz"
        status, _, stderr = export("--model", "timm:vit_small_patch16_224,depth=1", "--size", 32, "--random",
                                   "--image", path, "--out", out)
        assert status == 0, stderr
        description, t = ref.read_bundle(out)
        assert description["picture"] == str(path)
        mean, std = np.array(description["input_mean"]), np.array(description["input_std"])
        picture = t["input"] * std[:, None, None] + mean[:, None, None]
        results.append(picture)
    assert_close(results[1], gradient.transpose(2, 0, 1) / 255.0, "PPM picture fed as is")
    assert_close(results[0], results[1], "PNG and PPM give the same input")
    assert np.abs(results[2] - results[1]).max() < 0.05  # JPEG: lossy, but the same picture
