"""Swin and Swin V2 blocks in each library's window rules (timm, torchvision, transformers = official), on maps
that are not multiples of the window and on stages smaller than it: the bundle's tensors, read with
MECHANISMS.md's window formula under the bundle's `variant`, give the real module's own windowed
probabilities for every block, head and query; and the captured array, un-partitioned the way
`--mode loaded` reads it, gives the same maps."""
import numpy as np
import pytest

import reference as ref
from conftest import assert_close, perturbed_checkpoint

CASES = [
    # model, --size, variant, the grids the stages must have (9×9 / 10×10 / 18×18 are no multiple of 7)
    ("timm:swin_tiny_patch4_window7_224", 36, "timm", {(9, 9), (5, 5), (3, 3), (2, 2)}),
    ("torchvision:swin_t", 40, "torchvision", {(10, 10), (5, 5), (3, 3), (2, 2)}),
    ("hf:SwinModel,depths=[2,2],num_heads=[3,6]", 72, "official", {(18, 18), (9, 9)}),
    # Swin V2 (cosine attention, logit_scale, 16·sigmoid(cpb_mlp) bias), window 8: 10×10 and 5×5 maps
    ("timm:swinv2_tiny_window8_256,depths=(2,2),num_heads=(3,6)", 40, "timm", {(10, 10), (5, 5)}),
    ("torchvision:swin_v2_t", 40, "torchvision", {(10, 10), (5, 5), (3, 3), (2, 2)}),
    ("hf:Swinv2Model,depths=[2,2],num_heads=[3,6]", 72, "official", {(18, 18), (9, 9)}),
]


@pytest.mark.parametrize("model, size, variant, grids", CASES)
def test_every_window_block_matches_the_modules_softmax(export, tmp_path, model, size, variant, grids):
    checkpoint = perturbed_checkpoint(tmp_path / "weights.pth", model, size)
    out = tmp_path / "swin.npz"
    status, _, stderr = export("--model", model, "--size", size, "--checkpoint", checkpoint,
                               "--block", "all", "--out", out)
    assert status == 0, stderr
    description, arrays = ref.read_bundle(out)
    seen = set()
    shifted = 0
    for index, entry in enumerate(description["blocks"]):
        t = ref.block_arrays(arrays, index)
        settings = entry["settings"]
        assert entry["mode"] == "window" and settings["variant"] == variant
        c, height, width = t["features"].shape
        seen.add((height, width))
        shifted += ref.window_layout(settings, height, width)[1] != (0, 0)
        (mh, mw), _, (hp, wp), _ = ref.window_layout(settings, height, width)
        assert t["attention"].shape == ((hp // mh) * (wp // mw), entry["heads"], mh * mw, mh * mw)
        assert t["bias"].shape == (entry["heads"], (2 * mh - 1) * (2 * mw - 1))
        for head in range(entry["heads"]):
            for y in range(height):
                for x in range(width):
                    what = f"{entry['block']} head {head} query ({y}, {x})"
                    grid, off = ref.window_map(t, settings, head, y, x)
                    loaded, loaded_off = ref.loaded_window_map(t["attention"], settings, height, width, head, y, x)
                    assert_close(np.append(grid, off), np.append(loaded, loaded_off), what)
                    assert abs(grid.sum() + off - 1) < 1e-9
    assert seen == grids
    assert shifted > 0  # shifted windows (with their −100 masks) were among the blocks checked


def test_padding_and_shift_rules_differ_between_variants():
    """The same 10×10 map, window 7, shift 3, laid out by each variant (DESIGN.md --variant)."""
    layouts = {v: ref.window_layout({"window": 7, "shift": 3, "variant": v}, 10, 10)
               for v in ("official", "timm", "torchvision")}
    assert layouts["official"] == ((7, 7), (3, 3), (14, 14), False)
    assert layouts["timm"] == ((7, 7), (3, 3), (14, 14), True)
    assert layouts["torchvision"] == ((7, 7), (3, 3), (14, 14), False)
    small = {v: ref.window_layout({"window": [7, 7], "shift": [3, 3], "variant": v}, 5, 5)
             for v in ("official", "timm", "torchvision")}
    assert small["official"][:3] == small["timm"][:3] == ((5, 5), (0, 0), (5, 5))
    assert small["torchvision"][:3] == ((7, 7), (0, 0), (7, 7))
