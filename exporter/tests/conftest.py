"""Shared helpers: run the exporter in this process (one import of torch for the whole run) or as
a real subprocess (for what only a process shows: exit status, stderr, no traceback), and make
checkpoints whose weights are far from the libraries' initialisation (zero tables and unit norms
would let a wrong bias or norm pass unnoticed)."""
import os
import subprocess
import sys

import pytest

EXPORTER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, EXPORTER)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from attnscope_exporter import cli  # noqa: E402


@pytest.fixture
def export(capsys):
    """export(*argv) → (status, stdout, stderr) of the exporter run in-process."""
    def run(*argv):
        status = cli.main([str(a) for a in argv])
        captured = capsys.readouterr()
        return status, captured.out, captured.err
    return run


def run_process(*argv, env=None):
    """The exporter as its own process: (status, stdout, stderr)."""
    done = subprocess.run([sys.executable, os.path.join(EXPORTER, "attnscope_export.py"), *map(str, argv)],
                          capture_output=True, text=True, timeout=300, env=env)
    return done.returncode, done.stdout, done.stderr


def perturbed_checkpoint(path, model_text, size, seed=1, repo=None):
    """Builds the model as the exporter does (--random), moves every float tensor well away from
    its initial value with a seeded generator, and saves the state dict to `path`."""
    import torch
    from attnscope_exporter import run, spec as specs
    from attnscope_exporter.families.common import WeightSource
    spec = specs.parse(model_text)
    spec.repo = repo
    family = run._family(spec)
    model = family.build(spec, size, WeightSource("random", seed=0)).model
    generator = torch.Generator().manual_seed(seed)
    state = model.state_dict()
    for name, tensor in state.items():
        if not tensor.is_floating_point() or "relative_coords_table" in name:  # inputs of cpb_mlp, not weights
            continue
        noise = torch.randn(tensor.shape, generator=generator)
        if "relative_position" in name:
            state[name] = noise  # a bias table of unit size: clearly visible in every map
        elif "layer_scale" in name:  # residual branch scales (VAN: 0.01): large ones overflow deep stacks
            state[name] = tensor * torch.exp(noise * 0.3)
        elif "running_var" in name:  # BatchNorm statistics stay positive
            state[name] = tensor * torch.exp(noise * 0.3)
        elif "logit_scale" in name:  # Swin V2's ln τ (init ln 10): τ up to 100 would leave float32 behind
            state[name] = tensor + noise * 0.3
        elif tensor.dim() >= 2:
            state[name] = tensor + noise * 2.0 / tensor[0].numel() ** 0.5  # peaky attention
        else:
            state[name] = tensor + noise * 0.3  # norms' weights and biases, qkv biases
    torch.save(state, path)
    return path


def assert_close(ours, theirs, what):
    """|ours − theirs| ≤ 1e-5 × max(theirs), the project's tolerance for maps."""
    import numpy as np
    ours, theirs = np.asarray(ours, dtype=np.float64), np.asarray(theirs, dtype=np.float64)
    error = np.abs(ours - theirs).max()
    assert error <= 1e-5 * np.abs(theirs).max(), f"{what}: error {error:.3g} vs max {np.abs(theirs).max():.3g}"


def attnscope_binary():
    """The attnscope executable the Swift tests built: $ATTNSCOPE_BINARY, else the package's debug
    build. Missing, the tests that need it fail (they never skip: CI builds it first)."""
    path = os.environ.get("ATTNSCOPE_BINARY") or os.path.join(os.path.dirname(EXPORTER), ".build", "debug", "attnscope")
    assert os.access(path, os.X_OK), f"no attnscope binary at {path}: run `swift build` first (or set ATTNSCOPE_BINARY)"
    return path


def attnscope_weights(*argv):
    """`attnscope weights ARGV… --format json`, parsed; a failing run fails the test with its stderr."""
    import json
    done = subprocess.run([attnscope_binary(), "weights", *map(str, argv), "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"attnscope weights {' '.join(map(str, argv))}: {done.stderr.strip()}"
    return json.loads(done.stdout)


def assert_bundle_alone_agrees(result, bundle, query, head=None, block=None):
    """The bundle opened with no flags but the query (and head, block) gives exactly `result`,
    the map the same tensors gave through explicit flags: bundles open as their flags would."""
    argv = [bundle, "--query", query]
    if head is not None:
        argv += ["--head", head]
    if block is not None:
        argv += ["--block", block]
    bare = attnscope_weights(*argv)
    for key in ("mode", "weights", "offImage", "prefix", "query"):
        assert bare.get(key) == result.get(key), f"{bundle} {query} head {head}: '{key}' differs without flags"
