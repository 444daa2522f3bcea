"""Writes the small example maps in demos/ (run: python demos/make_demos.py; needs NumPy only).

  objects.npy         (16, 24, 32) float32, C×H×W: three classes of objects on a background; each
                      class has its own feature vector, plus texture and a positional code.
                      Try: attnscope demos/objects.npy  (global vs window: 1 then 2)
  objects-hwc.npy     the same map stored channels-last (24, 32, 16): --layout hwc
  objects.pgm         its grey picture, for --image demos/objects.pgm
  plaid-f16.npy       (12, 21, 24) float16 periodic plaid: rows and columns repeat every 7 and 8
                      pixels (axial and criss-cross light up whole lattices)
  batch.npz           'features' (1, 16, 24, 32) with a batch dimension, and 'mask' (24, 32) uint8
  projections.npz     wq, wk (2, 8, 16) and bq, bk (2, 8): two heads of d = 8 over C = 16 (--proj)
  dcn-offsets.npy     (18, 24, 32): K = 3 offsets, channel 2k = dy, 2k+1 = dx, a swirl (--offsets)
  dat-positions.npy   (6, 8, 2): DAT sampling positions, normalised (y, x) in [-1, 1] (--positions)
  swin-bias.npy       (169,): a relative position bias table for M = 7 favouring near keys (--bias)
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240601)


def objects(c=16, h=24, w=32):
    codes = rng.normal(size=(4, c))
    codes /= np.linalg.norm(codes, axis=1, keepdims=True)
    codes[:3] *= 4.0  # classes
    codes[3] *= 1.5  # background
    label = np.full((h, w), 3)
    yy, xx = np.mgrid[0:h, 0:w]
    for cls, (cy, cx, r) in [(0, (5, 5, 3)), (0, (18, 26, 3)), (1, (5, 20, 3)), (1, (18, 10, 3)), (2, (12, 29, 3)), (2, (12, 2, 2))]:
        if cls == 1:
            inside = (abs(yy - cy) <= r) & (abs(xx - cx) <= r)
        elif cls == 2:
            inside = abs(yy - cy) + abs(xx - cx) <= r
        else:
            inside = (yy - cy) ** 2 + (xx - cx) ** 2 <= r * r + r
        label[inside] = cls
    x = codes[label].transpose(2, 0, 1)  # (C, H, W)
    x[-4] += 0.6 * np.sin(yy / h * np.pi)
    x[-3] += 0.6 * np.cos(yy / h * np.pi)
    x[-2] += 0.6 * np.sin(xx / w * np.pi)
    x[-1] += 0.6 * np.cos(xx / w * np.pi)
    x += rng.normal(scale=0.3, size=x.shape)
    grey = np.array([240, 170, 110, 30], dtype=np.uint8)[label]
    return x.astype(np.float32), grey


def main():
    x, grey = objects()
    np.save(os.path.join(HERE, "objects.npy"), x)
    np.save(os.path.join(HERE, "objects-hwc.npy"), np.ascontiguousarray(x.transpose(1, 2, 0)))
    h, w = grey.shape
    with open(os.path.join(HERE, "objects.pgm"), "wb") as f:
        f.write(f"P5\n# grey picture of demos/objects.npy\n{w} {h}\n255\n".encode() + grey.tobytes())

    ph, pw = 21, 24
    yy, xx = np.mgrid[0:ph, 0:pw]
    plaid = np.zeros((12, ph, pw), np.float32)
    for k in range(5):
        plaid[k] = 2.5 * (yy % 7 == k)
        plaid[5 + k] = 2.5 * (xx % 8 == k)
    plaid[10] = 2.5 * (yy % 7 >= 5)
    plaid[11] = 2.5 * (xx % 8 >= 5)
    np.save(os.path.join(HERE, "plaid-f16.npy"), plaid.astype(np.float16))

    np.savez_compressed(os.path.join(HERE, "batch.npz"), features=x[None], mask=(grey > 100).astype(np.uint8))

    c, heads, d = x.shape[0], 2, 8
    wq = rng.normal(scale=1 / np.sqrt(c), size=(heads, d, c)).astype(np.float32)
    wk = (wq + rng.normal(scale=0.1 / np.sqrt(c), size=wq.shape)).astype(np.float32)
    np.savez(os.path.join(HERE, "projections.npz"), wq=wq, wk=wk,
             bq=np.zeros((heads, d), np.float32), bk=np.zeros((heads, d), np.float32))

    k = 3
    offsets = np.zeros((2 * k * k, h, w), np.float32)
    yy, xx = np.mgrid[0:h, 0:w]
    cy, cx = (h - 1) / 2, (w - 1) / 2
    for tap in range(k * k):
        # A swirl: every tap is pushed around the map centre, more strongly far from it.
        offsets[2 * tap] = 0.15 * (xx - cx) / 4
        offsets[2 * tap + 1] = -0.15 * (yy - cy) / 4
    np.save(os.path.join(HERE, "dcn-offsets.npy"), offsets)

    hk, wk_ = 6, 8
    ref_y = (np.arange(hk) + 0.5) / (hk - 1) * 2 - 1
    ref_x = (np.arange(wk_) + 0.5) / (wk_ - 1) * 2 - 1
    pos = np.stack(np.meshgrid(ref_y, ref_x, indexing="ij"), -1)
    pos = np.clip(pos + rng.normal(scale=0.08, size=pos.shape), -1, 1).astype(np.float32)
    np.save(os.path.join(HERE, "dat-positions.npy"), pos)

    m = 7
    dy, dx = np.mgrid[-(m - 1):m, -(m - 1):m]
    np.save(os.path.join(HERE, "swin-bias.npy"), (-0.4 * np.sqrt(dy ** 2 + dx ** 2)).astype(np.float32).ravel())


if __name__ == "__main__":
    main()
