"""Reference vectors for stacked layers (`AttentionSettings.layers`): Swin's W-MSA/SW-MSA
alternation, neighborhood attention, DCN and LKA composed over L layers.

Each layer's full attention matrix A (N×N, N = H·W, rows = queries) is built in PyTorch from the
single-layer references (Swin's official roll/pad/mask path, NATTEN's clamped window,
torchvision-style DCN sampling, VAN's two depthwise convolutions), with the same features (and
offsets) at every layer. The composed map after l layers is the row vector e_u·A_l⋯A_1 (the
top layer leftmost); for Swin, odd layers use shift 0 and even layers shift M//2. The mass a
layer puts off the image (padding tokens, DCN corners) is accumulated and not propagated.
The reach is the number of pixels whose composed weight is at least 1e-30 (Swin's masked keys
keep e^-100 ≈ 4e-44 and do not count).

Run: /work/venv-torch/bin/python Tests/AttentionTests/Reference/reference_layer_stack.py
"""
import torch

from common import case, features, write_cases
from reference_global_window import swin_maps, neighborhood_maps
from reference_sampling import dcn_map, lka_map, rand

REACH = 1e-30


def matrix(h, w, row):
    """Stacks row(query) -> {"weights": H×W, "offImage": float} into (A, off)."""
    n = h * w
    a = torch.zeros(n, n)
    off = torch.zeros(n)
    for i in range(n):
        r = row((i // w, i % w))
        a[i] = torch.as_tensor(r["weights"]).reshape(n)
        off[i] = float(r.get("offImage", 0.0))
    return a, off


def compose(layer_mats, u, depth):
    """(e_u·A_depth⋯A_1, off-image mass); layer_mats(l) -> (A_l, off_l)."""
    v = torch.zeros(layer_mats(1)[0].shape[0])
    v[u] = 1.0
    lost = 0.0
    for l in range(depth, 0, -1):
        a, off = layer_mats(l)
        lost += float(v @ off)
        v = v @ a
    return v, lost


def stack_cases(name, mode, feats, queries, layers, layer_mats, settings, inputs=None):
    c, h, w = feats.shape
    out = []
    for step in range(layers):
        expected = []
        for q in queries:
            v, lost = compose(layer_mats, q[0] * w + q[1], step + 1)
            expected.append({"weights": v.view(h, w), "offImage": lost,
                             "extras": {"reach": float((v >= REACH).sum()), "layers": float(step + 1)}})
        s = dict(settings)
        s["layers"] = layers
        s["step"] = step
        out.append(case(f"{name} step {step}", mode, feats, queries, expected, settings=s, inputs=inputs))
    return out


def corners(h, w):
    return [(0, 0), (h - 1, w - 1), (h // 2, w // 2), (1, w - 2)]


def main():
    cases = []

    # Swin, padded (13×15, M = 4): W-MSA, SW-MSA (shift 2), W-MSA.
    x = features(41, 4, 13, 15)
    h, w = 13, 15
    kinds = [matrix(h, w, lambda q, s=s: swin_maps(x, [q], 4, s)[0]) for s in (0, 2)]
    cases += stack_cases("swin stack 13x15 M4", "window", x, corners(h, w), 3,
                         lambda l: kinds[(l - 1) % 2], {"window": 4})

    # Swin, no padding (12×12, M = 3, shift 1), four layers.
    x = features(42, 3, 12, 12)
    h, w = 12, 12
    kinds2 = [matrix(h, w, lambda q, s=s: swin_maps(x, [q], 3, s)[0]) for s in (0, 1)]
    cases += stack_cases("swin stack 12x12 M3", "window", x, [(5, 6), (0, 11)], 4,
                         lambda l: kinds2[(l - 1) % 2], {"window": 3, "shift": 1})

    # Neighborhood K = 3 on 11×9, three layers.
    x = features(43, 3, 11, 9)
    h, w = 11, 9
    na = matrix(h, w, lambda q: neighborhood_maps(x, [q], 3)[0])
    cases += stack_cases("neighborhood stack K3", "neighborhood", x, corners(h, w), 3,
                         lambda l: na, {"kernel": 3})

    # LKA K = 9, d = 2 on 14×13, three layers (features do not matter).
    x = features(44, 2, 14, 13)
    h, w = 14, 13
    la = matrix(h, w, lambda q: lka_map(h, w, q, 9, 2))
    cases += stack_cases("lka stack K9 d2", "lka", x, corners(h, w), 3,
                         lambda l: la, {"kernel": 9, "dilation": 2})

    # DCN K = 3 with loaded offsets (some leave the image) on 8×9, two layers.
    x = features(45, 3, 8, 9)
    h, w = 8, 9
    off = rand(46, 18, h, w, lo=-2.5, hi=2.5)
    da = matrix(h, w, lambda q: dcn_map(h, w, q, 3, 1, off))
    cases += stack_cases("dcn stack K3 offsets", "dcn", x, corners(h, w), 2,
                         lambda l: da, {"kernel": 3}, inputs={"offsets": off})

    write_cases("layer_stack", cases)


if __name__ == "__main__":
    main()
