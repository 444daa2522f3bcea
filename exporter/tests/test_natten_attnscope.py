"""End to end for neighborhood attention: a bundle exported from natten 0.21.7's own
NeighborhoodAttention2D (plain NAT and DiNAT's dilation, on maps whose sub-grids differ in length)
read by the built attnscope (`weights --mode neighborhood --kernel K --dilation d --head h`) gives
the module's own probabilities (the bundle's `attention`, which the exporter reads through natten's
kernel with one-hot values) for corner, edge and centre queries of every head."""
import numpy as np
import pytest

import reference as ref
from conftest import assert_close, attnscope_weights, perturbed_checkpoint, assert_bundle_alone_agrees


@pytest.mark.parametrize("model, size, grid, kernel, dilation", [
    ("natten,kernel_size=5,dilation=1,heads=2", 72, (9, 9), 5, 1),
    ("natten,kernel_size=3,dilation=2,heads=2", 88, (11, 11), 3, 2),  # sub-grids of 6 and 5
    ("natten,kernel_size=3,dilation=3,heads=4", 80, (10, 10), 3, 3),  # sub-grids of 4, 3, 3
])
def test_attnscope_gives_the_modules_probabilities(export, tmp_path, model, size, grid, kernel, dilation):
    checkpoint = perturbed_checkpoint(tmp_path / "weights.pth", model, size)
    bundle = tmp_path / "na.npz"
    status, _, stderr = export("--model", model, "--size", size, "--checkpoint", checkpoint,
                               "--block", "blocks.1", "--out", bundle)
    assert status == 0, stderr
    description, t = ref.read_bundle(bundle)
    assert description["settings"]["kernel"] == [kernel, kernel]
    assert description["settings"]["dilation"] == [dilation, dilation]
    height, width = grid
    queries = {(0, 0), (0, width - 1), (height - 1, 0), (height - 1, width - 1), (height // 2, width // 2),
               (0, width // 2), (height // 2, width - 1), (1, 1)}
    for head in range(description["heads"]):
        for y, x in sorted(queries):
            out = attnscope_weights(bundle, "--tensor", "features", "--proj", bundle, "--mode", "neighborhood",
                                    "--kernel", kernel, "--dilation", dilation, "--head", head,
                                    "--query", f"{y},{x}")
            assert_bundle_alone_agrees(out, bundle, f"{y},{x}", head)
            theirs = t["attention"][head, y * width + x].reshape(height, width)
            ours = np.array(out["weights"], dtype=np.float64)
            assert ours.shape == (height, width) and out["offImage"] == 0
            assert_close(ours, theirs, f"{model} head {head} query ({y}, {x})")
            assert np.count_nonzero(ours) == kernel * kernel
