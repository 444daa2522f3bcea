"""attnscope opens the exporter's bundles with no flags: `attnscope weights BUNDLE --query R,C`
(plus only `--block` and `--head`) gives the real module's own attention, read back from the
bundle's `attention` member (the softmax the module computed in its forward pass, captured by the
exporter) or, for VAN's LKA, from autograd through the module's own convolutions. Maps are
compared at 1e-5 × their maximum for several heads and corner, edge and centre queries.

Where this attnscope cannot yet reproduce a block (a setting or member it names in a notice as
not known: `variant`, `prefix`, LKA's `conv0`/`conv_spatial`), the comparison is made where it
is exact today, and in full once the notice is gone. Bad bundles are refused in one line."""
import io
import json
import os
import subprocess
import zipfile

import numpy as np
import pytest
import torch

import reference as ref
from conftest import assert_close, attnscope_binary, attnscope_weights, perturbed_checkpoint

VAN = os.path.join(os.path.dirname(__file__), "standins", "van")


def attnscope(*argv):
    """(status, stdout, stderr) of the built attnscope."""
    done = subprocess.run([attnscope_binary(), *map(str, argv)], capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


def queries(height, width):
    """The corners, an edge middle and the centre."""
    return sorted({(0, 0), (0, width - 1), (height - 1, 0), (height - 1, width - 1), (height // 2, 0),
                   (height // 2, width // 2)})


def heads_to_check(heads):
    return sorted({0, heads - 1})


def notes(bundle, *extra):
    """attnscope's notices for the bundle (stderr of one weights run)."""
    status, _, stderr = attnscope("weights", bundle, "--query", "0,0", *extra, "--format", "json")
    assert status == 0, stderr
    return stderr


def export_bundle(export, tmp_path, model, size, *argv, repo=None):
    checkpoint = perturbed_checkpoint(tmp_path / "weights.pth", model, size, repo=repo)
    out = tmp_path / "bundle.npz"
    extra = ("--repo", repo) if repo else ()
    status, _, stderr = export("--model", model, "--size", size, "--checkpoint", checkpoint, *extra, *argv, "--out", out)
    assert status == 0, stderr
    return out


# --- window: timm / torchvision / transformers Swin -----------------------------------------------

@pytest.mark.parametrize("model, size", [
    ("timm:swin_tiny_patch4_window7_224,depths=(2,2),num_heads=(3,6)", 56),  # 14×14, 7×7: no padding
    ("torchvision:swin_t", 56),                           # 4×4 and 2×2 stages keep window 7 (torchvision's rules)
    ("hf:SwinModel,depths=[2,2],num_heads=[3,6]", 72),    # official rules: 18×18 padded to 21, shifted
])
def test_swin_bundles_open_in_their_blocks_settings(export, tmp_path, model, size):
    out = export_bundle(export, tmp_path, model, size, "--block", "all")
    description, arrays = ref.read_bundle(out)
    compared, shifted, per_grid = 0, 0, {}
    for index, entry in enumerate(description["blocks"]):
        t = ref.block_arrays(arrays, index)
        settings = entry["settings"]
        _, height, width = t["features"].shape
        per_grid[height, width] = per_grid.get((height, width), 0) + 1
        if per_grid[height, width] > 2:  # a W-MSA and an SW-MSA block of each stage suffice
            continue
        compared += 1
        shifted += ref.window_layout(settings, height, width)[1] != (0, 0)
        for head in heads_to_check(entry["heads"]):
            for y, x in queries(height, width):
                got = attnscope_weights(out, "--block", index, "--head", head, "--query", f"{y},{x}")
                assert got["mode"] == "window" and (got["height"], got["width"]) == (height, width)
                grid, off = ref.loaded_window_map(t["attention"], settings, height, width, head, y, x)
                assert_close(np.append(got["weights"], got["offImage"]), np.append(grid, off),
                             f"{model} block {index} ({entry['block']}) head {head} query ({y}, {x})")
    assert compared >= 2 and shifted >= 1  # shifted windows (the −100 masks) were among them


# --- global: timm ViT with a class token ----------------------------------------------------------

def test_vit_bundle_opens_in_global_mode(export, tmp_path):
    """The class token is a key of every softmax: a grid query's map is the module's row over
    the grid, and the class token's share is `prefix`."""
    out = export_bundle(export, tmp_path, "timm:vit_small_patch16_224,depth=2", 64, "--block", "blocks.1")
    description, t = ref.read_bundle(out)
    prefix = t["prefix"].shape[0]
    _, height, width = t["features"].shape
    for head in heads_to_check(description["heads"]):
        for y, x in queries(height, width):
            got = attnscope_weights(out, "--head", head, "--query", f"{y},{x}")
            assert got["mode"] == "global"
            row = t["attention"][head, prefix + y * width + x].astype(np.float64)
            assert_close(got["weights"], row[prefix:].reshape(height, width), f"ViT head {head} query ({y}, {x})")
            assert_close(got["prefix"], row[:prefix], f"ViT head {head} query ({y}, {x}) prefix")


# --- neighborhood: natten -------------------------------------------------------------------------

def test_natten_bundle_opens_in_neighborhood_mode(export, tmp_path):
    out = export_bundle(export, tmp_path, "natten,kernel_size=7,dilation=1", 112, "--block", "blocks.1")
    description, t = ref.read_bundle(out)
    assert description["settings"]["kernel"] == [7, 7]  # a pair of equal values, read as K = 7
    _, height, width = t["features"].shape
    for head in heads_to_check(description["heads"]):
        for y, x in queries(height, width):
            got = attnscope_weights(out, "--head", head, "--query", f"{y},{x}")
            assert got["mode"] == "neighborhood"
            row = t["attention"][head, y * width + x].reshape(height, width)
            assert_close(got["weights"], row, f"natten head {head} query ({y}, {x})")


# --- lka: VAN (the official code's layout, in standins/van) ---------------------------------------

def _lka_gradient(unit, features, y, x, kernels):
    """Σ_c |∂s_c(u)/∂x_c(p)| by autograd through the module's two depthwise convolutions, with
    their own kernels or all-ones kernels of the same shapes."""
    conv0, spatial = unit.conv0, unit.conv_spatial
    w0 = conv0.weight if kernels == "real" else torch.ones_like(conv0.weight)
    w1 = spatial.weight if kernels == "real" else torch.ones_like(spatial.weight)
    inputs = torch.tensor(features[None], requires_grad=True)
    mid = torch.nn.functional.conv2d(inputs, w0, None, conv0.stride, conv0.padding, conv0.dilation, conv0.groups)
    response = torch.nn.functional.conv2d(mid, w1, None, spatial.stride, spatial.padding, spatial.dilation, spatial.groups)
    response[0, :, y, x].sum().backward()
    grid = inputs.grad[0].abs().sum(0).double().numpy()
    return grid / grid.sum()


def test_van_bundle_opens_in_lka_mode(export, tmp_path):
    out = export_bundle(export, tmp_path, "van", 56, "--block", "block1.1", repo=VAN)
    description, t = ref.read_bundle(out)
    assert description["settings"] == {"kernel": 21, "dilation": 3}
    assert "does not read" not in notes(out)  # the bundle's kernels are read, not left over
    kernels = "real"
    from attnscope_exporter import run, spec as specs
    from attnscope_exporter.families.common import WeightSource
    spec = specs.parse("van")
    spec.repo = VAN
    model = run._family(spec).build(spec, 56, WeightSource("checkpoint", path=str(tmp_path / "weights.pth"))).model
    unit = dict(model.named_modules())["block1.1"].attn.spatial_gating_unit
    _, height, width = t["features"].shape
    for y, x in queries(height, width):
        got = attnscope_weights(out, "--query", f"{y},{x}")
        assert got["mode"] == "lka"
        assert_close(got["weights"], _lka_gradient(unit, t["features"], y, x, kernels), f"VAN query ({y}, {x})")


# --- info, and bad bundles ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def swin_bundle(tmp_path_factory):
    """A small 4-block Swin bundle, exported once for the tests below."""
    from attnscope_exporter import cli
    out = tmp_path_factory.mktemp("swin") / "s.npz"
    assert cli.main(["--model", "timm:swin_tiny_patch4_window7_224,depths=(2,2),num_heads=(3,6)", "--size", "56",
                     "--random", "--block", "all", "--out", str(out)]) == 0
    return out


def test_info_lists_the_model_blocks_and_members(swin_bundle):
    status, stdout, stderr = attnscope("info", swin_bundle)
    assert status == 0, stderr
    assert "model   timm:swin_tiny_patch4_window7_224,depths=(2,2),num_heads=(3,6)" in stdout
    assert "    1  layers.0.blocks.1  window  3 heads  14×14  window [7, 7], shift [3, 3], variant \"timm\"" in stdout
    assert "    3  layers.1.blocks.1  window  6 heads  7×7" in stdout
    assert "    b1.bias" in stdout and "3×169 f4" in stdout and "    input" in stdout


def rewritten(source, target, description=None, drop=(), replace=None):
    """A copy of bundle `source` with its attnscope.json replaced, members dropped or replaced."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            name = item.filename
            if name in drop:
                continue
            if name == "attnscope.json" and description is not None:
                copy.writestr(name, json.dumps(description))
            elif replace and name in replace:
                buffer = io.BytesIO()
                np.save(buffer, replace[name])
                copy.writestr(name, buffer.getvalue())
            else:
                copy.writestr(item, original.read(name))
    return target


def one_line_failure(*argv):
    status, stdout, stderr = attnscope(*argv)
    assert status != 0 and stdout == "", stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def test_bad_bundles_are_refused_in_one_line(swin_bundle, tmp_path):
    with zipfile.ZipFile(swin_bundle) as archive:
        description = json.loads(archive.read("attnscope.json"))
    weights = ("weights", "--query", "1,1")

    future = rewritten(swin_bundle, tmp_path / "future.npz", description=dict(description, format=2))
    line = one_line_failure(weights[0], future, *weights[1:])
    assert f"{future}: member 'attnscope.json' has format 2; this attnscope reads format 1" in line

    no_features = rewritten(swin_bundle, tmp_path / "nofeatures.npz", drop=("b0.features.npy",))
    assert f"{no_features}: has no member 'b0.features'" in one_line_failure(weights[0], no_features, *weights[1:])

    misfit = rewritten(swin_bundle, tmp_path / "misfit.npz", replace={"b1.bias.npy": np.zeros((3, 170), np.float32)})
    line = one_line_failure(weights[0], misfit, *weights[1:], "--block", "1")
    assert line.startswith(f"Error: {misfit}: member 'b1.bias' has shape 3×170; window 7×7 needs (2M−1)² = 169"), line

    line = one_line_failure(weights[0], swin_bundle, *weights[1:], "--block", "9")
    assert line == f"Error: --block 9: {swin_bundle} holds 4 blocks (0…3)"

    unequal = json.loads(json.dumps(description))
    unequal["blocks"][0]["settings"]["dilation"] = [2, 1]
    odd = rewritten(swin_bundle, tmp_path / "unequal.npz", description=unequal)
    line = one_line_failure(weights[0], odd, *weights[1:])
    assert f"{odd}: attnscope.json block 0 setting 'dilation' is [2, 1]" in line


def test_flags_override_the_bundle(swin_bundle):
    """Options given on the command line win over the bundle's mode, settings and tensors."""
    description, arrays = ref.read_bundle(swin_bundle)
    assert attnscope_weights(swin_bundle, "--query", "3,3", "--mode", "global")["mode"] == "global"
    # --shift 0 makes block 1 (SW-MSA, shift 3) a W-MSA block: MECHANISMS.md's window formula
    # on the bundle's own tensors with shift 0
    t = ref.block_arrays(arrays, 1)
    settings = dict(description["blocks"][1]["settings"], shift=[0, 0])
    for y, x in [(3, 3), (13, 0)]:
        got = attnscope_weights(swin_bundle, "--block", 1, "--shift", 0, "--head", 2, "--query", f"{y},{x}")
        grid, _ = ref.window_map(t, settings, 2, y, x)
        assert_close(got["weights"], grid, f"block 1 with --shift 0, query ({y}, {x})")
    # a window the bundle's bias table does not fit is named by the member, not by an option
    line = one_line_failure("weights", swin_bundle, "--query", "1,1", "--window", "5")
    assert line.startswith(f"Error: {swin_bundle}: member 'b0.bias' has shape 3×169; window 5×5 needs"), line
    # --tensor reads the file as a plain archive: no mode, settings or tensors of the bundle
    # (a usage error: its first line names the option, then ArgumentParser's usage lines)
    status, stdout, stderr = attnscope("weights", swin_bundle, "--query", "1,1", "--tensor", "b0.features")
    assert status != 0 and stdout == "" and stderr.startswith("Error: Missing expected argument '--mode <mode>'")
