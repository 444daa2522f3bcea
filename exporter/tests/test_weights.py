"""Where the weights come from: --random --seed (reproducible, seed-dependent), --checkpoint in
each accepted file format, and pretrained weights only when they are already on disk."""
import os

import numpy as np

import reference as ref
from conftest import perturbed_checkpoint, run_process

TINY = "timm:vit_small_patch16_224,depth=1"


def _attention(export, tmp_path, name, *argv):
    out = tmp_path / f"{name}.npz"
    status, _, stderr = export("--model", TINY, "--size", 32, *argv, "--out", out)
    assert status == 0, stderr
    return ref.read_bundle(out)[1]["attention"]


def test_random_weights_depend_on_the_seed_only(export, tmp_path):
    first = _attention(export, tmp_path, "a", "--random", "--seed", 5)
    again = _attention(export, tmp_path, "b", "--random", "--seed", 5)
    other = _attention(export, tmp_path, "c", "--random", "--seed", 6)
    assert np.array_equal(first, again)
    assert not np.allclose(first, other)


def test_checkpoints_load_from_torch_and_safetensors_files(export, tmp_path):
    import torch
    from safetensors.torch import save_file
    pth = perturbed_checkpoint(tmp_path / "weights.pth", TINY, 32, seed=3)
    state = torch.load(pth, weights_only=True)
    save_file({k: v.contiguous() for k, v in state.items()}, str(tmp_path / "weights.safetensors"))
    torch.save({"state_dict": state}, tmp_path / "wrapped.bin")
    from_pth = _attention(export, tmp_path, "pth", "--checkpoint", pth)
    assert np.array_equal(from_pth, _attention(export, tmp_path, "st", "--checkpoint", tmp_path / "weights.safetensors"))
    assert np.array_equal(from_pth, _attention(export, tmp_path, "bin", "--checkpoint", tmp_path / "wrapped.bin"))
    assert not np.allclose(from_pth, _attention(export, tmp_path, "random", "--random"))


def test_pretrained_weights_are_used_when_already_in_the_cache(tmp_path):
    """A Hugging Face cache holding timm's file for the model (here: weights we made) is read
    offline; nothing is downloaded."""
    import timm
    import torch
    from safetensors.torch import save_file
    name = "vit_tiny_patch16_224"
    hub_id = timm.models.get_pretrained_cfg(name).hf_hub_id
    model = timm.create_model(name)
    with torch.no_grad():
        model.blocks[0].attn.qkv.weight.fill_(0.25)
    repository = tmp_path / "hub" / ("models--" + hub_id.replace("/", "--"))
    snapshot = repository / "snapshots" / "0123456789abcdef"
    snapshot.mkdir(parents=True)
    (repository / "refs").mkdir()
    (repository / "refs" / "main").write_text("0123456789abcdef")
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(snapshot / "model.safetensors"))
    out = tmp_path / "pretrained.npz"
    status, stdout, stderr = run_process("--model", f"timm:{name}", "--out", out,
                                         env=dict(os.environ, HF_HOME=str(tmp_path)))
    assert status == 0, stderr
    description, t = ref.read_bundle(out)
    assert description["weights"] == "pretrained"
    assert np.all(t["wq"] == 0.25) and np.all(t["wk"] == 0.25)
