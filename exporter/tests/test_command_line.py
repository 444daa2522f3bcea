"""The command line's contract: --list-blocks, and every bad input refused in exactly one line on
stderr with a non-zero exit and no traceback."""
import os
import re
import sys

import pytest

from conftest import run_process

VIT = "timm:vit_small_patch16_224,depth=2"


def one_line(stderr):
    lines = stderr.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("attnscope_export: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_list_blocks_prints_path_mode_grid_heads(export):
    status, stdout, stderr = export("--model", VIT, "--size", 64, "--list-blocks")
    assert status == 0 and stderr == ""
    assert stdout.splitlines() == ["blocks.0\tglobal\t4×4\t6", "blocks.1\tglobal\t4×4\t6"]


def test_list_blocks_of_a_swin_names_every_stage(export):
    status, stdout, _ = export("--model", "torchvision:swin_t", "--size", 40, "--list-blocks")
    lines = stdout.splitlines()
    assert status == 0 and len(lines) == 12
    assert all(re.fullmatch(r"features\.\d\.\d+\twindow\t\d+×\d+\t\d+", line) for line in lines)
    assert lines[0] == "features.1.0\twindow\t10×10\t3" and lines[-1] == "features.7.1\twindow\t2×2\t24"


def test_without_weights_offline_one_line_names_checkpoint_and_random(tmp_path):
    # a real process: nothing cached, no network; the libraries' own warnings must stay silent
    empty_caches = dict(os.environ, HF_HOME=str(tmp_path / "hf"), TORCH_HOME=str(tmp_path / "torch"))
    status, stdout, stderr = run_process("--model", "timm:vit_tiny_patch16_224", "--out", tmp_path / "x.npz",
                                         env=empty_caches)
    line = one_line(stderr)
    assert status != 0 and stdout == ""
    assert "--checkpoint" in line and "--random" in line
    assert not (tmp_path / "x.npz").exists()


@pytest.mark.parametrize("model", ["torchvision:swin_t", "hf:SwinModel"])
def test_other_families_without_weights_say_the_same(export, tmp_path, model, monkeypatch):
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))  # an empty cache, whatever this machine holds
    status, _, stderr = export("--model", model, "--out", tmp_path / "x.npz")
    line = one_line(stderr)
    assert status != 0 and "--checkpoint" in line and "--random" in line


def test_a_checkpoint_that_does_not_fit_is_refused(export, tmp_path):
    import torch
    import timm
    other = timm.create_model("vit_small_patch16_224", depth=1, img_size=64)
    torch.save(other.state_dict(), tmp_path / "one-block.pth")
    status, _, stderr = export("--model", VIT, "--size", 64, "--checkpoint", tmp_path / "one-block.pth",
                               "--out", tmp_path / "x.npz")
    line = one_line(stderr)
    assert status != 0 and "one-block.pth: does not fit" in line and "missing" in line
    state = other.state_dict()
    state["blocks.0.attn.qkv.weight"] = torch.zeros(3, 3)
    torch.save(state, tmp_path / "misshapen.pth")
    status, _, stderr = export("--model", "timm:vit_small_patch16_224,depth=1", "--size", 64,
                               "--checkpoint", tmp_path / "misshapen.pth", "--out", tmp_path / "x.npz")
    assert status != 0 and "wrong shape (e.g. blocks.0.attn.qkv.weight" in one_line(stderr)


def test_a_file_that_is_no_checkpoint_is_refused(export, tmp_path):
    (tmp_path / "junk.pth").write_bytes(b"not a checkpoint")
    status, _, stderr = export("--model", VIT, "--size", 64, "--checkpoint", tmp_path / "junk.pth",
                               "--out", tmp_path / "x.npz")
    assert status != 0 and "junk.pth: cannot read the checkpoint" in one_line(stderr)
    status, _, stderr = export("--model", VIT, "--checkpoint", tmp_path / "absent.pth", "--out", tmp_path / "x.npz")
    assert status != 0 and "absent.pth: cannot read the checkpoint: no such file" in one_line(stderr)


@pytest.mark.parametrize("block, message", [
    ("blocks.9", "--block blocks.9: timm:vit_small_patch16_224,depth=2 has no module of that name"),
    ("patch_embed", "--block patch_embed: that module of timm:vit_small_patch16_224,depth=2 is not an "
                    "attention block the exporter reads (attention blocks: blocks.0, blocks.1)"),
    ("blocks.0.mlp", "--block blocks.0.mlp: that module of"),
])
def test_a_block_that_is_not_an_attention_block_is_refused(export, tmp_path, block, message):
    status, _, stderr = export("--model", VIT, "--size", 64, "--random", "--block", block, "--out", tmp_path / "x.npz")
    assert status != 0 and message in one_line(stderr)


@pytest.mark.parametrize("model, message", [
    ("timm:vit_small_patch16_224,depth=0", "the model has no attention block the exporter reads"),
    ("timm:no_such_model", "timm has no model named 'no_such_model'"),
    ("timm:resnet18", "ResNet is not a timm ViT/DeiT, Swin or Swin V2 model"),
    ("torchvision:no_such_model", "torchvision has no model named"),
    ("hf:BertModel", "the exporter reads transformers' Swin and Swinv2 classes"),
    ("dat", "--model dat needs --repo DIR with the official DAT"),
    ("ccnet", "--model ccnet needs --repo DIR with the official CCNet"),
    ("axial", "--model axial needs --repo DIR"),
    ("van", "--model van needs --repo DIR with the official VAN"),
    ("lesa", "--model lesa needs --repo DIR"),
    ("keras:vit", "expected timm:NAME, torchvision:NAME, hf:NAME"),
])
def test_an_unknown_model_is_refused(export, tmp_path, model, message):
    status, _, stderr = export("--model", model, "--random", "--out", tmp_path / "x.npz")
    assert status != 0 and message in one_line(stderr)


def test_a_missing_optional_package_is_named(export, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "timm", None)  # makes `import timm` fail as if not installed
    status, _, stderr = export("--model", VIT, "--random", "--out", tmp_path / "x.npz")
    line = one_line(stderr)
    assert status != 0 and "needs the Python package timm" in line and "exporter-env.sh" in line


def test_a_picture_that_cannot_be_read_is_refused(export, tmp_path):
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    status, _, stderr = export("--model", VIT, "--size", 64, "--random", "--image", tmp_path / "broken.png",
                               "--out", tmp_path / "x.npz")
    assert status != 0 and "broken.png: cannot read the picture" in one_line(stderr)


def test_an_unwritable_bundle_and_malformed_options_are_refused(export, tmp_path):
    status, _, stderr = export("--model", VIT, "--size", 64, "--random", "--out", tmp_path / "no" / "x.npz")
    assert status != 0 and "cannot write the bundle" in one_line(stderr)
    for argv in (["--model", VIT, "--random"],  # no --out
                 ["--model", VIT, "--random", "--checkpoint", "a.pth", "--out", "x.npz"],
                 ["--model", VIT, "--seed", "3", "--out", "x.npz"],
                 ["--model", VIT, "--random", "--size", "2", "--out", "x.npz"],
                 ["--out", "x.npz"]):
        status, _, stderr = export(*argv)
        assert status == 2
        one_line(stderr)
