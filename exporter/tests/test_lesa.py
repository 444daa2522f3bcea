"""LESA's binary term read through the official code's layout (`--repo` pointing at the stand-in in
standins/lesa, which follows LESA_classification's lib/models/LESA.py): with perturbed weights
and BatchNorm statistics, the bundle's folded projections and per-head flattened position tables,
read with MECHANISMS.md's lesa formula in NumPy (reference.lesa_rows), give the module's own
binary softmax (hooked in its forward, float64 on the bundle's features) for every head and every
query, corners, edges and centre among them; the folded values give its binary output."""
import os

import numpy as np
import pytest
import torch

import reference as ref
from calibration import calibrate
from conftest import assert_close, perturbed_checkpoint, run_process

REPO = os.path.join(os.path.dirname(__file__), "standins", "lesa")


def _model(model_text, size, checkpoint):
    from attnscope_exporter import run, spec as specs
    from attnscope_exporter.families.common import WeightSource
    spec = specs.parse(model_text)
    spec.repo = REPO
    return run._family(spec).build(spec, size, WeightSource("checkpoint", path=str(checkpoint))).model


@pytest.mark.parametrize("model_text, size, block, heads", [("lesa", 128, "blocks.1.conv2", 8),
                                                            ("lesa,groups=2,dim=32,depth=1,patch=8", 96,
                                                             "blocks.0.conv2", 2)])
def test_lesa_binary_term_matches_the_modules_softmax(export, tmp_path, model_text, size, block, heads):
    path = perturbed_checkpoint(tmp_path / "lesa.pth", model_text, size, repo=REPO)
    checkpoint = calibrate(_model(model_text, size, path), size, path)
    out = tmp_path / "lesa.npz"
    status, _, stderr = export("--model", model_text, "--repo", REPO, "--size", size, "--checkpoint", checkpoint,
                               "--block", block, "--out", out)
    assert status == 0, stderr
    description, t = ref.read_bundle(out)
    assert description["mode"] == "lesa" and description["heads"] == heads and description["settings"] == {}
    c, height, width = t["features"].shape
    n = height * width
    assert t["rq"].shape == (heads, c // heads // 2, 2 * n - 1) and t["rv"].shape == (c, 2 * n - 1)

    from attnscope_exporter.capture import Recorder
    model = _model(model_text, size, checkpoint)
    module = dict(model.named_modules())[block]
    recorder = Recorder()
    recorder.record_input("x", module)
    recorder.run(lambda: model(torch.tensor(t["input"][None])))
    assert_close(t["features"], recorder.inputs["x"][0][0][0].numpy(), "the LESA module's input")
    module = module.double()
    recorder = Recorder()
    recorder.record_softmax("a", module)
    seen = {}
    module.register_forward_hook(lambda m, args, _out: seen.update(
        binary=m._binary_forward(args[0].reshape(1, c, n)).detach()[0].numpy()))
    recorder.run(lambda: module(torch.tensor(t["features"][None]).double()))
    assert len(recorder.softmax["a"]) == 1
    theirs = recorder.softmax["a"][0][0].numpy()  # (heads, N, N)
    ours = ref.lesa_rows(t)
    assert_close(ours, theirs, "every head's binary softmax")
    assert_close(ours, t["attention"], "the bundle's attention (the module's float32 softmax)")
    for head in range(heads):
        for y, x in [(0, 0), (0, width - 1), (height - 1, 0), (height - 1, width - 1), (height // 2, width // 2)]:
            assert_close(ours[head, y * width + x], theirs[head, y * width + x], f"head {head} query ({y}, {x})")
    # the folded values: Σ_j a·(wv·x_j + bv) + Σ_j a·rv[i − j] is the module's binary output (bn_output inside)
    tokens = t["features"].reshape(c, n).astype(np.float64)
    v = t["wv"] @ tokens + t["bv"][:, None]
    rv = ref._relative(t["rv"].astype(np.float64), n)
    binary = np.array([ours[o // (c // heads)] @ v[o] + (ours[o // (c // heads)] * rv[o]).sum(1) for o in range(c)])
    assert_close(binary, seen["binary"], "the binary term's output")


def test_list_blocks(export):
    status, stdout, stderr = export("--model", "lesa", "--repo", REPO, "--list-blocks")
    assert status == 0, stderr
    assert stdout.splitlines() == ["blocks.0.conv2\tlesa\t8×8\t8", "blocks.1.conv2\tlesa\t8×8\t8"]


@pytest.mark.parametrize("argv, words", [
    (["--repo", "{tmp}"], ["lib/models/LESA.py: no such file", "LESA_classification"]),
    (["--repo", REPO, "--block", "blocks.0.conv9"], ["--block blocks.0.conv9", "no module of that name"]),
    (["--repo", REPO, "--block", "blocks.0"], ["--block blocks.0", "not an attention block"]),
    (["--repo", REPO, "--checkpoint", "{tmp}/wrong.pth"], ["wrong.pth: does not fit lesa", "missing"]),
])
def test_bad_input_is_one_line(tmp_path, argv, words):
    torch.save({"stem.weight": torch.zeros(64, 3, 16, 16)}, tmp_path / "wrong.pth")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    if "--checkpoint" not in argv:
        argv.append("--random")
    status, stdout, stderr = run_process("--model", "lesa", *argv, "--out", tmp_path / "x.npz")
    assert status != 0 and stdout == "" and len(stderr.splitlines()) == 1, stderr
    assert "Traceback" not in stderr and all(word in stderr for word in words), stderr
