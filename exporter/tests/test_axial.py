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
from calibration import calibrate
from conftest import assert_close, perturbed_checkpoint, run_process

REPO = os.path.join(os.path.dirname(__file__), "standins", "axial")


def _model(checkpoint):
    from attnscope_exporter import run, spec as specs
    from attnscope_exporter.families.common import WeightSource
    spec = specs.parse("axial")
    spec.repo = REPO
    return run._family(spec).build(spec, 224, WeightSource("checkpoint", path=str(checkpoint))).model


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    """Perturbed weights with BatchNorm statistics of a batch, perturbed again (calibration.py)."""
    path = perturbed_checkpoint(tmp_path_factory.mktemp("axial") / "axial.pth", "axial", 224, repo=REPO)
    return calibrate(_model(path), 224, path)


def _module_run(checkpoint, block, x, features):
    """The stand-in network with the checkpoint: the block's input in its own float32 forward, then
    both passes' softmaxes and the height block's output from the block's own modules run in
    float64 on the bundle's features (so that what is compared is the formula, not float32
    rounding accumulated through the network and two passes)."""
    from attnscope_exporter.capture import Recorder
    model = _model(checkpoint)
    b = dict(model.named_modules())[block]
    recorder = Recorder()
    recorder.record_input("in", b.hight_block)
    recorder.run(lambda: model(torch.tensor(x[None])))
    seen = recorder.inputs["in"][0][0][0].numpy()
    b = b.double()
    recorder = Recorder()
    recorder.record_softmax("h", b.hight_block)
    recorder.record_softmax("w", b.width_block)
    recorder.record_output("y", b.hight_block)
    recorder.run(lambda: b.width_block(b.hight_block(torch.tensor(features[None]).double())))
    assert len(recorder.softmax["h"]) == len(recorder.softmax["w"]) == 1
    return (seen, recorder.outputs["y"][0].numpy(),
            recorder.softmax["h"][0].numpy(), recorder.softmax["w"][0].numpy())


@pytest.mark.parametrize("block, side, heads", [("layer1.0", 56, 8), ("layer2.0", 56, 8), ("layer2.1", 28, 8)])
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

    features, height_output, module_h, module_w = _module_run(checkpoint, block, t["input"], t["features"])
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


def test_folding_is_exact_for_every_block(checkpoint):
    """fold()'s tensors in float64 (before the bundle's float32 rounding), read with the same
    NumPy formula, give every block's own float64 softmaxes and height output to 1e-9: the folding
    of bn_qkv, bn_similarity and bn_output is exact, not merely close."""
    from attnscope_exporter.capture import Recorder
    from attnscope_exporter.families import axial_official
    model = _model(checkpoint).double()
    generator = torch.Generator().manual_seed(3)
    for path, b in axial_official.attention_blocks(None, model).items():
        side = b.hight_block.kernel_size
        features = torch.relu(torch.randn(1, b.hight_block.in_planes, side, side, generator=generator,
                                          dtype=torch.float64))
        recorder = Recorder()
        recorder.record_softmax("h", b.hight_block)
        recorder.record_softmax("w", b.width_block)
        recorder.record_output("y", b.hight_block)
        recorder.run(lambda: b.width_block(b.hight_block(features)))
        height, width = axial_official.fold(b.hight_block, path), axial_official.fold(b.width_block, path)
        t = {"features": features[0].numpy()}
        t.update({name: height[name] for name in ("wq", "wk", "bq", "bk", "wv", "bv")})
        t.update({name + "2": width[name] for name in ("wq", "wk", "bq", "bk")})
        t.update({name: np.stack([height[name], width[name]]) for name in ("rq", "rk", "rv")})
        a_h, y, a_w = ref.axial_passes(t)
        heads = b.hight_block.groups
        for ours, theirs, what in ((y, recorder.outputs["y"][0].numpy(), "y"),
                                   (a_h, recorder.softmax["h"][0].numpy().reshape(side, heads, side, side), "A_H"),
                                   (a_w, recorder.softmax["w"][0].numpy().reshape(side, heads, side, side), "A_W")):
            error = np.abs(ours - theirs).max()
            assert error <= 1e-9 * np.abs(theirs).max(), f"{path} {what}: error {error:.3g}"


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
