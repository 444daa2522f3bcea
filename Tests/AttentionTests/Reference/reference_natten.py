"""Reference vectors for neighborhood attention from the real library: natten 0.21.7's own
`NeighborhoodAttention2D` (NAT, and DiNAT with dilation d > 1), plus NATTEN's `rpb`.

- The module's probabilities. natten 0.21's CPU backend computes no softmax one could keep, but
  the module's forward is linear in v: with the `qkv` Linear's output hooked so that v is one-hot
  (key `first + c` -> channel c of every head) and `proj` replaced by the identity, the forward of
  the module itself returns rows first..first+d-1 of every head's probability matrix P. Running it
  for first = 0, d, 2d, ... reads all of P (the exporter's natten family does the same through
  `na2d`). The features and the qkv weights are seeded float32 values; the vectors hold the
  module's own float32 probabilities.
- rpb. natten 0.21 dropped `rpb` from its modules and ops, so the rpb cases come from a stand-in
  that follows the older NATTEN's naive CPU kernel (`na2d_qk` with bias, natten <= 0.17,
  csrc/include/natten/cpu/naive/pointwise_neighborhood_2d.h and natten_commons'
  get_window_start / get_pb_start): attn[i, j, ki, kj] = (q*scale)·k[ni + ki*d, nj + kj*d]
  + rpb[h, pi + ki, pj + kj], ni = get_window_start(i, ...), pi = get_pb_start(i, ...), the two
  rules written out below in their older form. Without rpb the stand-in is asserted equal to the
  real module on every case (the windows it places are natten 0.21's), so only the bias term rests
  on the documented rule.

Writes Vectors/natten.json. Run with the exporter's venv: python reference_natten.py
"""
import math
import warnings

import torch

from common import case, write_cases

warnings.filterwarnings("ignore")
import natten  # noqa: E402

CHANNELS, HEADS = 16, 2  # head_dim 8: natten's CPU backend wants a power of two >= 8


def f32(t):
    return t.to(torch.float32)


def module(kernel, dilation, seed):
    """natten's own NeighborhoodAttention2D with seeded qkv weights (large enough for peaky maps)."""
    torch.manual_seed(seed)
    m = natten.NeighborhoodAttention2D(CHANNELS, HEADS, kernel_size=kernel, dilation=dilation).float()
    g = torch.Generator().manual_seed(seed + 100)
    with torch.no_grad():
        m.qkv.weight.copy_(torch.randn(m.qkv.weight.shape, generator=g) * 0.6)
        m.qkv.bias.copy_(torch.randn(m.qkv.bias.shape, generator=g) * 0.3)
    return m


def module_probabilities(m, x):
    """P (heads, N, N) of the module's own forward, read with one-hot values (see above)."""
    _, height, width, _ = x.shape
    n, d = height * width, m.head_dim
    rows = torch.zeros(HEADS, n, n, dtype=torch.float64)
    proj = m.proj
    m.proj = torch.nn.Identity()
    try:
        for first in range(0, n, d):
            count = min(d, n - first)

            def one_hot_values(_module, _inputs, out, first=first, count=count):
                out = out.clone().reshape(1, height, width, 3, HEADS, d)
                out[:, :, :, 2] = 0
                for c in range(count):
                    key = first + c
                    out[0, key // width, key % width, 2, :, c] = 1
                return out.reshape(1, height, width, 3 * HEADS * d)

            hook = m.qkv.register_forward_hook(one_hot_values)
            try:
                with torch.no_grad():
                    out = m(x)  # (1, H, W, heads*d): [u, h*d + c] = P[h, u, first + c]
            finally:
                hook.remove()
            rows[:, :, first:first + count] = out[0].reshape(n, HEADS, d)[:, :, :count].permute(1, 0, 2).double()
    finally:
        m.proj = proj
    return rows


# --- the older NATTEN's rules (natten_commons), for the rpb stand-in -----------------------------

def get_window_start(index, length, kernel, neighborhood, dilation):
    if dilation <= 1:
        return max(index - neighborhood, 0) + (index + neighborhood >= length) * (length - index - neighborhood - 1)
    ni = index - neighborhood * dilation
    if ni < 0:
        return index % dilation
    if index + neighborhood * dilation >= length:
        imodd = index % dilation
        a = (length // dilation) * dilation
        b = length - a
        if imodd < b:
            return length - b + imodd - 2 * neighborhood * dilation
        return a + imodd - kernel * dilation
    return ni


def get_pb_start(index, length, kernel, neighborhood, dilation):
    if dilation <= 1:
        return (neighborhood + (index < neighborhood) * (neighborhood - index)
                + (index + neighborhood >= length) * (length - index - 1 - neighborhood))
    if index - neighborhood * dilation < 0:
        return kernel - 1 - (index // dilation)
    if index + neighborhood * dilation >= length:
        return (length - index - 1) // dilation
    return neighborhood


def standin_probabilities(m, x, rpb=None):
    """P (heads, N, N) by the older naive kernel's loops, in float64, rpb (heads, 2K-1, 2K-1) optional."""
    _, height, width, _ = x.shape
    (kh, kw), (dh, dw) = m.kernel_size, m.dilation
    d = m.head_dim
    with torch.no_grad():
        qkv = m.qkv(x).double().reshape(height, width, 3, HEADS, d)
    q, k = qkv[:, :, 0] * m.scale, qkv[:, :, 1]
    n = height * width
    rows = torch.zeros(HEADS, n, n, dtype=torch.float64)
    for h in range(HEADS):
        for i in range(height):
            ni, pi = get_window_start(i, height, kh, kh // 2, dh), get_pb_start(i, height, kh, kh // 2, dh)
            for j in range(width):
                nj, pj = get_window_start(j, width, kw, kw // 2, dw), get_pb_start(j, width, kw, kw // 2, dw)
                logits, keys = [], []
                for ki in range(kh):
                    for kj in range(kw):
                        y, xx = ni + ki * dh, nj + kj * dw
                        logit = float(q[i, j, h] @ k[y, xx, h])
                        if rpb is not None:
                            logit += float(rpb[h, pi + ki, pj + kj])
                        logits.append(logit)
                        keys.append(y * width + xx)
                weights = torch.softmax(torch.tensor(logits, dtype=torch.float64), 0)
                for key, weight in zip(keys, weights):
                    rows[h, i * width + j, key] = weight
    return rows


def queries(height, width):
    return [(0, 0), (0, width - 1), (height - 1, 0), (height - 1, width - 1), (height // 2, width // 2),
            (0, width // 2), (height // 2, width - 1), (1, width - 2), (height - 2, 1)]


def projection_tensors(m):
    d = m.head_dim
    w, b = m.qkv.weight.detach().double(), m.qkv.bias.detach().double()
    return {"wq": w[:CHANNELS].reshape(HEADS, d, CHANNELS), "wk": w[CHANNELS:2 * CHANNELS].reshape(HEADS, d, CHANNELS),
            "bq": b[:CHANNELS].reshape(HEADS, d), "bk": b[CHANNELS:2 * CHANNELS].reshape(HEADS, d)}


def main():
    cases = []
    specs = [  # (height, width, K, d, seed): sub-grids of unequal length where d does not divide L
        (9, 11, 3, 1, 1), (9, 11, 5, 1, 2), (9, 11, 7, 1, 3),
        (9, 11, 3, 2, 4), (9, 11, 3, 3, 5), (11, 13, 5, 2, 6), (13, 14, 3, 4, 7),
    ]
    worst = 0.0
    for height, width, kernel, dilation, seed in specs:
        m = module(kernel, dilation, seed)
        g = torch.Generator().manual_seed(seed + 200)
        x = f32(torch.randn(1, height, width, CHANNELS, generator=g))
        probabilities = module_probabilities(m, x)
        standin = standin_probabilities(m, x)
        worst = max(worst, float((standin - probabilities).abs().max()))
        assert torch.allclose(standin, probabilities, atol=2e-6), "the stand-in's windows are not natten's"
        features = x[0].permute(2, 0, 1).double()
        qs = queries(height, width)
        for head in (seed % HEADS,):  # one head per module (both heads in the rpb cases) keeps the file small
            expected = [{"weights": probabilities[head, y * width + xx].reshape(height, width)} for y, xx in qs]
            cases.append(case(f"natten {height}x{width} K{kernel} d{dilation} head {head}", "neighborhood", features, qs,
                              expected, {"kernel": kernel, "dilation": dilation, "head": head},
                              {"projections": projection_tensors(m)}))
        if seed in (1, 5, 6, 7):  # rpb: the older NATTEN's bias rule on the same module
            rpb = f32(torch.randn(HEADS, 2 * kernel - 1, 2 * kernel - 1, generator=g) * 1.5).double()
            with_bias = standin_probabilities(m, x, rpb)
            for head in range(HEADS):
                expected = [{"weights": with_bias[head, y * width + xx].reshape(height, width)} for y, xx in qs]
                cases.append(case(f"natten rpb {height}x{width} K{kernel} d{dilation} head {head}", "neighborhood",
                                  features, qs, expected, {"kernel": kernel, "dilation": dilation, "head": head},
                                  {"projections": projection_tensors(m), "relativeBias": rpb}))
    print(f"stand-in vs natten 0.21.7's module: max |dP| = {worst:.2g}")
    write_cases("natten", cases)


if __name__ == "__main__":
    main()
