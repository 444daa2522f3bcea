"""natten NeighborhoodAttention2D blocks (plain and dilated, on maps whose sub-grids differ in
length): the bundle's tensors, read with the neighborhood formula, give the probabilities of
natten's own fused kernel for every head and query."""
import pytest

import reference as ref
from conftest import assert_close, perturbed_checkpoint


@pytest.mark.parametrize("model, size, grid", [
    ("natten,kernel_size=7,dilation=1", 112, (14, 14)),
    ("natten,kernel_size=5,dilation=2,heads=2", 88, (11, 11)),  # sub-grids of 6 and 5 positions
])
def test_neighborhood_block_matches_the_kernels_probabilities(export, tmp_path, model, size, grid):
    checkpoint = perturbed_checkpoint(tmp_path / "weights.pth", model, size)
    out = tmp_path / "na.npz"
    status, _, stderr = export("--model", model, "--size", size, "--checkpoint", checkpoint,
                               "--block", "blocks.1", "--out", out)
    assert status == 0, stderr
    description, t = ref.read_bundle(out)
    assert description["mode"] == "neighborhood" and description["block"] == "blocks.1"
    height, width = grid
    assert t["features"].shape[1:] == grid and t["attention"].shape == (description["heads"], height * width,
                                                                        height * width)
    for head in range(description["heads"]):
        for y in range(height):
            for x in range(width):
                row = t["attention"][head, y * width + x].reshape(height, width)
                assert_close(ref.neighborhood_map(t, description["settings"], head, y, x), row,
                             f"head {head} query ({y}, {x})")


def test_without_natten_the_package_is_named(export, tmp_path, monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "natten", None)
    status, _, stderr = export("--model", "natten", "--random", "--out", tmp_path / "x.npz")
    assert status != 0 and "needs the Python package natten" in stderr and len(stderr.splitlines()) == 1
