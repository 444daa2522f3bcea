"""End to end for lka with real kernels: a bundle exported from VAN's LKA (the official code's
module layout, the stand-in in standins/van following models/van.py) read by the built attnscope
(`weights --mode lka --kernels BUNDLE`) gives Σ_c |∂s_c(u)/∂x_c(p)| of the real module's
conv_spatial(conv0(·)) by autograd, for corner, edge and centre queries and maps smaller than
the kernels; kernels that do not fit are refused in one line naming the member."""
import os
import subprocess

import numpy as np
import pytest
import torch

import reference as ref
from conftest import assert_close, attnscope_binary, attnscope_weights, perturbed_checkpoint, assert_bundle_alone_agrees

REPO = os.path.join(os.path.dirname(__file__), "standins", "van")


def _van_bundle(export, tmp_path, block):
    checkpoint = perturbed_checkpoint(tmp_path / "van.pth", "van", 56, repo=REPO)
    bundle = tmp_path / "van.npz"
    status, _, stderr = export("--model", "van", "--repo", REPO, "--size", 56, "--checkpoint", checkpoint,
                               "--block", block, "--out", bundle)
    assert status == 0, stderr
    return checkpoint, bundle


def _module_map(unit, features, y, x):
    inputs = torch.tensor(features[None], requires_grad=True)
    unit.conv_spatial(unit.conv0(inputs))[0, :, y, x].sum().backward()
    grid = inputs.grad[0].abs().sum(0).double().numpy()
    return grid / grid.sum()


@pytest.mark.parametrize("block, grid", [("block1.1", (14, 14)), ("block3.0", (4, 4)), ("block4.1", (2, 2))])
def test_attnscope_gives_the_modules_gradient(export, tmp_path, block, grid):
    checkpoint, bundle = _van_bundle(export, tmp_path, block)
    description, t = ref.read_bundle(bundle)
    settings = description["settings"]
    from attnscope_exporter import run, spec as specs
    from attnscope_exporter.families.common import WeightSource
    spec = specs.parse("van")
    spec.repo = REPO
    model = run._family(spec).build(spec, 56, WeightSource("checkpoint", path=str(checkpoint))).model
    unit = dict(model.named_modules())[block].attn.spatial_gating_unit
    assert np.array_equal(t["conv_spatial"], unit.conv_spatial.weight.detach().numpy())
    height, width = grid
    for y, x in sorted({(0, 0), (0, width - 1), (height - 1, 0), (height - 1, width - 1), (height // 2, width // 2),
                        (0, width // 2), (height // 2, 0)}):
        out = attnscope_weights(bundle, "--tensor", "features", "--mode", "lka", "--kernels", bundle,
                                "--kernel", settings["kernel"], "--dilation", settings["dilation"], "--query", f"{y},{x}")
        assert_bundle_alone_agrees(out, bundle, f"{y},{x}")
        ours = np.array(out["weights"], dtype=np.float64)
        assert ours.shape == grid
        assert_close(ours, _module_map(unit, t["features"], y, x), f"{block} query ({y}, {x})")


def test_kernels_that_do_not_fit_are_refused_in_one_line(export, tmp_path):
    _, bundle = _van_bundle(export, tmp_path, "block2.0")
    _, t = ref.read_bundle(bundle)
    bad = tmp_path / "bad.npz"
    np.savez(bad, conv0=t["conv0"][:, :, 1:4, 1:4], conv_spatial=t["conv_spatial"])
    done = subprocess.run([attnscope_binary(), "weights", bundle, "--tensor", "features", "--mode", "lka",
                           "--kernels", bad, "--query", "0,0", "--format", "json"], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "--kernels" in lines[0] and "conv0" in lines[0] and "bad.npz" in lines[0], done.stderr
