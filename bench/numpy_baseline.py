#!/usr/bin/env python3
"""NumPy baseline for `attnscope bench`: the same per-query work, written the way NumPy does it best.

For each map size (C×H×W, random float32 in [-1, 1)) and the same deterministic query walk as
`attnscope bench` (a port of Sources/Benchmarks/QuerySweep.swift), times one query of:

  global          q·K over all H·W keys (one matrix–vector product) + softmax
  global-matvec   the matrix–vector product alone (the target: attnscope's global is no slower)
  axial           composed map, passes 2: the height pass of the query's row (every column's
                  softmax over h, C·H·W multiply-adds) + the width pass on the height-pass outputs y,
                  which are query-independent and precomputed once per map (as attnscope may cache)
  criss-cross     composed map, R = 2: A1 for the H+W−1 positions of the query's cross (each a
                  joint softmax over its own row and column, self counted once), their pass-1
                  outputs x + γ·Σ A1·x, A2 of the query over them, then M = Σ_m A2(u→m)·A1(m→·)
  criss-cross-relay  the same map as attnscope computes it: no pass-1 outputs on the cross; pass 2's
                  logits u → m are g_m + γ·Σ_v A1(m → v)·g_v with g = x^(1)_u·x over every pixel
                  (one matrix–vector product), the identity attnscope's CrissCrossAttention uses
  dat             sampled keys precomputed once (Hk×Wk points, about 7 per axis): Hk·Wk dot
                  products + softmax + the spread of each sample's mass to its 4 bilinear corners

and prints p50/p99 per query in ms, in wall time and in this thread's CPU time (with one BLAS
thread the work runs on it; CPU time leaves out the waits of a busy machine). Scales follow docs/mechanisms.md (1/√C for global and dat, 1 for
axial and criss-cross); γ = 1; T = 1.

    python3 bench/numpy_baseline.py [--size CxHxW] [--queries N] [--json]

Only numpy is needed; it is not part of `swift test`.
"""
import argparse
import json
import math
import os
import sys
import time


def _threads_from_argv():
    """BLAS threads must be set before numpy is imported: `--threads N` (default 1)."""
    for i, a in enumerate(sys.argv):
        if a == "--threads" and i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        if a.startswith("--threads="):
            return a.split("=", 1)[1]
    return "1"


for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = _threads_from_argv()

import numpy as np  # noqa: E402

MASK64 = (1 << 64) - 1


class SplitMix:
    """SplitMix64, as Sources/Benchmarks/QuerySweep.swift uses it."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)


def query_sweep(height, width, count):
    """The query walk of QuerySweep.positions: runs of steps, some 4-steps, some jumps."""
    rng = SplitMix((height << 32) | width)
    row, col = height // 2, width // 2
    direction, run_left = 0, 0
    out = [(row, col)]
    while len(out) < count:
        roll = rng.next() % 100
        if roll < 8:
            row = rng.next() % height
            col = rng.next() % width
        else:
            if run_left == 0:
                direction = rng.next() % 4
                run_left = 3 + rng.next() % 12
            run_left -= 1
            step = 4 if roll < 28 else 1
            if direction == 0:
                row = max(0, row - step)
            elif direction == 1:
                row = min(height - 1, row + step)
            elif direction == 2:
                col = max(0, col - step)
            else:
                col = min(width - 1, col + step)
        out.append((row, col))
    return out


def softmax(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    e = np.exp(x - m)
    return e / np.sum(e, axis=axis, keepdims=True)


class GlobalAttention:
    def __init__(self, x):
        c, h, w = x.shape
        self.keys = np.ascontiguousarray(x.reshape(c, h * w).T)  # (N, C): keys @ q is one sgemv
        self.planar = x.reshape(c, h * w)
        self.scale = np.float32(1 / math.sqrt(c))
        self.w = w

    def query(self, u):
        q = self.planar[:, u[0] * self.w + u[1]] * self.scale
        return softmax(self.keys @ q)


class GlobalMatvec(GlobalAttention):
    def query(self, u):
        return self.keys @ self.planar[:, u[0] * self.w + u[1]]


def batched_matvec(blocks, vectors):
    """`out[b] = blocks[b] @ vectors[b]` for a stack of matrices: one BLAS-backed matmul call."""
    return np.matmul(blocks, vectors[:, :, None])[:, :, 0]


class AxialAttention:
    def __init__(self, x):
        self.x = x
        # Query-independent, computed once: x with each column as a contiguous H×C block, and
        # the height-pass outputs y(p) = Σ_h A_H(p → (h, p.col)) x_(h, p.col).
        self.xc = xc = np.ascontiguousarray(x.transpose(2, 1, 0))  # (W, H, C)
        a = softmax(xc @ xc.transpose(0, 2, 1), axis=-1)  # (W, H_query, H_key)
        self.y = np.ascontiguousarray((a @ xc).transpose(2, 1, 0))  # (C, H, W)

    def query(self, u):
        i, j = u
        y = self.y
        a_h = softmax(batched_matvec(self.xc, self.x[:, i, :].T), axis=1).T  # A_H((i, w) → (h, w)) at [h, w]
        a_w = softmax(y[:, i, j] @ y[:, i, :])  # A_W(u → (i, w))
        return a_h * a_w[None, :]


class CrissCrossAttention:
    def __init__(self, x, gamma=1.0):
        self.x = x
        self.gamma = np.float32(gamma)
        # Query-independent transposed copies: columns as (W, H, C) blocks, rows as (H, W, C).
        self.xc = np.ascontiguousarray(x.transpose(2, 1, 0))
        self.xr = np.ascontiguousarray(x.transpose(1, 2, 0))

    def query(self, u):
        i, j = u
        a1 = self.pass1(i, j)
        return self.compose(i, j, self.pass2_logits(i, j, *a1), *a1)

    def pass1(self, i, j):
        """A1 at the cross of u = (i, j): (a_rr, a_rc) of row i's positions over their row and
        column, (a_cc, a_cr) of column j's positions over their column and row."""
        x, xc, xr = self.x, self.xc, self.xr
        c, h, w = x.shape
        row, col = x[:, i, :], x[:, :, j]  # (C, W), (C, H)
        neg = np.float32(-np.inf)
        # A1 of m = (i, w') for every w': keys on row i (all) and on column w' (h ≠ i).
        r_row = row.T @ row  # (W m, W key)
        r_col = batched_matvec(xc, row.T)  # (W m, H key)
        r_col[:, i] = neg
        r_all = softmax(np.concatenate([r_row, r_col], axis=1))
        # A1 of m = (h', j) for every h' ≠ i: keys on column j (h ≠ h') and on row h' (all).
        c_col = col.T @ col  # (H m, H key)
        np.fill_diagonal(c_col, neg)
        c_row = batched_matvec(xr, col.T)  # (H m, W key)
        c_all = softmax(np.concatenate([c_col, c_row], axis=1))
        return r_all[:, :w], r_all[:, w:], c_all[:, :h], c_all[:, h:]

    def pass2_logits(self, i, j, a_rr, a_rc, a_cc, a_cr):
        """u's pass-2 logits over row i, then column j, from the pass-1 outputs at the cross."""
        x, g = self.x, self.gamma
        row, col = x[:, i, :], x[:, :, j]
        y_row = row + g * (row @ a_rr.T + np.matmul(a_rc[:, None, :], self.xc)[:, 0, :].T)
        y_col = col + g * (col @ a_cc.T + np.matmul(a_cr[:, None, :], self.xr)[:, 0, :].T)
        q = y_row[:, j]
        return q @ y_row, q @ y_col

    def compose(self, i, j, logits, a_rr, a_rc, a_cc, a_cr):
        """A2 of u (self once: on the row), then M = Σ_m A2(u → m)·A1(m → ·)."""
        h, w = self.x.shape[1:]
        l_row, l_col = logits
        l_col[i] = np.float32(-np.inf)
        a2 = softmax(np.concatenate([l_row, l_col]))
        a2_row, a2_col = a2[:w], a2[w:]
        a2_col[i] = 0
        m = np.zeros((h, w), dtype=np.float32)
        m[i, :] += a2_row @ a_rr
        m += a_rc.T * a2_row[None, :]
        m[:, j] += a2_col @ a_cc
        m += a_cr * a2_col[:, None]
        return m


class CrissCrossRelay(CrissCrossAttention):
    def __init__(self, x, gamma=1.0):
        super().__init__(x, gamma)
        c, h, w = x.shape
        self.keys = np.ascontiguousarray(x.reshape(c, h * w).T)  # (N, C): keys @ d is one sgemv

    def pass2_logits(self, i, j, a_rr, a_rc, a_cc, a_cr):
        """The same logits without pass-1 outputs: x^(1) at u alone (u is row position j), then
        g = x^(1)_u·x_p for every pixel p, and q·x^(1)_m = g_m + γ·Σ_v A1(m → v)·g_v."""
        x, g = self.x, self.gamma
        h, w = x.shape[1:]
        q = x[:, i, j] + g * (x[:, i, :] @ a_rr[j] + x[:, :, j] @ a_rc[j])
        gm = (self.keys @ q).reshape(h, w)
        l_row = gm[i] + g * (a_rr @ gm[i] + (a_rc * gm.T).sum(axis=1))
        l_col = gm[:, j] + g * (a_cc @ gm[:, j] + (a_cr * gm).sum(axis=1))
        return l_row, l_col


class DeformableAttention:
    def __init__(self, x, seed=3):
        c, h, w = x.shape
        hk = math.ceil(h / max(1, round(h / 7)))
        wk = math.ceil(w / max(1, round(w / 7)))
        rng = np.random.default_rng(seed)
        pos = rng.uniform(-1, 1, size=(hk * wk, 2))
        ys = (pos[:, 0] + 1) / 2 * (h - 1)
        xs = (pos[:, 1] + 1) / 2 * (w - 1)
        y0, x0 = np.floor(ys).astype(np.int64), np.floor(xs).astype(np.int64)
        ly, lx = (ys - y0).astype(np.float32), (xs - x0).astype(np.float32)
        rows = np.stack([y0, y0, y0 + 1, y0 + 1], axis=1)
        cols = np.stack([x0, x0 + 1, x0, x0 + 1], axis=1)
        wts = np.stack([(1 - ly) * (1 - lx), (1 - ly) * lx, ly * (1 - lx), ly * lx], axis=1)
        inside = (rows >= 0) & (rows < h) & (cols >= 0) & (cols < w)
        flat = np.where(inside, rows * w + cols, 0)
        wts = np.where(inside, wts, 0).astype(np.float32)
        # Sampled keys: x bilinearly sampled at every point, (Hk·Wk, C), precomputed once.
        planar = x.reshape(c, h * w)
        self.keys = np.einsum("nk,cnk->nc", wts, planar[:, flat])
        self.flat, self.wts = flat.ravel(), wts
        self.planar = planar
        self.scale = np.float32(1 / math.sqrt(c))
        self.w, self.n = w, h * w

    def query(self, u):
        q = self.planar[:, u[0] * self.w + u[1]] * self.scale
        a = softmax(self.keys @ q)
        return np.bincount(self.flat, weights=(self.wts * a[:, None]).ravel(), minlength=self.n)


MODES = [
    ("global", GlobalAttention),
    ("global-matvec", GlobalMatvec),
    ("axial", AxialAttention),
    ("criss-cross", CrissCrossAttention),
    ("criss-cross-relay", CrissCrossRelay),
    ("dat", DeformableAttention),
]


def measure(size, queries):
    c, h, w = size
    x = np.random.default_rng(1).uniform(-1, 1, size=(c, h, w)).astype(np.float32)
    sweep = query_sweep(h, w, queries + 1)
    modes = []
    for name, make in MODES:
        t0 = time.perf_counter()
        mechanism = make(x)
        prepare = (time.perf_counter() - t0) * 1e3
        mechanism.query(sweep[0])  # warm-up
        times, cpu = [], []
        for u in sweep[1:]:
            c0 = time.thread_time()
            t0 = time.perf_counter()
            mechanism.query(u)
            times.append((time.perf_counter() - t0) * 1e3)
            cpu.append((time.thread_time() - c0) * 1e3)
        modes.append({"mode": name, "p50_ms": round(float(np.percentile(times, 50)), 4),
                      "p99_ms": round(float(np.percentile(times, 99)), 4),
                      "cpu_p50_ms": round(float(np.percentile(cpu, 50)), 4),
                      "cpu_p99_ms": round(float(np.percentile(cpu, 99)), 4),
                      "prepare_ms": round(prepare, 3), "queries": len(times)})
    return {"size": [c, h, w], "numpy": np.__version__, "blas_threads": int(os.environ["OPENBLAS_NUM_THREADS"]),
            "load_average": round(os.getloadavg()[0], 2), "modes": modes}


def parse_size(text):
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) != 3 or not all(p.isdigit() and int(p) > 0 for p in parts):
        raise argparse.ArgumentTypeError(f"'{text}' is not C×H×W with positive sizes (e.g. 64x256x256)")
    return tuple(int(p) for p in parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=parse_size, help="C×H×W (default: 64x64x64, 64x128x128, 64x256x256)")
    parser.add_argument("--queries", type=int, default=300, help="queries timed per mode (default 300)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--threads", default="1",
                        help="BLAS threads (default 1; attnscope shares only global attention on large maps with a second core)")
    args = parser.parse_args()
    sizes = [args.size] if args.size else [(64, 64, 64), (64, 128, 128), (64, 256, 256)]
    results = [measure(s, max(1, args.queries)) for s in sizes]
    if args.json:
        print(json.dumps(results[0] if args.size else results, indent=2))
        return
    for r in results:
        print("×".join(map(str, r["size"])) + f" (NumPy {r['numpy']}, {r['blas_threads']} BLAS thread(s),"
              f" load avg {r['load_average']})")
        print(f"  {'mode':<17} {'p50 ms':>8} {'p99 ms':>8} {'cpu p50':>8} {'cpu p99':>8} {'prepare ms':>11}")
        for m in r["modes"]:
            print(f"  {m['mode']:<17} {m['p50_ms']:>8.4f} {m['p99_ms']:>8.4f} {m['cpu_p50_ms']:>8.4f}"
                  f" {m['cpu_p99_ms']:>8.4f} {m['prepare_ms']:>11.3f}")
        print()


if __name__ == "__main__":
    main()
