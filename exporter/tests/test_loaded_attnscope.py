"""End to end: `attnscope weights BUNDLE --mode loaded --query …` with no other flags shows the
model's own attention probabilities (the bundle's `attention` member, the softmax the module
computed in its forward pass; for natten, its kernel's rows read with one-hot values), laid back
on the grid by attnscope — the window, shift and
variant of a Swin block come from the bundle's settings.

Each map is compared at 1e-5 × its maximum with (a) the module's row laid on the grid by this
test (`reference.loaded_window_map`'s un-partitioning for Swin; row P + r·W + c for ViT, whose
prefix masses are the row's first P entries) and (b) attnscope's recomputed map of the same
block (`--mode` from the bundle), which the other end-to-end tests prove equal to the module."""
import numpy as np
import pytest

import reference as ref
from conftest import assert_close, attnscope_weights, perturbed_checkpoint

CASES = [
    # model, --size, block, mode the bundle recomputes
    ("timm:deit_tiny_distilled_patch16_224,depth=1", 48, "blocks.0"),
    ("timm:swin_tiny_patch4_window7_224", 36, "layers.0.blocks.1"),  # 9×9, shifted, timm rules
    ("timm:swin_tiny_patch4_window7_224", 36, "layers.1.blocks.1"),  # 5×5: window shrinks, no shift
    ("torchvision:swin_t", 40, "features.1.1"),  # 10×10, shifted, padded
    ("hf:SwinModel,depths=[2,2],num_heads=[3,6]", 72, "encoder.layers.0.blocks.1"),  # 18×18, official
    ("natten,kernel_size=3,dilation=2,heads=2", 88, "blocks.1"),  # NATTEN's rows, (heads, N, N), 11×11 DiNAT
]


def queries(height, width):
    return sorted({(0, 0), (0, width - 1), (height - 1, 0), (height - 1, width - 1), (height // 2, width // 2),
                   (1, width - 2), (height - 2, 1)})


def with_off(result):
    return np.append(np.array(result["weights"], dtype=np.float64), result["offImage"])


@pytest.mark.parametrize("model, size, block", CASES)
def test_loaded_maps_are_the_modules_rows(export, tmp_path, model, size, block):
    checkpoint = perturbed_checkpoint(tmp_path / "weights.pth", model, size)
    out = tmp_path / "b.npz"
    status, _, stderr = export("--model", model, "--size", size, "--checkpoint", checkpoint, "--block", block, "--out", out)
    assert status == 0, stderr
    description, t = ref.read_bundle(out)
    settings, heads = description["settings"], description["heads"]
    _, height, width = t["features"].shape
    attention = t["attention"]
    windowed = attention.ndim == 4
    prefix = 0 if windowed else attention.shape[-1] - height * width
    for head in sorted({0, heads - 1}):
        for y, x in queries(height, width):
            what = f"{model} {block} head {head} query ({y}, {x})"
            loaded = attnscope_weights(out, "--mode", "loaded", "--head", head, "--query", f"{y},{x}")
            assert loaded["mode"] == "loaded"
            if windowed:
                theirs, theirs_off = ref.loaded_window_map(attention, settings, height, width, head, y, x)
            else:
                row = attention[head, prefix + y * width + x].astype(np.float64)
                theirs, theirs_off = row[prefix:].reshape(height, width), 0.0
                if prefix:
                    assert_close(np.array(loaded["prefix"]), row[:prefix], what + " prefix")
                else:
                    assert "prefix" not in loaded
            assert_close(with_off(loaded), np.append(theirs, theirs_off), what)
            recomputed = attnscope_weights(out, "--head", head, "--query", f"{y},{x}")
            assert_close(with_off(loaded), with_off(recomputed), what + " vs the recomputed map")
    if prefix:  # a prefix token's map is its row
        loaded = attnscope_weights(out, "--mode", "loaded", "--query", "token:1")
        row = attention[0, 1].astype(np.float64)
        assert loaded["query"] == "token:1"
        assert_close(np.append(np.array(loaded["weights"]).ravel(), loaded["prefix"]),
                     np.append(row[prefix:], row[:prefix]), "token:1")


def test_the_head_mean_is_the_mean_of_the_rows(export, tmp_path):
    model, size, block = CASES[1]
    out = tmp_path / "b.npz"
    status, _, stderr = export("--model", model, "--size", size, "--random", "--block", block, "--out", out)
    assert status == 0, stderr
    description, t = ref.read_bundle(out)
    settings = description["settings"]
    rows = [ref.loaded_window_map(t["attention"], settings, 9, 9, h, 8, 8) for h in range(description["heads"])]
    mean = np.mean([np.append(w, off) for w, off in rows], axis=0)
    assert_close(with_off(attnscope_weights(out, "--mode", "loaded", "--head", "mean", "--query", "8,8")), mean, "mean")


def test_a_window_layout_that_does_not_fit_is_refused(export, tmp_path):
    """The comparison can fail: the same timm bundle read with another window is refused in one
    line, and with torchvision's rules (same sizes here) it reads other maps."""
    import subprocess
    from conftest import attnscope_binary
    model, size, block = CASES[1]
    out = tmp_path / "b.npz"
    status, _, stderr = export("--model", model, "--size", size, "--random", "--block", block, "--out", out)
    assert status == 0, stderr
    done = subprocess.run([attnscope_binary(), "weights", str(out), "--mode", "loaded", "--window", "4", "--query", "0,0"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1 and "attention" in done.stderr, done.stderr
    description, t = ref.read_bundle(out)
    theirs, _ = ref.loaded_window_map(t["attention"], description["settings"], 9, 9, 0, 8, 8)
    other = attnscope_weights(out, "--mode", "loaded", "--variant", "torchvision", "--query", "8,8")
    assert np.abs(np.array(other["weights"]) - theirs).max() > 1e-2
