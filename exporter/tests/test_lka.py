"""VAN's LKA read through the official code's module layout (`--repo` pointing at the stand-in in
standins/van, which follows models/van.py): the bundle holds the LKA's own input and kernels, and
the NumPy map from those kernels equals the gradient of the real module's conv_spatial(conv0(·))
at the query (autograd), for corner, edge and centre queries and maps smaller than the kernel."""
import os

import numpy as np
import pytest
import torch

import reference as ref
from conftest import assert_close, perturbed_checkpoint

REPO = os.path.join(os.path.dirname(__file__), "standins", "van")


def _module_map(unit, features, y, x):
    """Σ_c |∂s_c(u)/∂x_c(p)| by autograd through the module's own two depthwise convolutions
    (depthwise: the gradient of Σ_c s_c(u) holds each channel's own derivative)."""
    inputs = torch.tensor(features[None], requires_grad=True)
    response = unit.conv_spatial(unit.conv0(inputs))
    response[0, :, y, x].sum().backward()
    grid = inputs.grad[0].abs().sum(0).double().numpy()
    return grid / grid.sum()


@pytest.mark.parametrize("block, grid", [("block1.1", (14, 14)), ("block2.0", (7, 7)), ("block4.1", (2, 2))])
def test_lka_block_matches_the_modules_gradient(export, tmp_path, block, grid):
    checkpoint = perturbed_checkpoint(tmp_path / "van.pth", "van", 56, repo=REPO)
    out = tmp_path / "van.npz"
    status, _, stderr = export("--model", "van", "--repo", REPO, "--size", 56, "--checkpoint", checkpoint,
                               "--block", block, "--out", out)
    assert status == 0, stderr
    description, t = ref.read_bundle(out)
    assert description["mode"] == "lka" and description["settings"] == {"kernel": 21, "dilation": 3}
    assert t["features"].shape[1:] == grid and t["conv0"].shape[1:] == (1, 5, 5)
    assert t["conv_spatial"].shape[1:] == (1, 7, 7)

    # the real module, loaded with the same checkpoint, read independently of the exporter
    from attnscope_exporter import run, spec as specs
    from attnscope_exporter.families.common import WeightSource
    spec = specs.parse("van")
    spec.repo = REPO
    model = run._family(spec).build(spec, 56, WeightSource("checkpoint", path=str(checkpoint))).model
    unit = dict(model.named_modules())[block].attn.spatial_gating_unit
    seen = {}
    unit.register_forward_pre_hook(lambda _m, args: seen.update(x=args[0][0].detach().numpy().copy()))
    with torch.no_grad():
        model(torch.tensor(t["input"][None]))
    assert_close(t["features"], seen["x"], "the LKA's input")
    assert np.array_equal(t["conv0"], unit.conv0.weight.detach().numpy())

    height, width = grid
    for y, x in {(0, 0), (0, width - 1), (height - 1, 0), (height - 1, width - 1), (height // 2, width // 2),
                 (0, width // 2), (height // 2, 0)}:
        assert_close(ref.lka_map(t, description["settings"], y, x), _module_map(unit, t["features"], y, x),
                     f"{block} query ({y}, {x})")


def test_a_repository_without_the_official_file_is_refused(export, tmp_path):
    status, _, stderr = export("--model", "van", "--repo", tmp_path, "--random", "--out", tmp_path / "x.npz")
    assert status != 0 and len(stderr.splitlines()) == 1
    assert "models/van.py: no such file" in stderr and "VAN-Classification" in stderr
