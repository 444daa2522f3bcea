"""Shared helpers for the reference-vector scripts.

Each `reference_<group>.py` builds attention maps with PyTorch following the official code
paths and writes `../Vectors/<group>.json` through `write_cases`. The Swift tests
(`Support/ReferenceVectors.swift`) read these files; they never compare our code with itself.

Run from anywhere with a PyTorch virtualenv:  python Tests/AttentionTests/Reference/reference_<group>.py
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)  # references in double precision; tests compare at 1e-5

VECTORS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Vectors")


def tensor_json(t):
    """A tensor as {"shape": [...], "data": [flat row-major]} (float32-representable values)."""
    t = torch.as_tensor(t).detach().to(torch.float64).contiguous()
    return {"shape": list(t.shape), "data": [float(v) for v in t.flatten().tolist()]}


def features(seed, c, h, w, scale=1.0):
    """Deterministic float32-representable features C×H×W (so Swift sees the same numbers)."""
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(c, h, w, generator=g) * scale
    return x.to(torch.float32).to(torch.float64)


def case(name, mode, feats, queries, expected, settings=None, inputs=None):
    """One test case: features, settings, loaded inputs, queries and one expected map per query.

    `expected` is a list (one per query) of dicts with "weights" (H×W tensor), optional
    "offImage" (float), "samples" (list of (y, x, weight)) and "extras" (dict of floats).
    `settings` uses AttentionSettings' Swift field names (temperature, scale, window, shift,
    passes, gamma, kernel, dilation, stride, offsetRange, head, group, step).
    `inputs` maps AttentionInputs' field names to a tensor, or (for projections, axialTables)
    to a dict of name -> tensor.
    """
    out_inputs = {}
    for key, value in (inputs or {}).items():
        if isinstance(value, dict):
            out_inputs[key] = {k: tensor_json(v) for k, v in value.items()}
        else:
            out_inputs[key] = tensor_json(value)
    exp = []
    for e in expected:
        item = {"weights": tensor_json(e["weights"]), "offImage": float(e.get("offImage", 0.0))}
        if "samples" in e:
            item["samples"] = [[float(y), float(x), float(w)] for (y, x, w) in e["samples"]]
        if "extras" in e:
            item["extras"] = {k: float(v) for k, v in e["extras"].items()}
        exp.append(item)
    return {"name": name, "mode": mode, "features": tensor_json(feats), "settings": settings or {},
            "inputs": out_inputs, "queries": [list(q) for q in queries], "expected": exp}


def write_cases(group, cases):
    """Writes `Vectors/<group>.json`."""
    os.makedirs(VECTORS, exist_ok=True)
    path = os.path.join(VECTORS, f"{group}.json")
    with open(path, "w") as f:
        json.dump({"generator": os.path.basename(__file__), "cases": cases}, f, separators=(",", ":"))
    print(f"wrote {len(cases)} cases to {os.path.relpath(path)}")
