"""Axial-DeepLab's AxialBlock read through the official code's layout (`--repo` pointing at the
stand-in in standins/axial, which follows lib/models/axialnet.py): with BatchNorm weights and
running statistics perturbed, the bundle's folded tensors, read with MECHANISMS.md's axial formula
in NumPy (reference.axial_passes), give the module's own softmaxes of both passes (hooked in their
forward) and the height block's own output (bn_output included), for several heads and for
corner, edge and centre queries."""
import os

import numpy as np
import pytest
import torch

import reference as ref
from conftest import assert_close, perturbed_checkpoint, run_process

REPO = os.path.join(os.path.dirname(__file__), "standins", "axial")


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    return perturbed_checkpoint(tmp_path_factory.mktemp("axial") / "axial.pth", "axial", 224, repo=REPO)


def _module_run(checkpoint, block, x):
    """The stand-in network with the checkpoint: the block's input, both passes' softmaxes and the
    height block's output, hooked in their own forward."""
    from attnscope_exporter import run, spec as specs
    from attnscope_exporter.capture import Recorder
    from attnscope_exporter.families.common import WeightSource
    spec = specs.parse("axial")
    spec.repo = REPO
    model = run._family(spec).build(spec, 224, WeightSource("checkpoint", path=str(checkpoint))).model
    b = dict(model.named_modules())[block]
    recorder = Recorder()
    recorder.record_input("in", b.hight_block)
    recorder.record_output("y", b.hight_block)
    recorder.record_softmax("h", b.hight_block)
    recorder.record_softmax("w", b.width_block)
    recorder.run(lambda: model(torch.tensor(x[None])))
    assert len(recorder.softmax["h"]) == len(recorder.softmax["w"]) == 1
    return (recorder.inputs["in"][0][0][0].numpy(), recorder.outputs["y"][0].numpy(),
            recorder.softmax["h"][0].double().numpy(), recorder.softmax["w"][0].double().numpy())


@pytest.mark.parametrize("block, side, heads", [("layer1.0", 56, 8), ("layer2.0", 56, 8), ("layer3.1", 14, 8)])
def test_axial_block_matches_the_modules_softmaxes(export, tmp_path, checkpoint, block, side, heads):
    out = tmp_path / "axial.npz"
    status, _, stderr = export("--model", "axial", "--repo", REPO, "--checkpoint", checkpoint, "--block", block,
                               "--out", out)
    assert status == 0, stderr
    description, t = ref.read_bundle(out)
    assert description["mode"] == "axial" and description["heads"] == heads
    assert description["settings"] == {"passes": 2}
    c = t["features"].shape[0]
    d = c // heads // 2
    assert t["features"].shape[1:] == (side, side) and t["wq"].shape == (heads, d, c)
    assert t["rq"].shape == (2, heads, d, 2 * side - 1) and t["rv"].shape == (2, c, 2 * side - 1)

    features, height_output, module_h, module_w = _module_run(checkpoint, block, t["input"])
    assert_close(t["features"], features, "the height block's input")
    passes = ref.axial_passes(t)
    a_h, y, a_w = passes
    # the folded values (bn_qkv and bn_output inside) give the height block's own output
    assert_close(y, height_output, f"{block}: the height pass's output y")
    assert_close(a_h, module_h.reshape(side, heads, side, side), f"{block}: every height-pass softmax")
    assert_close(a_w, module_w.reshape(side, heads, side, side), f"{block}: every width-pass softmax")
    last = side - 1
    for head in (0, 3, heads - 1):
        for qy, qx in [(0, 0), (0, last), (last, 0), (last, last), (side // 2, side // 2), (0, side // 2)]:
            theirs = (module_h.reshape(side, heads, side, side)[:, head, qy, :].T
                      * module_w.reshape(side, heads, side, side)[qy, head, qx][None, :])
            ours = ref.axial_map(passes, head, qy, qx)
            assert_close(ours, theirs, f"{block} head {head} query ({qy}, {qx}): composed map")
            assert abs(ours.sum() - 1) < 1e-9


def test_list_blocks_prints_every_axial_block(export):
    status, stdout, stderr = export("--model", "axial", "--repo", REPO, "--list-blocks")
    assert status == 0, stderr
    lines = stdout.splitlines()
    assert lines[0] == "layer1.0\taxial\t56×56\t8"
    assert lines[1:3] == ["layer2.0\taxial\t56×56\t8", "layer2.1\taxial\t28×28\t8"]
    assert lines[-1] == "layer4.0\taxial\t14×14\t8" and len(lines) == 8


@pytest.mark.parametrize("argv, words", [
    (["--repo", "{tmp}"], ["lib/models/axialnet.py: no such file", "csrhddlam/axial-deeplab"]),
    (["--repo", REPO, "--block", "layer9.0"], ["--block layer9.0", "no module of that name"]),
    (["--repo", REPO, "--block", "layer1.0.conv_down"], ["--block layer1.0.conv_down", "not an attention block"]),
    (["--repo", REPO, "--size", "112"], ["--size 112", "224"]),
    (["--repo", REPO, "--checkpoint", "{tmp}/wrong.pth"], ["wrong.pth: does not fit axial"]),
])
def test_bad_input_is_one_line(tmp_path, argv, words):
    torch.save({"conv1.weight": torch.zeros(1)}, tmp_path / "wrong.pth")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    if "--checkpoint" not in argv:
        argv.append("--random")
    status, stdout, stderr = run_process("--model", "axial", *argv, "--out", tmp_path / "x.npz")
    assert status != 0 and stdout == "" and len(stderr.splitlines()) == 1, stderr
    assert "Traceback" not in stderr and all(word in stderr for word in words), stderr
