"""End to end: timm ViT / DeiT / register / qk-norm blocks exported as bundles, then attnscope's
`weights --mode global` with the bundle's projections (`--proj`, qk-norm included) and prefix
tokens (`--prefix`) gives the module's own softmax (the bundle's `attention` member, prefix
tokens first) for grid and prefix queries, single heads and the head mean: grid weights and
prefix masses alike."""
import numpy as np
import pytest

import reference as ref
from conftest import assert_close, attnscope_weights, perturbed_checkpoint, assert_bundle_alone_agrees

MODELS = [
    ("timm:vit_small_patch16_224,depth=1", 64, ["cls"]),
    ("timm:deit_tiny_distilled_patch16_224,depth=1", 48, ["cls", "dist"]),
    ("timm:vit_small_patch14_reg4_dinov2,depth=1", 56, ["cls"] + ["reg"] * 4),
    ("timm:vit_base_patch16_reg4_gap_256,depth=1", 48, ["reg"] * 4),
    ("timm:vit_small_patch16_224,depth=1,qk_norm=True", 48, ["cls"]),
]


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    """Each model's bundle, exported once for the module (from a perturbed checkpoint)."""
    from attnscope_exporter import cli
    made = {}
    for model, size, _ in MODELS:
        folder = tmp_path_factory.mktemp("vit")
        checkpoint = perturbed_checkpoint(folder / "weights.pth", model, size)
        out = folder / "bundle.npz"
        assert cli.main(["--model", model, "--size", str(size), "--checkpoint", str(checkpoint),
                         "--block", "blocks.0", "--out", str(out)]) == 0
        made[model] = out
    return made


def queries(height, width, names):
    """Corners, an edge, the centre, every prefix token, and `cls` when the model has one."""
    grid = [(0, 0), (0, width - 1), (height - 1, 0), (height - 1, width - 1), (0, width // 2), (height // 2, width // 2)]
    out = [(f"{r},{c}", len(names) + r * width + c) for r, c in grid]
    out += [(f"token:{i}", i) for i in range(len(names))]
    if "cls" in names:
        out.append(("cls", names.index("cls")))
    return out


@pytest.mark.parametrize("model, size, names", MODELS)
def test_global_weights_and_prefix_masses_are_the_modules(bundles, model, size, names):
    bundle = bundles[model]
    description, t = ref.read_bundle(bundle)
    assert description["prefix_tokens"] == names
    attention = t["attention"]  # (heads, N, N), prefix tokens first
    heads, n, _ = attention.shape
    _, height, width = t["features"].shape
    p = len(names)
    assert n == p + height * width and t["prefix"].shape[0] == p
    scale = description["settings"].get("scale")
    extra = ["--scale", scale] if scale is not None else []
    for head in [0, heads - 1, "mean"]:
        rows = attention.mean(0) if head == "mean" else attention[head]
        for query, row in queries(height, width, names):
            got = attnscope_weights(bundle, "--mode", "global", "--tensor", "features", "--proj", bundle,
                                    "--prefix", bundle, "--query", query, "--head", head, *extra)
            assert_bundle_alone_agrees(got, bundle, query, head)
            what = f"{model} head {head} query {query}"
            expected = rows[row]
            assert got["query"] == ([int(v) for v in query.split(",")] if "," in query else f"token:{row}"), what
            assert_close(np.array(got["weights"]).reshape(-1), expected[p:], what + " grid")
            assert_close(got["prefix"], expected[:p], what + " prefix")
            total = np.sum(got["weights"]) + got["offImage"] + np.sum(got["prefix"])
            assert abs(total - 1) < 1e-5, what


def test_a_prefix_token_out_of_range_is_refused_in_one_line(bundles):
    """`--query token:P` with P prefix tokens loaded: one line naming the option, nothing on stdout."""
    import subprocess
    from conftest import attnscope_binary
    bundle = bundles["timm:vit_base_patch16_reg4_gap_256,depth=1"]
    done = subprocess.run([attnscope_binary(), "weights", str(bundle), "--mode", "global", "--tensor", "features",
                           "--proj", str(bundle), "--prefix", str(bundle), "--query", "token:4"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and done.stdout == ""
    assert done.stderr.strip().splitlines() == ["Error: --query token:4: 4 prefix tokens loaded (token:0…token:3)"]
