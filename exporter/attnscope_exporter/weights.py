"""Weights: a state dict from --checkpoint (loaded strictly), or seeded random ones (--random)."""
import os

import torch

from . import errors


def read_state_dict(path):
    """The tensors of a .pth/.pt/.bin (torch.save, loaded without pickled code) or .safetensors
    file. A dict holding only a `state_dict` or `model` entry is unwrapped."""
    if not os.path.isfile(path):
        raise errors.checkpoint_unreadable(path, "no such file")
    try:
        if path.endswith(".safetensors"):
            from safetensors.torch import load_file
            state = load_file(path, device="cpu")
        else:
            state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # any library's failure to parse becomes one line
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise errors.checkpoint_unreadable(path, reason[:200])
    for wrapper in ("state_dict", "model"):
        if isinstance(state, dict) and set(state) == {wrapper} and isinstance(state[wrapper], dict):
            state = state[wrapper]
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise errors.checkpoint_unreadable(path, "not a state dict (a mapping of names to tensors)")
    return state


def load_strictly(model, path, spec_text):
    """Loads the checkpoint into `model`; any missing, unexpected or misshapen tensor refuses it."""
    state = read_state_dict(path)
    own = model.state_dict()
    missing = [name for name in own if name not in state]
    unexpected = [name for name in state if name not in own]
    wrong = [f"{name} {tuple(state[name].shape)} vs {tuple(own[name].shape)}"
             for name in own if name in state and state[name].shape != own[name].shape]
    problems = []
    if missing:
        problems.append(f"{len(missing)} missing (e.g. {missing[0]})")
    if unexpected:
        problems.append(f"{len(unexpected)} unexpected (e.g. {unexpected[0]})")
    if wrong:
        problems.append(f"{len(wrong)} of the wrong shape (e.g. {wrong[0]})")
    if problems:
        raise errors.checkpoint_does_not_fit(path, spec_text, "; ".join(problems))
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as error:
        raise errors.checkpoint_does_not_fit(path, spec_text, str(error).strip().splitlines()[0][:200])


def seed(value):
    """Seeds torch's generator so --random weights are the same every run."""
    torch.manual_seed(value)
