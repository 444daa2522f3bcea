"""DAT's DAttentionBaseline read through the official code's layout (`--repo` pointing at the
stand-in in standins/dat, which follows models/dat_blocks.py): with perturbed weights, the
bundle's projections, positions of every group and position bias (rpe_table, or the dense bias of
log-CPB and fixed tables), read with MECHANISMS.md's DAT-with-G-groups formula in NumPy
(reference.dat_row), give the module's own softmax (hooked in its forward) for several heads and
groups and for corner, edge and centre queries; the positions follow from the raw offsets."""
import os

import numpy as np
import pytest
import torch

import reference as ref
from conftest import assert_close, perturbed_checkpoint, run_process

REPO = os.path.join(os.path.dirname(__file__), "standins", "dat")


def _module_softmax(checkpoint, model_text, size, block, x):
    from attnscope_exporter import run, spec as specs
    from attnscope_exporter.capture import Recorder
    from attnscope_exporter.families.common import WeightSource
    spec = specs.parse(model_text)
    spec.repo = REPO
    model = run._family(spec).build(spec, size, WeightSource("checkpoint", path=str(checkpoint))).model
    recorder = Recorder()
    attn = dict(model.named_modules())[block].attn
    recorder.record_input("x", attn)
    recorder.record_softmax("a", attn)
    recorder.run(lambda: model(torch.tensor(x[None])))
    assert len(recorder.softmax["a"]) == 1
    return recorder.inputs["x"][0][0][0].numpy(), recorder.softmax["a"][0].double().numpy()


@pytest.mark.parametrize("model_text, size, block, bias", [
    ("dat", 128, "blocks.1", (4, 31, 31)),
    ("dat,heads=4,groups=4,offset_range=-1,pe=log_cpb,ksize=5", 96, "blocks.0", (4, 144, 36)),
    ("dat,heads=2,groups=1,stride=1,pe=fixed,depth=1", 64, "blocks.0", (2, 64, 64)),
    ("dat,heads=4,groups=2,pe=none,depth=1,offset_range=3", 96, "blocks.0", None),
    ("dat,pe=dwc,depth=1", 64, "blocks.0", None),  # dwc_pe adds to the output only: no logit bias
])
def test_dat_block_matches_the_modules_softmax(export, tmp_path, model_text, size, block, bias):
    checkpoint = perturbed_checkpoint(tmp_path / "dat.pth", model_text, size, repo=REPO)
    out = tmp_path / "dat.npz"
    status, _, stderr = export("--model", model_text, "--repo", REPO, "--size", size, "--checkpoint", checkpoint,
                               "--block", block, "--out", out)
    assert status == 0, stderr
    description, t = ref.read_bundle(out)
    settings, heads = description["settings"], description["heads"]
    groups = settings["groups"]
    assert description["mode"] == "dat" and t["positions"].shape[0] == groups == t["offsets"].shape[0]
    assert (t["bias"].shape if "bias" in t else None) == bias
    assert_close(ref.dat_positions(t, settings), t["positions"], "positions from the raw offsets")

    features, theirs = _module_softmax(checkpoint, model_text, size, block, t["input"])
    assert_close(t["features"], features, "the attention's input")
    _, height, width = t["features"].shape
    for head in sorted({0, heads // 2, heads - 1}):
        for y, x in [(0, 0), (0, width - 1), (height - 1, 0), (height - 1, width - 1), (height // 2, width // 2),
                     (height // 2, 0)]:
            row = ref.dat_row(t, settings, head, y, x)
            assert_close(row, theirs[head, y * width + x], f"head {head} (group {head * groups // heads}) "
                                                           f"query ({y}, {x})")
            grid, off_image = ref.dat_map(t, row)
            assert abs(grid.sum() + off_image - 1) < 1e-9 and off_image > -1e-9


def test_list_blocks(export):
    status, stdout, stderr = export("--model", "dat", "--repo", REPO, "--list-blocks")
    assert status == 0, stderr
    assert stdout.splitlines() == ["blocks.0\tdat\t16×16\t4", "blocks.1\tdat\t16×16\t4"]


@pytest.mark.parametrize("argv, words", [
    (["--repo", "{tmp}"], ["models/dat_blocks.py: no such file", "LeapLabTHU/DAT"]),
    (["--repo", REPO, "--block", "blocks.7"], ["--block blocks.7", "no module of that name"]),
    (["--repo", REPO, "--block", "blocks.0.mlp"], ["--block blocks.0.mlp", "not an attention block"]),
    (["--repo", REPO, "--checkpoint", "{tmp}/wrong.pth"], ["wrong.pth: does not fit dat", "missing"]),
])
def test_bad_input_is_one_line(tmp_path, argv, words):
    torch.save({"stem.weight": torch.zeros(64, 3, 8, 8)}, tmp_path / "wrong.pth")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    if "--checkpoint" not in argv:
        argv.append("--random")
    status, stdout, stderr = run_process("--model", "dat", *argv, "--out", tmp_path / "x.npz")
    assert status != 0 and stdout == "" and len(stderr.splitlines()) == 1, stderr
    assert "Traceback" not in stderr and all(word in stderr for word in words), stderr
