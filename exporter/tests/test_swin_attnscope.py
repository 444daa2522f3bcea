"""End to end: a Swin / Swin V2 block exported from the real library (timm, torchvision,
transformers) and read by the built attnscope binary gives, for every query, the module's own
probabilities (the bundle's `attention`, captured in the block's forward), under the bundle's
`variant`, on maps that are no multiple of the window and stages smaller than it.

Until bundles open with no flags, attnscope is pointed at a single-block bundle with flags:
`--tensor features --proj B --bias B --mode window --window M --shift S --variant V`."""
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import reference as ref
from conftest import assert_close, attnscope_weights, perturbed_checkpoint, assert_bundle_alone_agrees
from test_swin import CASES

TIMM_NOMINAL_WINDOW = {"swin_tiny_patch4_window7": 7, "swinv2_tiny_window8": 8}


def nominal_window(model, settings):
    """The block's nominal M: transformers keeps it, torchvision never shrinks it; timm stores the
    window it already shrank, so the model's name says it (timm's rule is idempotent: M = 7 on a
    5×5 stage gives the 5×5 window timm stored)."""
    if settings["variant"] == "timm":
        return next(m for key, m in TIMM_NOMINAL_WINDOW.items() if key in model)
    window = settings["window"]
    return window if isinstance(window, int) else max(window)


def chosen_blocks(listing):
    """(path, thorough) for both blocks (W-MSA, SW-MSA) of the first stage, the shifted one
    thorough, and the second block (shifted in every library's layout) of each smaller stage."""
    rows = [line.split("\t") for line in listing.strip().splitlines()]
    by_grid = {}
    for path, mode, grid, _ in rows:
        assert mode == "window"
        by_grid.setdefault(grid, []).append(path)
    grids = list(by_grid)
    first = by_grid[grids[0]]
    chosen = [(first[0], False)] + ([(first[1], True)] if len(first) > 1 else [])
    for grid in grids[1:]:
        chosen.append((by_grid[grid][min(1, len(by_grid[grid]) - 1)], True))
    return chosen


def queries(height, width, thorough):
    """Every query of a thorough block's map up to 10×10; else its border and diagonals (every
    window position along them, corners and the wrapped-around edges included)."""
    every = [(y, x) for y in range(height) for x in range(width)]
    if thorough and height * width <= 100:
        return every
    return [(y, x) for (y, x) in every if y in (0, height - 1) or x in (0, width - 1) or y == x or y + x == width - 1]


@pytest.mark.parametrize("model, size, variant, grids", CASES)
def test_attnscope_reads_every_query_as_the_module_computed(export, tmp_path, model, size, variant, grids):
    checkpoint = perturbed_checkpoint(tmp_path / "weights.pth", model, size)
    status, listing, stderr = export("--model", model, "--size", size, "--list-blocks")
    assert status == 0, stderr
    seen, shifted = set(), 0
    for path, thorough in chosen_blocks(listing):
        out = tmp_path / f"{path}.npz"
        status, _, stderr = export("--model", model, "--size", size, "--checkpoint", checkpoint,
                                   "--block", path, "--out", out)
        assert status == 0, stderr
        description, t = ref.read_bundle(out)
        settings = description["settings"]
        assert settings["variant"] == variant
        window = nominal_window(model, settings)
        shift = settings["shift"] if isinstance(settings["shift"], int) else settings["shift"][0]
        assert shift < window
        _, height, width = t["features"].shape
        seen.add((height, width))
        shifted += ref.window_layout(settings, height, width)[1] != (0, 0)
        heads = description["heads"]
        flags = ["--tensor", "features", "--proj", out, "--bias", out, "--mode", "window",
                 "--window", window, "--shift", shift, "--variant", variant]

        def check(job):
            head, (y, x) = job
            got = attnscope_weights(out, *flags, "--head", head, "--query", f"{y},{x}")
            assert_bundle_alone_agrees(got, out, f"{y},{x}", head)
            theirs, theirs_off = ref.loaded_window_map(t["attention"], settings, height, width, head, y, x)
            what = f"{path} head {head} query ({y}, {x})"
            assert_close(np.append(np.array(got["weights"], dtype=np.float64), got["offImage"]),
                         np.append(theirs, theirs_off), what)

        corners = [(0, 0), (0, width - 1), (height - 1, 0), (height - 1, width - 1), (height // 2, width // 2)]
        jobs = [(0, q) for q in queries(height, width, thorough)] + [(heads - 1, q) for q in corners]
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(check, jobs))
    assert seen == grids
    assert shifted > 0


def test_a_variant_that_is_not_the_bundles_reads_other_maps(export, tmp_path):
    """The comparison can fail: timm's block read with torchvision's rules differs (same 9×9
    map, window 7, shift 3: timm rolls before padding, torchvision after)."""
    model, size = CASES[0][0], CASES[0][1]
    checkpoint = perturbed_checkpoint(tmp_path / "weights.pth", model, size)
    out = tmp_path / "b.npz"
    status, _, stderr = export("--model", model, "--size", size, "--checkpoint", checkpoint,
                               "--block", "layers.0.blocks.1", "--out", out)
    assert status == 0, stderr
    description, t = ref.read_bundle(out)
    flags = ["--tensor", "features", "--proj", out, "--bias", out, "--mode", "window", "--window", 7, "--shift", 3]
    worst = 0.0
    for y, x in [(0, 0), (8, 8), (4, 8), (8, 0)]:
        theirs, _ = ref.loaded_window_map(t["attention"], description["settings"], 9, 9, 0, y, x)
        other = attnscope_weights(out, *flags, "--variant", "torchvision", "--query", f"{y},{x}")
        worst = max(worst, np.abs(np.array(other["weights"]) - theirs).max())
    assert worst > 1e-2
