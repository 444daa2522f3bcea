"""Reference maps for `axial` (Axial-DeepLab) and `criss-cross` (CCNet).

Both mechanisms are run as their official PyTorch forward passes (batch 1), with the learned
1x1 convolutions replaced by the identity (or by loaded q/k projections; values stay the layer
input) and BatchNorm left out:

- CCNet: the pure-PyTorch `CrissCrossAttention.forward` of speedinghzl/CCNet
  (cc_attention/functions.py): energy_H with the INF diagonal, energy_W, one softmax over the
  concatenated H + W entries, the bmm-based out_H / out_W, `gamma * (out_H + out_W) + x`,
  repeated R times with shared weights.
- Axial-DeepLab: `AxialAttention.forward` of csrhddlam/axial-deeplab lib/models/axialnet.py
  (height block, then width block on its output), including its relative-position embedding
  gather (`relative`, `flatten_index`, the qr / kr / sve einsums).

Attention matrices are never written out by formula: each pass's N x N matrix is read off the
forward pass by feeding one-hot values (channel p = indicator of pixel p), so row u of the
matrix is what the bmm / einsum paths route to u. Composed maps are products of these.

Writes ../Vectors/axial.json, ../Vectors/criss_cross.json, ../Vectors/criss_cross_residual.json.
Run: /work/venv-torch/bin/python Tests/AttentionTests/Reference/reference_axial_crisscross.py
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import case, features, write_cases  # noqa: E402


# ----------------------------------------------------------------------------------------------
# CCNet


def INF(B, H, W):
    return -torch.diag(torch.tensor(float("inf")).repeat(H), 0).unsqueeze(0).repeat(B * W, 1, 1)


def conv1x1(x, w, b):
    """A 1x1 convolution; w None means identity."""
    if w is None:
        return x
    out = torch.einsum("dc,bchw->bdhw", w, x)
    if b is not None:
        out = out + b.view(1, -1, 1, 1)
    return out


def cca_forward(x, value, proj, scale, T):
    """The official forward's attention part; returns out_H + out_W for the given value tensor."""
    m_batchsize, _, height, width = x.size()
    wq, bq, wk, bk = proj
    proj_query = conv1x1(x, wq, bq)
    proj_query_H = proj_query.permute(0, 3, 1, 2).contiguous().view(m_batchsize * width, -1, height).permute(0, 2, 1)
    proj_query_W = proj_query.permute(0, 2, 1, 3).contiguous().view(m_batchsize * height, -1, width).permute(0, 2, 1)
    proj_key = conv1x1(x, wk, bk)
    proj_key_H = proj_key.permute(0, 3, 1, 2).contiguous().view(m_batchsize * width, -1, height)
    proj_key_W = proj_key.permute(0, 2, 1, 3).contiguous().view(m_batchsize * height, -1, width)
    proj_value = value
    proj_value_H = proj_value.permute(0, 3, 1, 2).contiguous().view(m_batchsize * width, -1, height)
    proj_value_W = proj_value.permute(0, 2, 1, 3).contiguous().view(m_batchsize * height, -1, width)
    # temperature / scale divide the content logits, never the INF mask
    energy_H = (torch.bmm(proj_query_H, proj_key_H) * scale / T + INF(m_batchsize, height, width)) \
        .view(m_batchsize, width, height, height).permute(0, 2, 1, 3)
    energy_W = (torch.bmm(proj_query_W, proj_key_W) * scale / T).view(m_batchsize, height, width, width)
    concate = torch.softmax(torch.cat([energy_H, energy_W], 3), dim=3)
    att_H = concate[:, :, :, 0:height].permute(0, 2, 1, 3).contiguous().view(m_batchsize * width, height, height)
    att_W = concate[:, :, :, height:height + width].contiguous().view(m_batchsize * height, width, width)
    out_H = torch.bmm(proj_value_H, att_H.permute(0, 2, 1)).view(m_batchsize, width, -1, height).permute(0, 2, 3, 1)
    out_W = torch.bmm(proj_value_W, att_W.permute(0, 2, 1)).view(m_batchsize, height, -1, width).permute(0, 2, 1, 3)
    return out_H + out_W


def one_hot_values(h, w):
    """Value tensor whose channel p is the indicator of pixel p: the output's channel p at u is A(u -> p)."""
    return torch.eye(h * w).view(1, h * w, h, w)


def attention_matrix(forward, x):
    """N x N matrix A[u, p] read off a forward pass run on one-hot values."""
    _, _, h, w = x.shape
    out = forward(x, one_hot_values(h, w))  # (1, N, H, W): out[0, p, u] = A(u -> p)
    return out[0].reshape(h * w, h * w).t().contiguous()


def ccnet_matrices(feats, passes, gamma, proj, scale, T):
    x = feats.unsqueeze(0)
    mats = []
    for _ in range(passes):
        fwd = lambda inp, val: cca_forward(inp, val, proj, scale, T)  # noqa: E731
        mats.append(attention_matrix(fwd, x))
        x = gamma * fwd(x, x) + x  # the official recurrence with v = x (shared weights)
    return mats


def ccnet_maps(feats, passes, gamma, proj, scale, T, queries, step=None, residual=False):
    c, h, w = feats.shape
    mats = ccnet_matrices(feats, passes, gamma, proj, scale, T)
    n = h * w
    if step is not None and step < passes:
        total = mats[step]
    elif residual:
        total = torch.eye(n)
        for a in reversed(mats):  # pass R leftmost
            total = total @ (gamma * a + torch.eye(n))
        total = total / (1 + gamma) ** passes
    else:
        total = torch.eye(n)
        for a in reversed(mats):
            total = total @ a
    return [{"weights": total[qr * w + qc].view(h, w)} for (qr, qc) in queries]


def proj_inputs(proj):
    wq, bq, wk, bk = proj
    d = {"wq": wq, "wk": wk}
    if bq is not None:
        d["bq"] = bq
        d["bk"] = bk
    return {"projections": d}


def random_proj(seed, d, c, bias=True):
    g = torch.Generator().manual_seed(seed)
    f = lambda *s: (torch.randn(*s, generator=g) * 0.5).to(torch.float32).to(torch.float64)  # noqa: E731
    return (f(d, c), f(d) if bias else None, f(d, c), f(d) if bias else None)


def ccnet_cases():
    cases, residual = [], []
    ident = (None, None, None, None)

    def add(name, feats, queries, passes=2, gamma=1.0, proj=ident, scale=1.0, T=1.0, step=None, scale_setting=None):
        settings = {"passes": passes, "gamma": gamma, "temperature": T}
        if scale_setting is not None:
            settings["scale"] = scale_setting
        if step is not None:
            settings["step"] = step
        inputs = proj_inputs(proj) if proj[0] is not None else {}
        cases.append(case(name, "criss-cross", feats, queries,
                          ccnet_maps(feats, passes, gamma, proj, scale, T, queries, step), settings, inputs))

    corners = lambda h, w: [(0, 0), (0, w - 1), (h - 1, 0), (h - 1, w - 1)]  # noqa: E731
    f57 = features(11, 4, 5, 7, scale=0.7)
    add("cc R=2 5x7 corners", f57, corners(5, 7) + [(2, 3), (0, 3), (4, 1)])
    add("cc R=1 5x7", f57, [(0, 0), (2, 3), (4, 6)], passes=1)
    add("cc R=3 gamma 0.5 5x7", f57, [(0, 0), (2, 3), (3, 6)], passes=3, gamma=0.5)
    add("cc R=3 gamma 2 5x7", f57, [(1, 5), (4, 0)], passes=3, gamma=2.0)
    add("cc R=4 gamma 0.7 T 1.5 5x7", f57, [(2, 2)], passes=4, gamma=0.7, T=1.5)
    f64 = features(12, 3, 6, 4)
    add("cc R=2 T 0.5 6x4", f64, [(5, 3), (0, 2), (3, 0)], T=0.5)
    add("cc R=2 gamma 3 6x4", f64, [(1, 1), (5, 0)], gamma=3.0)
    add("cc R=2 scale 0.3 6x4", f64, [(2, 1)], scale=0.3, scale_setting=0.3)
    f31 = features(13, 2, 3, 1)
    add("cc R=2 3x1 column", f31, [(0, 0), (2, 0)])
    f19 = features(14, 2, 1, 9)
    add("cc R=3 1x9 row", f19, [(0, 0), (0, 4)], passes=3)
    f33 = features(15, 6, 3, 3)
    proj = random_proj(16, 2, 6)
    add("cc R=2 projections 3x3", f33, [(0, 0), (1, 1), (2, 1)], proj=proj)
    add("cc R=3 projections gamma 0.4 3x3", f33, [(1, 2)], passes=3, gamma=0.4, proj=proj)
    add("cc R=2 projections no bias T 2 3x3", f33, [(2, 2)], proj=random_proj(17, 3, 6, bias=False), T=2.0)
    # steps: pass r = A_r(u -> .) on u's cross
    add("cc step pass 1 of 2", f57, [(2, 3), (0, 6)], step=0)
    add("cc step pass 2 of 2", f57, [(2, 3), (0, 6)], step=1)
    add("cc step pass 2 of 3 gamma 0.5", f57, [(4, 4)], passes=3, gamma=0.5, step=1)
    add("cc step pass 3 of 3 gamma 0.5", f57, [(4, 4)], passes=3, gamma=0.5, step=2)
    add("cc step composed of 2", f64, [(1, 2)], step=2)

    def add_res(name, feats, queries, passes, gamma, proj=ident):
        settings = {"passes": passes, "gamma": gamma}
        inputs = proj_inputs(proj) if proj[0] is not None else {}
        residual.append(case(name, "criss-cross", feats, queries,
                             ccnet_maps(feats, passes, gamma, proj, 1.0, 1.0, queries, residual=True), settings, inputs))

    add_res("cc residual R=1", f57, [(2, 3)], 1, 1.0)
    add_res("cc residual R=2", f57, [(0, 0), (2, 3)], 2, 1.0)
    add_res("cc residual R=2 gamma 0.3", f64, [(5, 3)], 2, 0.3)
    add_res("cc residual R=3 gamma 0.5", f57, [(4, 1)], 3, 0.5)
    add_res("cc residual R=2 projections", f33, [(1, 0)], 2, 1.0, proj)
    return cases, residual


# ----------------------------------------------------------------------------------------------
# Axial-DeepLab


def axial_block(x, value, proj, rel, scale, T, width):
    """axialnet's AxialAttention.forward (groups = 1, no BatchNorm, identity or loaded q/k,
    v = the block input). `rel` is None or (rq, rk, rv) cut to (channels, 2L - 1) for this axis.
    Returns (output with the sve term, output for the given value tensor without it)."""
    if width:
        x = x.permute(0, 2, 1, 3)
        value = value.permute(0, 2, 1, 3)
    else:
        x = x.permute(0, 3, 1, 2)  # N, W, C, H
        value = value.permute(0, 3, 1, 2)
    N, W, C, H = x.shape
    x = x.contiguous().view(N * W, C, H)
    value = value.contiguous().view(N * W, -1, H)
    wq, bq, wk, bk = proj
    lin = lambda t, w_, b_: t if w_ is None else (torch.einsum("dc,bci->bdi", w_, t) + (0 if b_ is None else b_.view(1, -1, 1)))  # noqa: E731
    q = lin(x, wq, bq).unsqueeze(1)  # (NW, groups=1, d, H)
    k = lin(x, wk, bk).unsqueeze(1)
    v = x.unsqueeze(1)
    qk = torch.einsum("bgci, bgcj->bgij", q, k) * scale
    similarity_logits = qk
    sve_table = None
    if rel is not None:
        rq, rk, rv = rel
        kernel_size = H
        query_index = torch.arange(kernel_size).unsqueeze(0)
        key_index = torch.arange(kernel_size).unsqueeze(1)
        relative_index = key_index - query_index + kernel_size - 1
        flatten_index = relative_index.view(-1)
        if rq is not None:
            q_embedding = torch.index_select(rq, 1, flatten_index).view(rq.shape[0], kernel_size, kernel_size)
            similarity_logits = similarity_logits + torch.einsum("bgci,cij->bgij", q, q_embedding)
        if rk is not None:
            k_embedding = torch.index_select(rk, 1, flatten_index).view(rk.shape[0], kernel_size, kernel_size)
            similarity_logits = similarity_logits + torch.einsum("bgci,cij->bgij", k, k_embedding).transpose(2, 3)
        if rv is not None:
            sve_table = torch.index_select(rv, 1, flatten_index).view(rv.shape[0], kernel_size, kernel_size)
    similarity = torch.softmax(similarity_logits / T, dim=3)
    sv = torch.einsum("bgij,bgcj->bgci", similarity, v)
    if sve_table is not None:
        sv = sv + torch.einsum("bgij,cij->bgci", similarity, sve_table)
    sv_value = torch.einsum("bgij,bgcj->bgci", similarity, value.unsqueeze(1))

    def back(o):
        o = o.reshape(N, W, -1, H)
        return o.permute(0, 2, 1, 3) if width else o.permute(0, 2, 3, 1)
    return back(sv), back(sv_value)


def cut(table, length):
    """The centred (channels, 2L - 1) slice of a (channels, 2S - 1) table (S >= L)."""
    if table is None:
        return None
    s = (table.shape[-1] + 1) // 2
    return table[:, s - length: s + length - 1]


def axial_maps(feats, queries, passes, proj, tables, scale, T, step=None):
    c, h, w = feats.shape
    x = feats.unsqueeze(0)
    n = h * w
    eye = torch.eye(n).view(1, n, h, w)
    rel_h = rel_w = None
    if tables is not None:
        rel_h = tuple(cut(t[0] if t is not None and t.dim() == 3 else t, h) for t in tables)
        rel_w = tuple(cut(t[1] if t is not None and t.dim() == 3 else t, w) for t in tables)
    y, hot = axial_block(x, eye, proj, rel_h, scale, T, width=False)
    a_h = hot[0].reshape(n, n).t()  # A_H[u, p]
    _, hot_w = axial_block(y, eye, proj, rel_w, scale, T, width=True)
    a_w = hot_w[0].reshape(n, n).t()
    if passes == 1 or step == 0:
        total = a_h
    elif step == 1:
        total = a_w
    else:
        total = a_w @ a_h
    return [{"weights": total[qr * w + qc].view(h, w)} for (qr, qc) in queries]


def axial_cases():
    cases = []
    ident = (None, None, None, None)

    def add(name, feats, queries, passes=None, proj=ident, tables=None, scale=1.0, T=1.0, step=None, scale_setting=None):
        settings = {"temperature": T}
        if passes is not None:
            settings["passes"] = passes
        if scale_setting is not None:
            settings["scale"] = scale_setting
        if step is not None:
            settings["step"] = step
        inputs = proj_inputs(proj) if proj[0] is not None else {}
        if tables is not None:
            inputs["axialTables"] = {k: v for k, v in zip(("rq", "rk", "rv"), tables) if v is not None}
        cases.append(case(name, "axial", feats, queries,
                          axial_maps(feats, queries, passes or 2, proj, tables, scale, T, step), settings, inputs))

    f57 = features(21, 4, 5, 7, scale=0.7)
    corners = [(0, 0), (0, 6), (4, 0), (4, 6), (2, 3), (0, 2), (3, 6)]
    add("axial composed 5x7", f57, corners)
    add("axial passes 1 5x7", f57, [(0, 0), (2, 3), (4, 6)], passes=1)
    add("axial T 0.6 5x7", f57, [(1, 4), (4, 4)], T=0.6)
    add("axial scale 0.5 5x7", f57, [(3, 2)], scale=0.5, scale_setting=0.5)
    add("axial step height 5x7", f57, [(2, 3), (4, 0)], step=0)
    add("axial step width 5x7", f57, [(2, 3), (4, 0)], step=1)
    add("axial step composed 5x7", f57, [(2, 3)], step=2)
    f63 = features(22, 3, 6, 3)
    add("axial composed 6x3", f63, [(0, 0), (5, 2), (3, 1)])
    f33 = features(23, 6, 3, 3)
    proj = random_proj(24, 2, 6)
    add("axial projections 3x3", f33, [(0, 0), (1, 1), (2, 2)], proj=proj)
    add("axial projections T 2 3x3", f33, [(2, 0)], proj=random_proj(25, 3, 6, bias=False), T=2.0)
    g = torch.Generator().manual_seed(26)
    t = lambda *s: (torch.randn(*s, generator=g) * 0.4).to(torch.float32).to(torch.float64)  # noqa: E731
    # shared (d, 2L - 1) tables, L = max(H, W) = 7; the height axis (5) reads them around the centre
    add("axial tables shared 5x7", f57, [(0, 0), (2, 3), (4, 6)], tables=(t(4, 13), t(4, 13), t(4, 13)))
    # per-axis (2, d, 2S - 1) tables with S = 9 > both axes, temperature
    add("axial tables per-axis 5x7 T 1.3", f57, [(1, 1), (4, 5)], tables=(t(2, 4, 17), t(2, 4, 17), t(2, 4, 17)), T=1.3)
    # square map where S = L exactly (axialnet's own kernel_size layout), only rq and rv
    f44 = features(27, 3, 4, 4)
    add("axial tables rq rv 4x4", f44, [(0, 3), (2, 1)], tables=(t(3, 7), None, t(3, 7)))
    add("axial tables rk height pass 4x4", f44, [(3, 3)], tables=(None, t(3, 7), None), passes=1)
    # tables with projections: rq, rk have the head dimension d, rv the value channels C
    add("axial tables projections 3x3", f33, [(1, 2)], proj=proj, tables=(t(2, 5), t(2, 5), t(6, 5)))
    return cases


if __name__ == "__main__":
    cc, cc_res = ccnet_cases()
    write_cases("criss_cross", cc)
    write_cases("criss_cross_residual", cc_res)
    write_cases("axial", axial_cases())
