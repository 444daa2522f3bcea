"""CCNet's recurrent criss-cross attention read through the official code's layout (`--repo`
pointing at the stand-in in standins/ccnet, which follows cc_attention/functions.py): with
perturbed weights (gamma included), the bundle's q/k/v projections and settings, read with
MECHANISMS.md's criss-cross formula with values in NumPy (reference.criss_cross_passes), give the
module's own softmax of every recurrence (hooked on its `softmax` module) and its output after
the last pass, for corner, edge and centre queries."""
import os

import numpy as np
import pytest
import torch

import reference as ref
from conftest import assert_close, perturbed_checkpoint, run_process

REPO = os.path.join(os.path.dirname(__file__), "standins", "ccnet")


def _module_run(checkpoint, model_text, size, x, features):
    """The first pass's input in the network's own float32 forward; then every pass's joint
    softmax (H, W, H+W) and output from the module's own `cca`, run R times in float64 on the
    bundle's features (float32 rounding through R peaky passes is not what is compared)."""
    from attnscope_exporter import run, spec as specs
    from attnscope_exporter.families.common import WeightSource
    spec = specs.parse(model_text)
    spec.repo = REPO
    model = run._family(spec).build(spec, size, WeightSource("checkpoint", path=str(checkpoint))).model
    seen = []
    model.head.cca.register_forward_pre_hook(lambda _m, args: seen.append(args[0][0].numpy().copy()))
    with torch.no_grad():
        model(torch.tensor(x[None]))
    cca = model.head.cca.double()
    softmaxes, inputs = [], []
    cca.softmax.register_forward_hook(lambda _m, _a, out: softmaxes.append(out[0].numpy()))
    output = torch.tensor(features[None]).double()
    with torch.no_grad():
        for _ in range(model.head.recurrence):
            inputs.append(output[0].numpy())
            output = cca(output)
    return seen[0], softmaxes, inputs, output[0].numpy()


def _as_module_layout(a, height, width):
    """Dense A (N, N) → CCNet's joint layout (H, W, H + W): [column h | row w]; the query itself is
    kept in the row part (the column part's −∞ diagonal gives it 0 there)."""
    out = np.zeros((height, width, height + width))
    for i in range(height):
        for j in range(width):
            n = i * width + j
            out[i, j, :height] = a[n, np.arange(height) * width + j]
            out[i, j, i] = 0
            out[i, j, height:] = a[n, i * width + np.arange(width)]
    return out


@pytest.mark.parametrize("model_text, size, passes", [("ccnet", 96, 2), ("ccnet,recurrence=3,channels=32", 80, 3),
                                                       ("ccnet,recurrence=1", 64, 1)])
def test_criss_cross_matches_the_modules_softmaxes(export, tmp_path, model_text, size, passes):
    checkpoint = perturbed_checkpoint(tmp_path / "ccnet.pth", model_text, size, repo=REPO)
    out = tmp_path / "ccnet.npz"
    status, stdout, stderr = export("--model", model_text, "--repo", REPO, "--size", size, "--checkpoint",
                                    checkpoint, "--out", out)
    assert status == 0, stderr
    description, t = ref.read_bundle(out)
    settings = description["settings"]
    assert description["mode"] == "criss-cross" and description["block"] == "head" and description["heads"] == 1
    assert settings["passes"] == passes and abs(settings["gamma"]) > 0.01  # perturbed away from CCNet's 0
    c, height, width = t["features"].shape
    assert (height, width) == (size // 8, size // 8) and t["wq"].shape == (1, c // 8, c) and t["wv"].shape == (c, c)

    seen, softmaxes, inputs, output = _module_run(checkpoint, model_text, size, t["input"], t["features"])
    assert len(softmaxes) == passes
    assert_close(t["features"], seen, "the first pass's input")
    ours, last = ref.criss_cross_passes(t, settings)
    for r, (a, x_r) in enumerate(ours):
        assert_close(x_r, inputs[r], f"pass {r + 1}'s input x^({r + 1})")
        assert_close(_as_module_layout(a, height, width), softmaxes[r], f"pass {r + 1}: every query's softmax")
    assert_close(last, output, "the last pass's output")
    for y, x in [(0, 0), (0, width - 1), (height - 1, 0), (height - 1, width - 1), (height // 2, width // 2),
                 (0, width // 2)]:
        composed = ref.criss_cross_map(ours, y, x, width)
        theirs = np.zeros(height * width)
        theirs[y * width + x] = 1
        for joint in reversed(softmaxes):  # the module's own weights, composed the same way
            dense = np.zeros((height * width, height * width))
            for i in range(height):
                for j in range(width):
                    n = i * width + j
                    dense[n, np.arange(height) * width + j] = joint[i, j, :height]
                    dense[n, i * width + np.arange(width)] += joint[i, j, height:]
            theirs = theirs @ dense
        assert_close(composed, theirs.reshape(height, width), f"query ({y}, {x}): composed map")
        assert abs(composed.sum() - 1) < 1e-9


def test_list_blocks(export):
    status, stdout, stderr = export("--model", "ccnet", "--repo", REPO, "--list-blocks")
    assert status == 0, stderr
    assert stdout.splitlines() == ["head\tcriss-cross\t16×16\t1"]


@pytest.mark.parametrize("argv, words", [
    (["--repo", "{tmp}"], ["cc_attention/functions.py: no such file", "speedinghzl/CCNet"]),
    (["--repo", REPO, "--block", "head.nothing"], ["--block head.nothing", "no module of that name"]),
    (["--repo", REPO, "--block", "stem"], ["--block stem", "not an attention block"]),
    (["--repo", REPO, "--checkpoint", "{tmp}/wrong.pth"], ["wrong.pth: does not fit ccnet", "missing"]),
])
def test_bad_input_is_one_line(tmp_path, argv, words):
    torch.save({"head.cca.gamma": torch.zeros(1)}, tmp_path / "wrong.pth")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    if "--checkpoint" not in argv:
        argv.append("--random")
    status, stdout, stderr = run_process("--model", "ccnet", *argv, "--out", tmp_path / "x.npz")
    assert status != 0 and stdout == "" and len(stderr.splitlines()) == 1, stderr
    assert "Traceback" not in stderr and all(word in stderr for word in words), stderr
