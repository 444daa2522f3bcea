"""Reference vectors for the sampling and large-kernel modes: dcn, dat, lka.

Every map here is computed with PyTorch along the official code paths, independently of the
Swift code (no shared bilinear-corner logic):
- dcn (pytorch/vision torchvision/ops/deform_conv.py, CPU kernel deformable_im2col): each tap
  samples at (u.row − pad + r·d + Δy_k, u.col − pad + c·d + Δx_k) with pad = d·(K−1)/2, weighted
  m_k / K²; the sampling is done by F.grid_sample(bilinear, zeros, align_corners=True) on a
  zero-padded canvas (so 1-pixel axes normalise too), and M is the gradient of the tap sum with
  respect to the 1-channel input image (an all-ones kernel / K²). offImage = Σ_k m_k/K² − Σ M.
- dat (LeapLabTHU/DAT models/dat_blocks.py, DAttentionBaseline.forward): reference points from
  linspace(0.5, L − 0.5, L)/(L − 1)·2 − 1, offsets tanh·[1/(Hk−1), 1/(Wk−1)]·f for f ≥ 0 or
  clamp(ref + Δ, −1, 1) for f < 0, keys = proj_k(grid_sample(x, pos[..., (1, 0)],
  align_corners=True)), a = softmax(q_u·k·scale / T); M is the gradient of Σ_n a_n·v_n with
  respect to a 1-channel value map sampled the same way. offImage = 1 − Σ M.
- lka (Visual-Attention-Network/VAN-Classification models/van.py, AttentionModule): the gradient
  of conv2d(conv2d(x, ones a×a, pad (a−1)/2), ones b×b, dilation d, pad d·(b−1)/2) at u with
  respect to x, normalised to sum 1 (a = 2d − 1, b = ⌈K/d⌉; VAN: 5×5 pad 2, then 7×7 dil 3 pad 9).
- The seeded synthetic stand-ins (dcn offset field, dat offset network) are re-implemented here
  from their documentation (SplitMix64 seeds, formulas) and fed to the same reference paths.

Run: /work/venv-torch/bin/python Tests/AttentionTests/Reference/reference_sampling.py
"""
import math

import torch
import torch.nn.functional as F

from common import case, features, write_cases

MASK64 = (1 << 64) - 1
DCN_SEED = 0x6463_6E5F_7365_6564  # "dcn_seed"
DAT_SEED = 0x6461_745F_7365_6564  # "dat_seed"


class SplitMix64:
    """The generator of Sources/FeatureMaps/Random/SplitMix64.swift."""

    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * 2.0 ** -53

    def symmetric(self, bound):
        return (self.unit() * 2 - 1) * bound


def f32(t):
    """Rounds to float32 and back, so Swift reads exactly the numbers used here."""
    return torch.as_tensor(t).to(torch.float32).to(torch.float64)


def rand(seed, *shape, lo=-1.0, hi=1.0):
    g = torch.Generator().manual_seed(seed)
    return f32(torch.rand(*shape, generator=g) * (hi - lo) + lo)


# ----------------------------------------------------------------------------------------- dcn

def dcn_map(h, w, query, kernel, dilation, offsets, modulation=None):
    """M, offImage, samples of one query; offsets (2K², H, W), modulation (K², H, W) or None."""
    pad = dilation * (kernel - 1) // 2
    taps = kernel * kernel
    margin = 3
    canvas = torch.zeros(1, 1, h + 2 * margin, w + 2 * margin, requires_grad=True)
    i, j = query
    ys, xs, masses = [], [], []
    for r in range(kernel):
        for c in range(kernel):
            k = r * kernel + c
            # torchvision: (out_y * stride_h - pad_h) + i * dilation_h + offset_h
            ys.append(float((i * 1 - pad) + r * dilation + offsets[2 * k, i, j]))
            xs.append(float((j * 1 - pad) + c * dilation + offsets[2 * k + 1, i, j]))
            m = 1.0 if modulation is None else float(modulation[k, i, j])
            masses.append(m / taps)
    hc, wc = h + 2 * margin, w + 2 * margin
    gy = torch.tensor([(y + margin) / (hc - 1) * 2 - 1 for y in ys])
    gx = torch.tensor([(x + margin) / (wc - 1) * 2 - 1 for x in xs])
    grid = torch.stack((gx, gy), -1).reshape(1, 1, taps, 2)
    vals = F.grid_sample(canvas, grid, mode="bilinear", padding_mode="zeros", align_corners=True).reshape(taps)
    (vals * torch.tensor(masses)).sum().backward()
    m = canvas.grad[0, 0, margin:margin + h, margin:margin + w].clone()
    off = sum(masses) - float(m.sum())
    return {"weights": m, "offImage": off, "samples": list(zip(ys, xs, masses))}


def dcn_synthetic_offsets(x, kernel, dilation):
    """SyntheticOffsetField.swift's documented formula, in NumPy-style PyTorch."""
    c, h, w = x.shape
    e = x.sum(0) * (1.0 / c)

    def grad(r, col):
        up, down = max(r - 1, 0), min(r + 1, h - 1)
        left, right = max(col - 1, 0), min(col + 1, w - 1)
        return (float(e[down, col] - e[up, col]) / 2, float(e[r, right] - e[r, left]) / 2)

    mags = [math.hypot(*grad(r, col)) for r in range(h) for col in range(w)]
    finite = [v for v in mags if math.isfinite(v)]
    gbar = sum(finite) / len(finite) if finite else 0.0
    rng = SplitMix64(DCN_SEED)
    params = []
    for _ in range(2 * kernel * kernel):
        a, b, p = rng.symmetric(1), rng.symmetric(1), rng.unit() * 2 * math.pi
        params.append((a, b, p))
    half = (kernel - 1) // 2
    amp = 0.35 * dilation
    out = torch.zeros(2 * kernel * kernel, h, w)
    for r0 in range(h):
        for c0 in range(w):
            gy, gx = grad(r0, c0)
            mag = math.hypot(gy, gx)
            s = ty = tx = 0.0
            if math.isfinite(mag) and mag > 0 and gbar > 0:
                s, ty, tx = mag / (mag + gbar), -gx / mag, gy / mag
            fy, fx = r0 / h, c0 / w
            for r in range(kernel):
                for col in range(kernel):
                    k = r * kernel + col
                    ry, rx = (r - half) * dilation, (col - half) * dilation
                    along = s * (ry * ty + rx * tx)
                    (ay, by, py), (ax, bx, px) = params[2 * k], params[2 * k + 1]
                    out[2 * k, r0, c0] = along * ty + amp * math.sin(2 * math.pi * (ay * fy + by * fx) + py)
                    out[2 * k + 1, r0, c0] = along * tx + amp * math.sin(2 * math.pi * (ax * fy + bx * fx) + px)
    return out


def dcn_case(name, feats, queries, kernel=3, dilation=1, offsets=None, modulation=None,
             file_offsets=None, file_modulation=None, group=None):
    """offsets/modulation: the group actually used; file_*: what the loaded file holds."""
    _, h, w = feats.shape
    settings = {"kernel": kernel, "dilation": dilation}
    if group is not None:
        settings["group"] = group
    inputs = {}
    if file_offsets is not None:
        inputs["offsets"] = file_offsets
    if file_modulation is not None:
        inputs["modulation"] = file_modulation
    used = offsets if offsets is not None else dcn_synthetic_offsets(feats, kernel, dilation)
    expected = [dcn_map(h, w, q, kernel, dilation, used, modulation) for q in queries]
    return case(name, "dcn", feats, queries, expected, settings=settings, inputs=inputs)


# ----------------------------------------------------------------------------------------- dat

def dat_reference_points(hk, wk):
    """DAttentionBaseline._get_ref_points (DAT++), (Hk, Wk, 2) as (y, x)."""
    ref_y, ref_x = torch.meshgrid(torch.linspace(0.5, hk - 0.5, hk), torch.linspace(0.5, wk - 0.5, wk), indexing="ij")
    ref = torch.stack((ref_y, ref_x), -1)
    ref[..., 1].div_(wk - 1.0).mul_(2.0).sub_(1.0)
    ref[..., 0].div_(hk - 1.0).mul_(2.0).sub_(1.0)
    return ref


def dat_positions(offset, f):
    """offset (1, 2, Hk, Wk) raw network output -> pos (Hk, Wk, 2), as DAttentionBaseline.forward."""
    hk, wk = offset.size(2), offset.size(3)
    if f >= 0:
        offset_range = torch.tensor([1.0 / (hk - 1.0), 1.0 / (wk - 1.0)]).reshape(1, 2, 1, 1)
        offset = offset.tanh().mul(offset_range).mul(f)
    offset = offset.permute(0, 2, 3, 1)[0]
    reference = dat_reference_points(hk, wk)
    if f >= 0:
        return offset + reference
    return (offset + reference).clamp(-1.0, 1.0)


def dat_network(q, stride):
    """SyntheticOffsetNetwork.swift: DAT's conv_offset with seeded weights, on q (d, H, W)."""
    d = q.shape[0]
    log = 0
    while (1 << log) < stride:
        log += 1
    kk = 3 + 2 * log
    pad = kk // 2 if kk != stride else 0
    rng = SplitMix64(DAT_SEED)
    bound = 1.0 / kk
    wdw = torch.tensor([rng.symmetric(bound) for _ in range(d * kk * kk)]).reshape(d, 1, kk, kk)
    bdw = torch.tensor([rng.symmetric(bound) for _ in range(d)])
    wpw = torch.tensor([rng.symmetric(0.4 / math.sqrt(d)) for _ in range(2 * d)]).reshape(2, d, 1, 1)
    hdn = F.conv2d(q[None], wdw, bdw, stride=stride, padding=pad, groups=d)
    hdn = F.layer_norm(hdn.permute(0, 2, 3, 1), (d,), eps=1e-5).permute(0, 3, 1, 2)  # LayerNormProxy
    hdn = F.gelu(hdn)
    return F.conv2d(hdn, wpw)  # (1, 2, Hk, Wk)


def dat_default_stride(h, w):
    r = max(1, math.ceil(max(h, w) / 7))
    return min(r, min(h, w) - 1)


def dat_maps(feats, queries, pos, proj=None, scale=None, temperature=1.0):
    c, h, w = feats.shape
    hk, wk = pos.shape[0], pos.shape[1]
    n = hk * wk
    x = feats[None]
    if proj is not None:
        wq, wk_, bq, bk = proj
        q = F.conv2d(x, wq[:, :, None, None], bq)[0]  # proj_q
    else:
        q = feats
    grid = pos[..., (1, 0)][None]  # y, x -> x, y
    x_sampled = F.grid_sample(x, grid, mode="bilinear", align_corners=True)  # (1, C, Hk, Wk)
    if proj is not None:
        k = F.conv2d(x_sampled, wk_[:, :, None, None], bk)[0].reshape(-1, n)  # proj_k after sampling
    else:
        k = x_sampled[0].reshape(c, n)
    dim = k.shape[0]
    if scale is None:
        scale = dim ** -0.5
    expected = []
    for (i, j) in queries:
        logits = torch.einsum("c,cn->n", q[:, i, j], k) * scale / temperature
        attn = F.softmax(logits, dim=0)
        v = torch.zeros(1, 1, h, w, requires_grad=True)
        vs = F.grid_sample(v, grid, mode="bilinear", align_corners=True).reshape(n)
        (attn * vs).sum().backward()
        m = v.grad[0, 0].clone()
        py = (pos[..., 0] + 1) / 2 * (h - 1)
        px = (pos[..., 1] + 1) / 2 * (w - 1)
        samples = list(zip(py.flatten().tolist(), px.flatten().tolist(), attn.tolist()))
        expected.append({"weights": m, "offImage": 1.0 - float(m.sum()), "samples": samples})
    return expected


def dat_case(name, feats, queries, offsets=None, positions=None, f=-1.0, file_offsets=None,
             file_positions=None, proj=None, proj_file=None, scale=None, temperature=1.0,
             stride=None, group=None):
    settings = {"offsetRange": f, "temperature": temperature}
    if scale is not None:
        settings["scale"] = scale
    if stride is not None:
        settings["stride"] = stride
    if group is not None:
        settings["group"] = group
    inputs = {}
    if proj_file is not None:
        inputs["projections"] = proj_file
    if file_offsets is not None:
        inputs["offsets"] = file_offsets
    if file_positions is not None:
        inputs["positions"] = file_positions
    if positions is None:
        if offsets is None:  # the synthetic network on q
            _, h, w = feats.shape
            q = feats if proj is None else F.conv2d(feats[None], proj[0][:, :, None, None], proj[2])[0]
            offsets = dat_network(q, stride or dat_default_stride(h, w))
        positions = dat_positions(offsets, f)
    expected = dat_maps(feats, queries, positions, proj, scale, temperature)
    return case(name, "dat", feats, queries, expected, settings=settings, inputs=inputs)


# ----------------------------------------------------------------------------------------- lka

def lka_map(h, w, query, kernel=21, dilation=3):
    a = 2 * dilation - 1
    b = -(-kernel // dilation)
    x = torch.zeros(1, 1, h, w, requires_grad=True)
    attn = F.conv2d(x + 0, torch.ones(1, 1, a, a), padding=(a - 1) // 2)  # conv0
    attn = F.conv2d(attn, torch.ones(1, 1, b, b), padding=dilation * (b - 1) // 2, dilation=dilation)  # conv_spatial
    attn[0, 0, query[0], query[1]].backward()
    g = x.grad[0, 0].clone()
    return {"weights": g / g.sum(), "offImage": 0.0}


def lka_case(name, h, w, queries, kernel=None, dilation=None, seed=0):
    feats = features(seed, 2, h, w)
    settings = {}
    if kernel is not None:
        settings["kernel"] = kernel
    if dilation is not None:
        settings["dilation"] = dilation
    expected = [lka_map(h, w, q, kernel or 21, dilation or 3) for q in queries]
    return case(name, "lka", feats, queries, expected, settings=settings)


def corners_and_edges(h, w):
    return [(0, 0), (0, w - 1), (h - 1, 0), (h - 1, w - 1), (h // 2, 0), (0, w // 2), (h // 2, w // 2)]


def main():
    cases = []

    # dcn v1: odd non-square map, offsets that leave the image.
    x = features(1, 3, 7, 9)
    off = rand(11, 18, 7, 9, lo=-2.5, hi=2.5)
    cases.append(dcn_case("dcn v1 offsets 7x9", x, corners_and_edges(7, 9), offsets=off, file_offsets=off))

    # dcn v2: modulation used as given (values outside [0, 1]), dilation 2, batch dim 1.
    x = features(2, 2, 8, 6)
    off = rand(12, 18, 8, 6, lo=-1.5, hi=1.5)
    mod = rand(13, 9, 8, 6, lo=-0.2, hi=1.3)
    cases.append(dcn_case("dcn v2 modulation dilation 2", x, corners_and_edges(8, 6), dilation=2,
                          offsets=off, modulation=mod, file_offsets=off[None], file_modulation=mod[None]))

    # dcn offset groups folded into channels (1, G·2K², H, W), group 1; K=5 on a map smaller than it.
    x = features(3, 2, 4, 3)
    off = rand(14, 2 * 50, 4, 3, lo=-1.0, hi=1.0)
    mod = rand(15, 2 * 25, 4, 3, lo=0.0, hi=1.0)
    cases.append(dcn_case("dcn K5 groups small map", x, corners_and_edges(4, 3), kernel=5,
                          offsets=off[50:], modulation=mod[25:], file_offsets=off[None],
                          file_modulation=mod[None], group=1))

    # dcn: samples exactly on and far beyond the border (y = -1, y = H, x = W - 0.5, ...).
    x = features(4, 1, 5, 5)
    off = torch.zeros(18, 5, 5)
    off[0], off[1] = -1.0, 0.0          # tap 0 of (0,0) lands at y = -2: entirely outside
    off[2], off[3] = 0.0, 0.5           # tap 1: x + 0.5
    off[8], off[9] = 0.25, -0.75        # centre tap moves
    off[16], off[17] = 10.0, -10.0      # last tap far away
    off[10], off[11] = 0.0, 0.5         # tap 5 (right neighbour) at x + 1.5
    cases.append(dcn_case("dcn border samples", x, [(0, 0), (4, 4), (0, 4), (2, 2), (4, 0)],
                          offsets=off, file_offsets=off))

    # dcn synthetic offset field (illustrative), two kernels.
    x = features(5, 4, 8, 10)
    cases.append(dcn_case("dcn synthetic K3", x, corners_and_edges(8, 10)))
    x = features(6, 3, 9, 7, scale=2.0)
    cases.append(dcn_case("dcn synthetic K5 d2", x, corners_and_edges(9, 7), kernel=5, dilation=2))
    x = features(7, 2, 1, 6)
    cases.append(dcn_case("dcn synthetic 1-row map", x, [(0, 0), (0, 3), (0, 5)]))

    # dat: raw offsets, f < 0 (clamp), odd non-square map.
    x = features(21, 4, 9, 11)
    off = rand(31, 1, 2, 4, 5, lo=-0.6, hi=0.6)
    cases.append(dat_case("dat offsets clamp", x, corners_and_edges(9, 11), offsets=off, f=-1.0, file_offsets=off[0]))

    # dat: f ≥ 0 (tanh range), batch dim in the file, temperature ≠ 1.
    x = features(22, 3, 8, 7)
    off = rand(32, 1, 2, 3, 4, lo=-2.0, hi=2.0)
    cases.append(dat_case("dat offsets tanh f2 T0.7", x, corners_and_edges(8, 7), offsets=off, f=2.0,
                          file_offsets=off, temperature=0.7))

    # dat: f = 0 pins the samples to the reference points (the last beyond +1).
    x = features(23, 3, 6, 6)
    off = rand(33, 1, 2, 3, 3)
    cases.append(dat_case("dat offsets f0", x, corners_and_edges(6, 6), offsets=off, f=0.0, file_offsets=off[0]))

    # dat: offsets with leading batch and group dimensions of size 1 (G > 1 groups at once are
    # pinned by reference_real_blocks.py).
    x = features(24, 2, 7, 8)
    off = rand(34, 3, 2, 3, 3, lo=-0.5, hi=0.5)
    cases.append(dat_case("dat offsets batch and group dimensions", x, corners_and_edges(7, 8), offsets=off[2:3], f=-1.0,
                          file_offsets=off[None, 2:3]))

    # dat: positions file (1, 1, Hk, Wk, 2), some outside [-1, 1]; scale and temperature set.
    x = features(25, 5, 10, 7)
    pos = rand(35, 3, 4, 2, lo=-1.3, hi=1.3)
    cases.append(dat_case("dat positions scale T1.5", x, corners_and_edges(10, 7), positions=pos,
                          file_positions=pos[None, None], scale=0.5, temperature=1.5))

    # dat: positions of a 1-wide grid with a leading group dimension of size 1.
    x = features(26, 2, 5, 6)
    pos = rand(36, 2, 4, 1, 2, lo=-1.1, hi=1.1)
    cases.append(dat_case("dat positions 4x1", x, corners_and_edges(5, 6), positions=pos[1],
                          file_positions=pos[None, 1:2]))

    # dat: loaded projections (keys projected after sampling) with raw offsets.
    x = features(27, 5, 9, 8)
    wq, wk = rand(41, 3, 5), rand(42, 3, 5)
    bq, bk = rand(43, 3, lo=-0.5, hi=0.5), rand(44, 3, lo=-0.5, hi=0.5)
    off = rand(37, 1, 2, 4, 3, lo=-0.8, hi=0.8)
    cases.append(dat_case("dat projections offsets", x, corners_and_edges(9, 8), offsets=off, f=-1.0,
                          file_offsets=off, proj=(wq, wk, bq, bk),
                          proj_file={"wq": wq, "wk": wk, "bq": bq, "bk": bk}))

    # dat: synthetic offset network (illustrative), default stride, and with a stride and projections.
    x = features(28, 6, 10, 13)
    cases.append(dat_case("dat synthetic default stride", x, corners_and_edges(10, 13)))
    x = features(29, 4, 12, 9)
    cases.append(dat_case("dat synthetic stride 3 f1", x, corners_and_edges(12, 9), stride=3, f=1.0))
    x = features(30, 4, 11, 10)
    wq2, wk2 = rand(45, 2, 3, 4), rand(46, 2, 3, 4)
    bq2, bk2 = rand(47, 2, 3, lo=-0.3, hi=0.3), rand(48, 2, 3, lo=-0.3, hi=0.3)
    cases.append(dat_case("dat synthetic projections head 1", x, corners_and_edges(11, 10), stride=2,
                          proj=(wq2[1], wk2[1], bq2[1], bk2[1]),
                          proj_file={"wq": wq2, "wk": wk2, "bq": bq2, "bk": bk2}, temperature=0.5))
    cases[-1]["settings"]["head"] = 1

    # lka: VAN's 21/3 on a map larger than the 23×23 field, smaller maps, other K/d.
    cases.append(lka_case("lka 21/3 30x27", 30, 27, corners_and_edges(30, 27) + [(15, 13), (11, 11), (3, 20)]))
    cases.append(lka_case("lka 21/3 small 9x6", 9, 6, corners_and_edges(9, 6)))
    cases.append(lka_case("lka 9/2 12x10", 12, 10, corners_and_edges(12, 10), kernel=9, dilation=2))
    cases.append(lka_case("lka 5/1 6x7", 6, 7, corners_and_edges(6, 7), kernel=5, dilation=1))
    cases.append(lka_case("lka 1x1 map", 1, 1, [(0, 0)]))
    cases.append(lka_case("lka 1-row map", 1, 13, [(0, 0), (0, 6), (0, 12)]))

    write_cases("sampling", cases)


if __name__ == "__main__":
    main()
