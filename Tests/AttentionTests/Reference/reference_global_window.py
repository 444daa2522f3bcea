"""Reference vectors for global, window (Swin W-MSA / SW-MSA), neighborhood (NATTEN) and lesa.

Each map is built with PyTorch along the official code paths, written independently of the
Swift code:
- global: ViT's attention (q @ k^T * scale, softmax over all tokens).
- window: microsoft/Swin-Transformer models/swin_transformer.py -- the classification block's
  `min(H, W) <= M` rule, the detection code's F.pad to a multiple of M (pad BEFORE the qkv
  Linear, so a padding token's key is the bias bk), torch.roll(-s), window_partition, the
  relative_position_index gather, the img_mask / mask_windows -100 mask; T divides
  content + bias, never the mask.
- neighborhood: NATTEN's get_window_start for dilation 1 (min(K, L) where K > L).
- lesa: LESA_classification's _binary_forward ('classification' position embedding:
  `relative` (d, 2N-1) gathered with flatten_index, qk + qr + kr^T, BatchNorm left out).

Writes Vectors/{global,window,neighborhood,lesa}.json. Run: python reference_global_window.py
"""
import math

import torch
import torch.nn.functional as F

from common import case, features, write_cases

f32 = lambda t: t.to(torch.float32).to(torch.float64)  # noqa: E731  float32-representable values


def rand(seed, *shape, scale=1.0):
    g = torch.Generator().manual_seed(seed)
    return f32(torch.randn(*shape, generator=g) * scale)


def projections(seed, heads, d, c, bias=True):
    p = {"wq": rand(seed, heads, d, c, scale=0.5), "wk": rand(seed + 1, heads, d, c, scale=0.5)}
    if bias:
        p["bq"] = rand(seed + 2, heads, d, scale=0.5)
        p["bk"] = rand(seed + 3, heads, d, scale=0.5)
    if heads == 1:
        p = {k: v[0] for k, v in p.items()}
    return p


def project(tokens, proj, head):
    """tokens (..., C) -> q, k (..., d) for `head`: one Linear over all heads, then the head's slice
    (ViT/Swin's qkv Linear followed by reshape(..., heads, d))."""
    if proj is None:
        return tokens, tokens
    wq, wk = proj["wq"], proj["wk"]
    if wq.dim() == 2:
        wq, wk = wq[None], wk[None]
    heads, d, c = wq.shape
    bq = proj.get("bq", torch.zeros(heads, d)).reshape(heads, d)
    bk = proj.get("bk", torch.zeros(heads, d)).reshape(heads, d)
    q = F.linear(tokens, wq.reshape(heads * d, c), bq.reshape(-1))
    k = F.linear(tokens, wk.reshape(heads * d, c), bk.reshape(-1))
    q = q.reshape(*tokens.shape[:-1], heads, d)[..., head, :]
    k = k.reshape(*tokens.shape[:-1], heads, d)[..., head, :]
    return q, k


# ---------------------------------------------------------------- global

def global_maps(x, queries, T=1.0, scale=None, proj=None, head=0):
    c, h, w = x.shape
    tokens = x.reshape(c, h * w).T  # (N, C), ViT's token order
    q, k = project(tokens, proj, head)
    scale = scale if scale is not None else q.shape[-1] ** -0.5
    attn = ((q * scale) @ k.T) / T
    attn = attn.softmax(dim=-1)
    return [{"weights": attn[r * w + cc].reshape(h, w)} for r, cc in queries]


# ---------------------------------------------------------------- Swin

def window_partition(x, ws):
    b, h, w, c = x.shape
    x = x.view(b, h // ws, ws, w // ws, ws, c)
    return x.permute(0, 1, 3, 2, 4, 5).contiguous().view(-1, ws, ws, c)


def relative_position_index(ws):
    coords = torch.stack(torch.meshgrid([torch.arange(ws), torch.arange(ws)], indexing="ij"))
    flat = torch.flatten(coords, 1)
    rel = (flat[:, :, None] - flat[:, None, :]).permute(1, 2, 0).contiguous()
    rel[:, :, 0] += ws - 1
    rel[:, :, 1] += ws - 1
    rel[:, :, 0] *= 2 * ws - 1
    return rel.sum(-1)


def swin_maps(x, queries, window, shift, T=1.0, scale=None, proj=None, head=0, bias_table=None):
    """bias_table: ((2M-1)^2, heads) -- Swin's own parameter layout."""
    c, h, w = x.shape
    ws, s = window, shift
    if min(h, w) <= ws:  # classification code
        s = 0
        ws = min(h, w)
    t = x.permute(1, 2, 0).unsqueeze(0)  # (1, H, W, C) after norm1
    pad_r = (ws - w % ws) % ws
    pad_b = (ws - h % ws) % ws
    t = F.pad(t, (0, 0, 0, pad_r, 0, pad_b))  # detection code: pad before the attention's qkv
    idx = F.pad(torch.arange(h * w, dtype=torch.float64).view(1, h, w, 1), (0, 0, 0, pad_r, 0, pad_b), value=-1)
    hp, wp = t.shape[1], t.shape[2]
    if s > 0:
        t = torch.roll(t, shifts=(-s, -s), dims=(1, 2))
        idx = torch.roll(idx, shifts=(-s, -s), dims=(1, 2))
        img_mask = torch.zeros((1, hp, wp, 1))
        slices = (slice(0, -ws), slice(-ws, -s), slice(-s, None))
        cnt = 0
        for hs in slices:
            for wsl in slices:
                img_mask[:, hs, wsl, :] = cnt
                cnt += 1
        mask_windows = window_partition(img_mask, ws).view(-1, ws * ws)
        attn_mask = mask_windows.unsqueeze(1) - mask_windows.unsqueeze(2)
        attn_mask = attn_mask.masked_fill(attn_mask != 0, float(-100.0)).masked_fill(attn_mask == 0, float(0.0))
    else:
        attn_mask = None
    xw = window_partition(t, ws).view(-1, ws * ws, c)
    iw = window_partition(idx, ws).view(-1, ws * ws).long()
    q, k = project(xw, proj, head)
    scale = scale if scale is not None else q.shape[-1] ** -0.5
    attn = (q * scale) @ k.transpose(-2, -1)
    if bias_table is not None:
        rpb = bias_table[relative_position_index(ws).view(-1)].view(ws * ws, ws * ws, -1)[:, :, head]
        attn = attn + rpb.unsqueeze(0)
    attn = attn / T
    if attn_mask is not None:
        attn = attn + attn_mask
    attn = attn.softmax(dim=-1)
    out = []
    for r, cc in queries:
        win, pos = (iw == r * w + cc).nonzero()[0].tolist()
        row = attn[win, pos]
        m = torch.zeros(h * w)
        keys = iw[win]
        inside = keys >= 0
        m[keys[inside]] = row[inside]
        out.append({"weights": m.view(h, w), "offImage": float(row[~inside].sum())})
    return out


# ---------------------------------------------------------------- NATTEN

def natten_start(index, length, kernel):
    ns = kernel // 2
    return max(index - ns, 0) + (length - index - ns - 1 if index + ns >= length else 0)


def neighborhood_maps(x, queries, kernel, T=1.0, scale=None, proj=None, head=0):
    c, h, w = x.shape
    tokens = x.permute(1, 2, 0)  # (H, W, C)
    q, k = project(tokens, proj, head)
    scale = scale if scale is not None else q.shape[-1] ** -0.5
    kh, kw = min(kernel, h), min(kernel, w)
    out = []
    for r, cc in queries:
        # K > L: the whole axis (NATTEN itself refuses such inputs).
        top = natten_start(r, h, kh) if kh < h else 0
        left = natten_start(cc, w, kw) if kw < w else 0
        keys = k[top:top + kh, left:left + kw].reshape(-1, k.shape[-1])
        a = (((q[r, cc] * scale) @ keys.T) / T).softmax(-1)
        m = torch.zeros(h, w)
        m[top:top + kh, left:left + kw] = a.view(kh, kw)
        out.append({"weights": m})
    return out


# ---------------------------------------------------------------- LESA

def lesa_maps(x, queries, T=1.0, scale=None, proj=None, head=0, relative=None):
    """relative: dict rq, rk of shape (d, 2N-1) (LESA's `relative` split into q and k parts)."""
    c, h, w = x.shape
    n = h * w
    tokens = x.reshape(c, n).T
    q, k = project(tokens, proj, head)  # (N, d)
    q, k = q.T.unsqueeze(0).unsqueeze(0), k.T.unsqueeze(0).unsqueeze(0)  # (b, g, c, N)
    qk = torch.einsum("bgci, bgcj->bgij", q, k)
    if relative is not None:
        d = q.shape[2]
        rel = torch.cat([relative["rq"], relative["rk"]], dim=0)  # (2d, 2N-1)
        query_index = torch.arange(n).unsqueeze(0)
        key_index = torch.arange(n).unsqueeze(1)
        flatten_index = (key_index - query_index + n - 1).view(-1)
        emb = torch.index_select(rel, 1, flatten_index).view(2 * d, n, n)
        q_emb, k_emb = torch.split(emb, [d, d], dim=0)
        qr = torch.einsum("bgci,cij->bgij", q, q_emb)
        kr = torch.einsum("bgci,cij->bgij", k, k_emb).transpose(2, 3)
        sim = qk + qr + kr  # BatchNorm (identity here) then the sum over the 3 stacked terms
    else:
        sim = qk
    scale = scale if scale is not None else 1.0
    sim = sim * scale / T
    a = F.softmax(sim, dim=3)[0, 0]
    out = []
    for r, cc in queries:
        u = r * w + cc
        out.append({"weights": a[u].view(h, w), "extras": {"unary": float(a[u, u])}})
    return out


def corners_and_edges(h, w):
    return [(0, 0), (0, w - 1), (h - 1, 0), (h - 1, w - 1), (h // 2, w // 2), (0, w // 2), (h - 1, w // 3), (h // 3, 0)]


def main():
    # ---- global
    g = []
    x = features(1, 5, 6, 9)
    qs = corners_and_edges(6, 9)
    g.append(case("global 6x9 identity", "global", x, qs, global_maps(x, qs)))
    g.append(case("global 6x9 T=0.5", "global", x, qs, global_maps(x, qs, T=0.5), {"temperature": 0.5}))
    g.append(case("global 6x9 scale 1 (DANet)", "global", x, qs, global_maps(x, qs, scale=1.0), {"scale": 1.0}))
    x = features(2, 6, 7, 5)
    qs = corners_and_edges(7, 5)
    p = projections(10, 1, 4, 6)
    g.append(case("global 7x5 projection", "global", x, qs, global_maps(x, qs, proj=p), {}, {"projections": p}))
    p = projections(20, 3, 4, 6)
    g.append(case("global 7x5 3 heads head 2 T=1.7", "global", x, qs, global_maps(x, qs, T=1.7, proj=p, head=2),
                  {"head": 2, "temperature": 1.7}, {"projections": p}))
    x = features(3, 3, 1, 7)
    g.append(case("global 1x7", "global", x, [(0, 0), (0, 6)], global_maps(x, [(0, 0), (0, 6)])))
    write_cases("global", g)

    # ---- window
    wc = []
    x = features(4, 6, 14, 14)
    qs = corners_and_edges(14, 14) + [(6, 6), (7, 7), (3, 10)]
    wc.append(case("swin 14x14 M7 W-MSA", "window", x, qs, swin_maps(x, qs, 7, 0), {"window": 7, "shift": 0}))
    wc.append(case("swin 14x14 M7 SW-MSA s3", "window", x, qs, swin_maps(x, qs, 7, 3), {"window": 7, "shift": 3}))
    x = features(5, 5, 9, 13)
    qs = corners_and_edges(9, 13) + [(8, 12), (7, 11), (4, 9)]
    wc.append(case("swin 9x13 M4 s2 padded T=0.7 scale 0.3", "window", x, qs,
                   swin_maps(x, qs, 4, 2, T=0.7, scale=0.3), {"window": 4, "shift": 2, "temperature": 0.7, "scale": 0.3}))
    wc.append(case("swin 9x13 M4 s0 padded", "window", x, qs, swin_maps(x, qs, 4, 0), {"window": 4, "shift": 0}))
    wc.append(case("swin 9x13 M4 s1 padded", "window", x, qs, swin_maps(x, qs, 4, 1), {"window": 4, "shift": 1}))
    x = features(6, 4, 5, 9)
    qs = corners_and_edges(5, 9)
    wc.append(case("swin 5x9 M7 s3 shrinks to 5, shift 0, pads W", "window", x, qs, swin_maps(x, qs, 7, 3),
                   {"window": 7, "shift": 3}))
    x = features(7, 4, 7, 10)
    qs = corners_and_edges(7, 10)
    wc.append(case("swin 7x10 M7 s3 <= rule drops shift", "window", x, qs, swin_maps(x, qs, 7, 3), {"window": 7, "shift": 3}))
    x = features(8, 6, 9, 11)
    qs = corners_and_edges(9, 11) + [(8, 10)]
    p = projections(30, 1, 5, 6)
    wc.append(case("swin 9x11 M4 s2 projection (pad key = bk)", "window", x, qs, swin_maps(x, qs, 4, 2, proj=p),
                   {"window": 4, "shift": 2}, {"projections": p}))
    p = projections(40, 2, 3, 6)
    table = rand(50, 49, 2)  # Swin's own layout ((2M-1)^2, heads) for M = 4
    wc.append(case("swin 9x11 M4 s2 2 heads head 1 + bias (heads first) T=1.3", "window", x, qs,
                   swin_maps(x, qs, 4, 2, T=1.3, proj=p, head=1, bias_table=table),
                   {"window": 4, "shift": 2, "head": 1, "temperature": 1.3},
                   {"projections": p, "relativeBias": table.T.contiguous()}))
    wc.append(case("swin 9x11 M4 s2 bias in Swin layout (49, heads) head 0", "window", x, qs,
                   swin_maps(x, qs, 4, 2, bias_table=table), {"window": 4, "shift": 2, "head": 0},
                   {"relativeBias": table}))
    x = features(9, 3, 8, 8)
    qs = corners_and_edges(8, 8)
    t1 = rand(60, 49)
    wc.append(case("swin 8x8 M4 s2 single bias table T=2", "window", x, qs,
                   swin_maps(x, qs, 4, 2, T=2.0, bias_table=t1[:, None]), {"window": 4, "shift": 2, "temperature": 2.0},
                   {"relativeBias": t1}))
    x = features(10, 3, 6, 4)
    qs = corners_and_edges(6, 4)
    wc.append(case("swin 6x4 M3 s1 W padded to 6", "window", x, qs, swin_maps(x, qs, 3, 1),
                   {"window": 3, "shift": 1}))
    write_cases("window", wc)

    # ---- neighborhood
    nc = []
    x = features(11, 5, 9, 11)
    qs = corners_and_edges(9, 11) + [(1, 1), (7, 9), (4, 2)]
    nc.append(case("natten 9x11 K7", "neighborhood", x, qs, neighborhood_maps(x, qs, 7), {"kernel": 7}))
    nc.append(case("natten 9x11 K3 T=0.6", "neighborhood", x, qs, neighborhood_maps(x, qs, 3, T=0.6),
                   {"kernel": 3, "temperature": 0.6}))
    nc.append(case("natten 9x11 K5 scale 1", "neighborhood", x, qs, neighborhood_maps(x, qs, 5, scale=1.0),
                   {"kernel": 5, "scale": 1.0}))
    x = features(12, 4, 4, 6)
    qs = corners_and_edges(4, 6)
    nc.append(case("natten 4x6 K5 (K > H: whole column axis)", "neighborhood", x, qs, neighborhood_maps(x, qs, 5), {"kernel": 5}))
    x = features(13, 4, 3, 5)
    qs = corners_and_edges(3, 5)
    nc.append(case("natten 3x5 K7 (both axes whole)", "neighborhood", x, qs, neighborhood_maps(x, qs, 7), {}))
    x = features(14, 6, 8, 9)
    qs = corners_and_edges(8, 9)
    p = projections(70, 2, 4, 6)
    nc.append(case("natten 8x9 K5 2 heads head 1", "neighborhood", x, qs, neighborhood_maps(x, qs, 5, proj=p, head=1),
                   {"kernel": 5, "head": 1}, {"projections": p}))
    write_cases("neighborhood", nc)

    # ---- lesa
    lc = []
    x = features(15, 4, 5, 6)
    qs = corners_and_edges(5, 6)
    lc.append(case("lesa 5x6 no tables", "lesa", x, qs, lesa_maps(x, qs), {}))
    lc.append(case("lesa 5x6 no tables T=0.8 scale 0.5", "lesa", x, qs, lesa_maps(x, qs, T=0.8, scale=0.5),
                   {"temperature": 0.8, "scale": 0.5}))
    n = 30
    rel = {"rq": rand(80, 4, 2 * n - 1, scale=0.5), "rk": rand(81, 4, 2 * n - 1, scale=0.5)}
    lc.append(case("lesa 5x6 position tables (d, 2N-1)", "lesa", x, qs, lesa_maps(x, qs, relative=rel), {},
                   {"axialTables": rel}))
    p = projections(90, 2, 3, 4)
    rel3 = {"rq": rand(82, 3, 2 * n - 1, scale=0.5), "rk": rand(83, 3, 2 * n - 1, scale=0.5)}
    rel3t = {"rq": rel3["rq"].T.contiguous(), "rk": rel3["rk"].T.contiguous()}
    lc.append(case("lesa 5x6 2 heads head 1 + tables transposed (2N-1, d) T=1.5", "lesa", x, qs,
                   lesa_maps(x, qs, T=1.5, proj=p, head=1, relative=rel3),
                   {"head": 1, "temperature": 1.5}, {"projections": p, "axialTables": rel3t}))
    write_cases("lesa", lc)


if __name__ == "__main__":
    main()
