"""Loads a file of an official repository given with --repo, as a module of a package of its own
(so its relative imports, e.g. axialnet.py's `from .utils import *`, find their siblings) without
running that package's __init__.py, which often imports code the exporter does not need.

Every failure is one line naming the file: a missing file says which repository --repo must be."""
import importlib
import os
import sys
import types

from .. import errors


def load(spec, family, repository, relative_path):
    """The module at `--repo`/relative_path (a path with '/' separators)."""
    if not spec.repo:
        raise errors.needs_repo(family, repository)
    path = os.path.join(spec.repo, *relative_path.split("/"))
    if not os.path.isfile(path):
        raise errors.ExportError(f"{path}: no such file (--repo must be a checkout of {repository})")
    folder, file_name = os.path.split(os.path.abspath(path))
    package = f"attnscope_official_{family}_{abs(hash(folder))}"
    if package not in sys.modules:
        module = types.ModuleType(package)
        module.__path__ = [folder]
        sys.modules[package] = module
    try:
        return importlib.import_module(f"{package}.{file_name[:-3]}")
    except Exception as error:  # the official file's own imports or code failing
        text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise errors.ExportError(f"{path}: cannot import the official {family} code: {text[:200]}")


def builder(spec, module, default, what):
    """The model-building function `spec.name` (or `default`) of the official module."""
    name = spec.name or default
    function = getattr(module, name, None)
    if not callable(function) or name.startswith("_"):
        raise errors.unknown_model(spec.text, f"the official {what} code has no model builder {name!r}")
    return function


def batch_norm_affine(bn):
    """(scale, shift) of an eval-mode BatchNorm: y = scale·x + shift, per channel (float64)."""
    import torch
    with torch.no_grad():
        var = bn.running_var.double() if bn.track_running_stats and bn.running_var is not None else None
        mean = bn.running_mean.double() if var is not None else None
        if var is None:
            raise errors.ExportError("a BatchNorm without running statistics cannot be folded")
        scale = 1.0 / torch.sqrt(var + bn.eps)
        if bn.weight is not None:
            scale = scale * bn.weight.double()
        shift = -mean * scale
        if bn.bias is not None:
            shift = shift + bn.bias.double()
    return scale.numpy(), shift.numpy()
