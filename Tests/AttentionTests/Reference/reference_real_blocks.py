"""Reference maps for real blocks' inputs (issue 13): CCNet with its value projection, DAT
with G offset groups and its position bias, and axialnet's AxialBlock (height then width
attention, each its own AxialAttention).

The official repositories are not on PyPI, so this script builds small stand-ins of our own
that follow their forward passes line by line (batch 1, float64, seeded random weights on
small maps), and reads the attention off the modules' own softmax with forward hooks:

- CCNet: speedinghzl/CCNet `cc_attention/functions.py`, `CrissCrossAttention.forward`
  (query_conv, key_conv, value_conv, energy_H with the INF diagonal, energy_W, one softmax over
  the H + W entries, out_H + out_W, `gamma * (out_H + out_W) + x`), run R times as
  `networks/ccnet.py` `RCCAModule.forward` does (`for i in range(recurrence): output =
  self.cca(output)`: one module, shared weights). The softmax is a module (`self.softmax`), as in
  the official code, and is hooked.
- DAT: LeapLabTHU/DAT `models/dat_blocks.py`, `DAttentionBaseline.forward` with
  `_get_ref_points` and `_get_q_grid`, `use_pe` with the rpe_table branch (grid_sample of the
  (heads, 2H-1, 2W-1) table at (q_grid - pos) * 0.5) or the `fixed_pe` branch (a dense
  (heads, HW, Ns) bias). `conv_offset` is replaced by a module that returns given raw offsets
  (the Swift side reads them from the offsets file); `F.softmax(attn, dim=2)` is a module
  `nn.Softmax(dim=2)` here so it can be hooked; einops' rearranges are written as reshapes.

What the vectors hold (docs/mechanisms.md):
- criss-cross: pass r's N x N matrix A_r from the hooked softmax of pass r (the real recurrence,
  values Wv x + bv in between); the composed map is row u of A_R ... A_1, the residual view row u
  of prod (gamma A_r + I) / (1 + gamma)^R. The script also checks (assertion) what the composed map
  is in terms of the real recurrence: with the softmax outputs held fixed (a hook that detaches
  them), autograd's Jacobian of x^(R) w.r.t. x^(0) is prod_r (gamma A_r (x) Wv + I), so its route
  through attention in every pass is gamma^R Wv^R times the composed map.
- dat: the hooked softmax row of head h and query u; the map spreads a_n 1/G over the G points
  (the gradient of sum_n a_n grid_sample(z, pos_g)(n) w.r.t. a 1-channel map z, averaged over g).
- axial: csrhddlam/axial-deeplab `lib/models/axialnet.py`, `AxialAttention.forward` line by line
  (qkv_transform, the per-group q/k/v split, the `relative` gather with `flatten_index`, the qr /
  kr / qk einsums, the softmax over dim 3, sv + sve), two of them as `AxialBlock.forward` chains
  `hight_block` and `width_block`; both softmaxes hooked. The height view is head h's A_H, the
  width view head h's A_W, the composed map A_W^h(u -> (i, w)) times the heads' mean
  A_H^g((i, w) -> (h, w)) (group g makes 1/G of the width block's input channels).

Writes ../Vectors/criss_cross_values.json, ../Vectors/criss_cross_values_residual.json,
../Vectors/dat_groups.json, ../Vectors/axial_block.json.
Run: /root/.cache/attnscope-exporter-venv/bin/python Tests/AttentionTests/Reference/reference_real_blocks.py
"""
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import case, features, write_cases  # noqa: E402


def f32(t):
    """Float32-representable float64 (so Swift reads the very numbers used here)."""
    return t.detach().to(torch.float32).to(torch.float64)


def seeded_(module, seed, std=0.5):
    """Seeded normal weights (float32-representable) for every parameter of `module`."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(f32(torch.randn(p.shape, generator=g) * std))
    return module


# ------------------------------------------------------------------------------------------- CCNet


def INF(B, H, W):
    # functions.py's INF, on the CPU.
    return -torch.diag(torch.tensor(float("inf")).repeat(H), 0).unsqueeze(0).repeat(B * W, 1, 1)


class CrissCrossAttention(nn.Module):
    """Stand-in for CCNet's CrissCrossAttention; `qk_dim` is what CCNet sets to in_dim // 8."""

    def __init__(self, in_dim, qk_dim):
        super().__init__()
        self.query_conv = nn.Conv2d(in_channels=in_dim, out_channels=qk_dim, kernel_size=1)
        self.key_conv = nn.Conv2d(in_channels=in_dim, out_channels=qk_dim, kernel_size=1)
        self.value_conv = nn.Conv2d(in_channels=in_dim, out_channels=in_dim, kernel_size=1)
        self.softmax = nn.Softmax(dim=3)
        self.INF = INF
        self.gamma = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        m_batchsize, _, height, width = x.size()
        proj_query = self.query_conv(x)
        proj_query_H = proj_query.permute(0, 3, 1, 2).contiguous().view(m_batchsize * width, -1, height).permute(0, 2, 1)
        proj_query_W = proj_query.permute(0, 2, 1, 3).contiguous().view(m_batchsize * height, -1, width).permute(0, 2, 1)
        proj_key = self.key_conv(x)
        proj_key_H = proj_key.permute(0, 3, 1, 2).contiguous().view(m_batchsize * width, -1, height)
        proj_key_W = proj_key.permute(0, 2, 1, 3).contiguous().view(m_batchsize * height, -1, width)
        proj_value = self.value_conv(x)
        proj_value_H = proj_value.permute(0, 3, 1, 2).contiguous().view(m_batchsize * width, -1, height)
        proj_value_W = proj_value.permute(0, 2, 1, 3).contiguous().view(m_batchsize * height, -1, width)
        energy_H = (torch.bmm(proj_query_H, proj_key_H) + self.INF(m_batchsize, height, width)) \
            .view(m_batchsize, width, height, height).permute(0, 2, 1, 3)
        energy_W = torch.bmm(proj_query_W, proj_key_W).view(m_batchsize, height, width, width)
        concate = self.softmax(torch.cat([energy_H, energy_W], 3))
        att_H = concate[:, :, :, 0:height].permute(0, 2, 1, 3).contiguous().view(m_batchsize * width, height, height)
        att_W = concate[:, :, :, height:height + width].contiguous().view(m_batchsize * height, width, width)
        out_H = torch.bmm(proj_value_H, att_H.permute(0, 2, 1)).view(m_batchsize, width, -1, height).permute(0, 2, 3, 1)
        out_W = torch.bmm(proj_value_W, att_W.permute(0, 2, 1)).view(m_batchsize, height, -1, width).permute(0, 2, 1, 3)
        return self.gamma * (out_H + out_W) + x


def recurrence(cca, x, passes):
    """RCCAModule.forward's loop: the same module `passes` times."""
    out = x
    for _ in range(passes):
        out = cca(out)
    return out


def cross_matrix(concate):
    """The N x N matrix A[p, m] of one pass from its softmax output (B=1, H, W, H + W)."""
    _, h, w, _ = concate.shape
    a = torch.zeros(h * w, h * w, dtype=concate.dtype)
    for i in range(h):
        for j in range(w):
            p = i * w + j
            for r in range(h):
                a[p, r * w + j] += concate[0, i, j, r]
            for c in range(w):
                a[p, i * w + c] += concate[0, i, j, h + c]
    return a


def ccnet(feats, passes, gamma, qk_dim, seed):
    c, h, w = feats.shape
    cca = seeded_(CrissCrossAttention(c, qk_dim), seed).double()
    with torch.no_grad():
        cca.gamma.fill_(gamma)
    captured = []
    hook = cca.softmax.register_forward_hook(lambda m, i, o: captured.append(o.detach().clone()))
    with torch.no_grad():
        recurrence(cca, feats[None], passes)
    hook.remove()
    mats = [cross_matrix(o) for o in captured]
    check_jacobian(cca, feats, passes, gamma, mats)
    inputs = {"projections": {
        "wq": cca.query_conv.weight[:, :, 0, 0], "bq": cca.query_conv.bias,
        "wk": cca.key_conv.weight[:, :, 0, 0], "bk": cca.key_conv.bias,
        "wv": cca.value_conv.weight[:, :, 0, 0], "bv": cca.value_conv.bias}}
    return mats, inputs, cca


def check_jacobian(cca, feats, passes, gamma, mats):
    """With the softmax outputs held fixed, d x^(R) / d x^(0) = prod_r (gamma A_r (x) Wv + I)."""
    c, h, w = feats.shape
    n = h * w
    hook = cca.softmax.register_forward_hook(lambda m, i, o: o.detach())
    jac = torch.autograd.functional.jacobian(lambda x: recurrence(cca, x[None], passes)[0], feats)
    hook.remove()
    jac = jac.permute(1, 2, 0, 4, 5, 3).reshape(n * c, n * c)  # [(u, c_out), (p, c_in)]
    wv = cca.value_conv.weight[:, :, 0, 0].detach()
    total = torch.eye(n * c)
    for a in reversed(mats):  # pass R leftmost
        total = total @ (gamma * torch.kron(a, wv) + torch.eye(n * c))
    assert torch.allclose(jac, total, atol=1e-9), float((jac - total).abs().max())


def compose(mats, step, residual, gamma):
    n = mats[0].shape[0]
    if step is not None and step < len(mats):
        return mats[step]
    total = torch.eye(n)
    for a in reversed(mats):
        total = total @ ((gamma * a + torch.eye(n)) if residual else a)
    return total / (1 + gamma) ** len(mats) if residual else total


def ccnet_cases():
    cases, residual = [], []

    def add(name, feats, queries, passes=2, gamma=1.0, qk_dim=2, seed=0, step=None, into=cases, is_residual=False):
        c, h, w = feats.shape
        mats, inputs, _ = ccnet(feats, passes, gamma, qk_dim, seed)
        total = compose(mats, step, is_residual, gamma)
        settings = {"passes": passes, "gamma": gamma}
        if step is not None:
            settings["step"] = step
        expected = [{"weights": total[r * w + col].view(h, w)} for (r, col) in queries]
        into.append(case(name, "criss-cross", feats, queries, expected, settings, inputs))

    f57 = features(101, 4, 5, 7, scale=0.7)
    edges = [(0, 0), (0, 6), (4, 0), (4, 6), (2, 3), (0, 3), (2, 0)]
    add("cc values R=2 5x7", f57, edges, seed=1)
    add("cc values R=1 5x7", f57, [(0, 0), (2, 3)], passes=1, seed=1)
    add("cc values R=3 gamma 0.5 5x7", f57, [(0, 6), (2, 3), (4, 1)], passes=3, gamma=0.5, seed=2)
    add("cc values R=4 gamma 0.8 qk 3", f57, [(3, 5)], passes=4, gamma=0.8, qk_dim=3, seed=3)
    f64 = features(102, 8, 6, 4)
    add("cc values R=2 gamma 2 6x4 C8", f64, [(5, 3), (0, 0), (3, 1)], gamma=2.0, seed=4)
    add("cc values step pass 1 of 2", f64, [(2, 2)], step=0, seed=4)
    add("cc values step pass 2 of 2", f64, [(2, 2), (5, 0)], step=1, seed=4)
    add("cc values step pass 3 of 3", f57, [(1, 4)], passes=3, gamma=0.5, step=2, seed=2)
    add("cc values residual R=2", f57, [(0, 0), (2, 3)], seed=1, into=residual, is_residual=True)
    add("cc values residual R=3 gamma 0.5", f64, [(4, 2)], passes=3, gamma=0.5, seed=4, into=residual, is_residual=True)
    return cases, residual


# --------------------------------------------------------------------------------------------- DAT


class FixedOffsets(nn.Module):
    """In place of `conv_offset`: returns the given raw offsets (B*g, 2, Hk, Wk)."""

    def __init__(self, offsets):
        super().__init__()
        self.offsets = offsets

    def forward(self, q_off):
        return self.offsets.clone()


class DAttentionBaseline(nn.Module):
    """Stand-in for DAT's DAttentionBaseline (no dropout, no dwc_pe / log_cpb branches)."""

    def __init__(self, q_size, n_heads, n_head_channels, n_groups, offsets, offset_range_factor, pe):
        super().__init__()
        self.n_head_channels = n_head_channels
        self.scale = self.n_head_channels ** -0.5
        self.n_heads = n_heads
        self.q_h, self.q_w = q_size
        self.nc = n_head_channels * n_heads
        self.n_groups = n_groups
        self.n_group_channels = self.nc // self.n_groups
        self.n_group_heads = self.n_heads // self.n_groups
        self.offset_range_factor = offset_range_factor
        self.pe = pe  # None, "table" (the rpe_table branch) or "fixed" (fixed_pe)
        self.conv_offset = FixedOffsets(offsets)
        self.proj_q = nn.Conv2d(self.nc, self.nc, kernel_size=1, stride=1, padding=0)
        self.proj_k = nn.Conv2d(self.nc, self.nc, kernel_size=1, stride=1, padding=0)
        self.proj_v = nn.Conv2d(self.nc, self.nc, kernel_size=1, stride=1, padding=0)
        self.proj_out = nn.Conv2d(self.nc, self.nc, kernel_size=1, stride=1, padding=0)
        hk, wk = offsets.shape[2], offsets.shape[3]
        if pe == "table":
            self.rpe_table = nn.Parameter(torch.zeros(self.n_heads, self.q_h * 2 - 1, self.q_w * 2 - 1))
        elif pe == "fixed":
            self.rpe_table = nn.Parameter(torch.zeros(self.n_heads, self.q_h * self.q_w, hk * wk))
        self.softmax = nn.Softmax(dim=2)

    @torch.no_grad()
    def _get_ref_points(self, H_key, W_key, B, dtype, device):
        ref_y, ref_x = torch.meshgrid(
            torch.linspace(0.5, H_key - 0.5, H_key, dtype=dtype, device=device),
            torch.linspace(0.5, W_key - 0.5, W_key, dtype=dtype, device=device), indexing="ij")
        ref = torch.stack((ref_y, ref_x), -1)
        ref[..., 1].div_(W_key - 1.0).mul_(2.0).sub_(1.0)
        ref[..., 0].div_(H_key - 1.0).mul_(2.0).sub_(1.0)
        return ref[None, ...].expand(B * self.n_groups, -1, -1, -1)

    @torch.no_grad()
    def _get_q_grid(self, H, W, B, dtype, device):
        ref_y, ref_x = torch.meshgrid(
            torch.arange(0, H, dtype=dtype, device=device),
            torch.arange(0, W, dtype=dtype, device=device), indexing="ij")
        ref = torch.stack((ref_y, ref_x), -1)
        ref[..., 1].div_(W - 1.0).mul_(2.0).sub_(1.0)
        ref[..., 0].div_(H - 1.0).mul_(2.0).sub_(1.0)
        return ref[None, ...].expand(B * self.n_groups, -1, -1, -1)

    def forward(self, x):
        B, C, H, W = x.size()
        dtype, device = x.dtype, x.device
        q = self.proj_q(x)
        q_off = q.reshape(B * self.n_groups, self.n_group_channels, H, W)  # 'b (g c) h w -> (b g) c h w'
        offset = self.conv_offset(q_off).contiguous()
        Hk, Wk = offset.size(2), offset.size(3)
        n_sample = Hk * Wk
        if self.offset_range_factor >= 0:
            offset_range = torch.tensor([1.0 / (Hk - 1.0), 1.0 / (Wk - 1.0)], device=device, dtype=dtype).reshape(1, 2, 1, 1)
            offset = offset.tanh().mul(offset_range).mul(self.offset_range_factor)
        offset = offset.permute(0, 2, 3, 1)  # 'b p h w -> b h w p'
        reference = self._get_ref_points(Hk, Wk, B, dtype, device)
        if self.offset_range_factor >= 0:
            pos = offset + reference
        else:
            pos = (offset + reference).clamp(-1., +1.)
        x_sampled = F.grid_sample(input=x.reshape(B * self.n_groups, self.n_group_channels, H, W),
                                  grid=pos[..., (1, 0)], mode="bilinear", align_corners=True)
        x_sampled = x_sampled.reshape(B, C, 1, n_sample)
        q = q.reshape(B * self.n_heads, self.n_head_channels, H * W)
        k = self.proj_k(x_sampled).reshape(B * self.n_heads, self.n_head_channels, n_sample)
        v = self.proj_v(x_sampled).reshape(B * self.n_heads, self.n_head_channels, n_sample)
        attn = torch.einsum("b c m, b c n -> b m n", q, k)
        attn = attn.mul(self.scale)
        if self.pe == "fixed":
            attn_bias = self.rpe_table[None, ...].expand(B, -1, -1, -1)
            attn = attn + attn_bias.reshape(B * self.n_heads, H * W, n_sample)
        elif self.pe == "table":
            rpe_bias = self.rpe_table[None, ...].expand(B, -1, -1, -1)
            q_grid = self._get_q_grid(H, W, B, dtype, device)
            displacement = (q_grid.reshape(B * self.n_groups, H * W, 2).unsqueeze(2)
                            - pos.reshape(B * self.n_groups, n_sample, 2).unsqueeze(1)).mul(0.5)
            attn_bias = F.grid_sample(  # 'b (g c) h w -> (b g) c h w'
                input=rpe_bias.reshape(B * self.n_groups, self.n_group_heads, 2 * H - 1, 2 * W - 1),
                grid=displacement[..., (1, 0)], mode="bilinear", align_corners=True)
            attn_bias = attn_bias.reshape(B * self.n_heads, H * W, n_sample)
            attn = attn + attn_bias
        attn = self.softmax(attn)
        out = torch.einsum("b m n, b c n -> b c m", attn, v)
        out = out.reshape(B, C, H, W)
        y = self.proj_out(out)
        return y, pos.reshape(B, self.n_groups, Hk, Wk, 2), reference.reshape(B, self.n_groups, Hk, Wk, 2)


def spread_map(a, pos, h, w):
    """(1/G) sum_g of the gradient of sum_n a_n grid_sample(z, pos_g)(n) w.r.t. a map z (H x W)."""
    g = pos.shape[0]
    total = torch.zeros(h, w)
    for group in range(g):
        z = torch.zeros(1, 1, h, w, requires_grad=True)
        s = F.grid_sample(z, pos[group][None][..., (1, 0)], mode="bilinear", align_corners=True)  # (1, 1, Hk, Wk)
        (s.flatten() * a).sum().backward()
        total += z.grad[0, 0] / g
    return total


def dat_case(name, feats, queries, heads, groups, hk, wk, f, pe=None, heads_shown=(0,), seed=0,
             use_positions=False):
    c, h, w = feats.shape
    gen = torch.Generator().manual_seed(seed + 1000)
    offsets = f32((torch.rand(groups, 2, hk, wk, generator=gen) * 2 - 1) * (0.6 if f < 0 else 2.0))
    block = DAttentionBaseline((h, w), heads, c // heads, groups, offsets, f, pe)
    seeded_(block, seed)
    block = block.double()
    with torch.no_grad():
        if pe is not None:  # biases of a visible size (trunc_normal std 0.01 would barely show)
            block.rpe_table.copy_(f32(torch.randn(block.rpe_table.shape, generator=gen) * 0.8))
    captured = []
    hook = block.softmax.register_forward_hook(lambda m, i, o: captured.append(o.detach().clone()))
    with torch.no_grad():
        _, pos, _ = block(feats[None])
    hook.remove()
    attn = captured[0]  # (heads, HW, Ns)
    pos = pos[0]  # (G, Hk, Wk, 2)
    wq = block.proj_q.weight[:, :, 0, 0].reshape(heads, c // heads, c)
    wk_ = block.proj_k.weight[:, :, 0, 0].reshape(heads, c // heads, c)
    projections = {"wq": wq, "bq": block.proj_q.bias.reshape(heads, -1),
                   "wk": wk_, "bk": block.proj_k.bias.reshape(heads, -1)}
    inputs = {"projections": projections}
    if use_positions:
        inputs["positions"] = pos[None]  # (1, G, Hk, Wk, 2), as the forward returns it
    else:
        inputs["offsets"] = offsets  # (G, 2, Hk, Wk), conv_offset's output for batch 1
    if pe is not None:
        inputs["relativeBias"] = block.rpe_table
    out = []
    py = (pos[..., 0] + 1) / 2 * (h - 1)
    px = (pos[..., 1] + 1) / 2 * (w - 1)
    for head in heads_shown:
        expected = []
        for (r, col) in queries:
            a = attn[head, r * w + col]
            m = spread_map(a, pos, h, w)
            samples = [(float(py[g].flatten()[n]), float(px[g].flatten()[n]), float(a[n]) / groups)
                       for g in range(groups) for n in range(hk * wk)]
            expected.append({"weights": m, "offImage": 1.0 - float(m.sum()), "samples": samples})
        settings = {"offsetRange": f, "head": head}
        out.append(case(f"{name} head {head}", "dat", feats, queries, expected, settings, inputs))
    return out


def dat_cases():
    cases = []
    f = features(201, 8, 6, 7, scale=0.8)
    edges = [(0, 0), (0, 6), (5, 0), (5, 6), (2, 3), (0, 3), (3, 0)]
    cases += dat_case("dat G=2 offsets clamp", f, edges, heads=4, groups=2, hk=3, wk=4, f=-1.0, heads_shown=(0, 3), seed=1)
    cases += dat_case("dat G=2 offsets tanh f2", f, edges[:4], heads=2, groups=2, hk=3, wk=3, f=2.0, heads_shown=(1,), seed=2)
    cases += dat_case("dat G=2 positions", f, edges[:3], heads=2, groups=2, hk=2, wk=3, f=-1.0, heads_shown=(0, 1), seed=3,
                      use_positions=True)
    cases += dat_case("dat G=1 rpe_table", f, edges, heads=2, groups=1, hk=3, wk=3, f=-1.0, pe="table", heads_shown=(0, 1), seed=4)
    cases += dat_case("dat G=2 rpe_table", f, edges, heads=4, groups=2, hk=3, wk=4, f=-1.0, pe="table", heads_shown=(1, 2), seed=5)
    cases += dat_case("dat G=2 dense bias", f, edges, heads=4, groups=2, hk=2, wk=3, f=-1.0, pe="fixed", heads_shown=(0, 3), seed=6)
    return cases


# ---------------------------------------------------------------------------------- Axial-DeepLab


class AxialAttention(nn.Module):
    """Stand-in for axialnet's AxialAttention (stride 1). The BatchNorms are identities: the
    exporter folds the eval-mode bn_qkv into the projections (hence a bias on qkv_transform,
    which the official module leaves out) and bn_similarity / bn_output into them and the tables."""

    def __init__(self, in_planes, out_planes, groups, kernel_size, width=False, batchnorm=False):
        super().__init__()
        self.in_planes = in_planes
        self.out_planes = out_planes
        self.groups = groups
        self.group_planes = out_planes // groups
        self.kernel_size = kernel_size
        self.width = width
        self.qkv_transform = nn.Conv1d(in_planes, out_planes * 2, kernel_size=1, stride=1, padding=0, bias=True)
        # With `batchnorm`, axialnet's own eval-mode BatchNorms (folded by `fold` below, as the
        # exporter folds them); else identities.
        self.bn_qkv = nn.BatchNorm1d(out_planes * 2) if batchnorm else nn.Identity()
        self.bn_similarity = nn.BatchNorm2d(groups * 3) if batchnorm else nn.Identity()
        self.bn_output = nn.BatchNorm1d(out_planes * 2) if batchnorm else nn.Identity()
        self.relative = nn.Parameter(torch.randn(self.group_planes * 2, kernel_size * 2 - 1))
        query_index = torch.arange(kernel_size).unsqueeze(0)
        key_index = torch.arange(kernel_size).unsqueeze(1)
        relative_index = key_index - query_index + kernel_size - 1
        self.register_buffer("flatten_index", relative_index.view(-1))
        self.softmax = nn.Softmax(dim=3)  # F.softmax(stacked_similarity, dim=3) in axialnet

    def forward(self, x):
        if self.width:
            x = x.permute(0, 2, 1, 3)
        else:
            x = x.permute(0, 3, 1, 2)  # N, W, C, H
        N, W, C, H = x.shape
        x = x.contiguous().view(N * W, C, H)
        qkv = self.bn_qkv(self.qkv_transform(x))
        q, k, v = torch.split(qkv.reshape(N * W, self.groups, self.group_planes * 2, H),
                              [self.group_planes // 2, self.group_planes // 2, self.group_planes], dim=2)
        all_embeddings = torch.index_select(self.relative, 1, self.flatten_index).view(self.group_planes * 2, self.kernel_size, self.kernel_size)
        q_embedding, k_embedding, v_embedding = torch.split(all_embeddings, [self.group_planes // 2, self.group_planes // 2, self.group_planes], dim=0)
        qr = torch.einsum("bgci,cij->bgij", q, q_embedding)
        kr = torch.einsum("bgci,cij->bgij", k, k_embedding).transpose(2, 3)
        qk = torch.einsum("bgci, bgcj->bgij", q, k)
        stacked_similarity = torch.cat([qk, qr, kr], dim=1)
        stacked_similarity = self.bn_similarity(stacked_similarity).view(N * W, 3, self.groups, H, H).sum(dim=1)
        similarity = self.softmax(stacked_similarity)
        sv = torch.einsum("bgij,bgcj->bgci", similarity, v)
        sve = torch.einsum("bgij,cij->bgci", similarity, v_embedding)
        stacked_output = torch.cat([sv, sve], dim=-1).view(N * W, self.out_planes * 2, H)
        output = self.bn_output(stacked_output).view(N, W, self.out_planes, 2, H).sum(dim=-2)
        if self.width:
            output = output.permute(0, 2, 1, 3)
        else:
            output = output.permute(0, 2, 3, 1)
        return output


class AxialBlockAttention(nn.Module):
    """AxialBlock's attention part: `out = self.width_block(self.hight_block(out))` (the 1x1
    convolutions, BatchNorms and ReLU around them are outside what attnscope draws: `features`
    is the hight_block input). axialnet passes one kernel_size to both; a non-square map needs
    each block's own axis length, which the module itself allows."""

    def __init__(self, planes, groups, height, width, batchnorm=False):
        super().__init__()
        self.hight_block = AxialAttention(planes, planes, groups=groups, kernel_size=height, batchnorm=batchnorm)
        self.width_block = AxialAttention(planes, planes, groups=groups, kernel_size=width, width=True, batchnorm=batchnorm)

    def forward(self, x):
        return self.width_block(self.hight_block(x))


def bn_affine(bn):
    """An eval-mode BatchNorm as y = a * x + b per channel (identity: None)."""
    if isinstance(bn, nn.Identity):
        return None
    a = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    return a.detach(), (bn.bias - bn.running_mean * a).detach()


def fold(att, span):
    """One AxialAttention's tensors in attnscope's layout, its eval-mode BatchNorms folded in:
    bn_qkv into the q/k/v rows and biases; bn_similarity's per-group scales of qk into q and of
    qr, kr into per-head rq, rk (its shifts are constant along each softmax row); bn_output's
    sv scale and both shifts into v, its sve scale into per-head rv. Returns wq, bq, wk, bk, wv, bv
    as (G, ., C) / (G, .) and rq, rk, rv as (G, rows, 2*span - 1)."""
    g, gp = att.groups, att.group_planes
    weight, bias = att.qkv_transform.weight[:, :, 0].detach(), att.qkv_transform.bias.detach()
    qkv_bn = bn_affine(att.bn_qkv)
    if qkv_bn is not None:
        weight, bias = qkv_bn[0][:, None] * weight, qkv_bn[0] * bias + qkv_bn[1]
    weight, bias = weight.reshape(g, 2 * gp, -1), bias.reshape(g, 2 * gp)
    wq, bq, wk, bk = weight[:, :gp // 2], bias[:, :gp // 2], weight[:, gp // 2:gp], bias[:, gp // 2:gp]
    wv, bv = weight[:, gp:], bias[:, gp:]
    rel = padded_table(att.relative.detach(), span)
    rq, rk, rv = [t.expand(g, -1, -1).clone() for t in (rel[:gp // 2], rel[gp // 2:gp], rel[gp:])]
    sim_bn = bn_affine(att.bn_similarity)
    if sim_bn is not None:
        a_qk, a_qr, a_kr = sim_bn[0][:g], sim_bn[0][g:2 * g], sim_bn[0][2 * g:]
        wq, bq = a_qk[:, None, None] * wq, a_qk[:, None] * bq
        rq = (a_qr / a_qk)[:, None, None] * rq
        rk = a_kr[:, None, None] * rk
    out_bn = bn_affine(att.bn_output)
    if out_bn is not None:
        a, b = out_bn[0].reshape(g, gp, 2), out_bn[1].reshape(g, gp, 2)
        wv, bv = a[:, :, 0, None] * wv, a[:, :, 0] * bv + b[:, :, 0] + b[:, :, 1]
        rv = a[:, :, 1, None] * rv
    return wq, bq, wk, bk, wv, bv, rq, rk, rv


def padded_table(t, span):
    """A (rows, 2L - 1) table centred in a (rows, 2S - 1) one (zeros outside), S = span."""
    length = (t.shape[1] + 1) // 2
    out = torch.zeros(t.shape[0], 2 * span - 1)
    out[:, span - length: span + length - 1] = t
    return out


def axial_case(name, feats, queries, groups, heads_shown, seed, tables=True, passes=2, steps=(None,), batchnorm=False):
    c, h, w = feats.shape
    block = seeded_(AxialBlockAttention(c, groups, h, w, batchnorm), seed).double()
    if batchnorm:  # running statistics of a visible size (seeded_ set weight, bias; var must be > 0)
        gen = torch.Generator().manual_seed(seed + 7)
        for bn in [m for m in block.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]:
            bn.running_mean.copy_(f32(torch.randn(bn.running_mean.shape, generator=gen) * 0.3))
            bn.running_var.copy_(f32(torch.rand(bn.running_var.shape, generator=gen) + 0.5))
        block.eval()
    if not tables:
        with torch.no_grad():
            block.hight_block.relative.zero_()
            block.width_block.relative.zero_()
    captured = {}
    hooks = [block.hight_block.softmax.register_forward_hook(lambda m, i, o: captured.__setitem__("h", o.detach().clone())),
             block.width_block.softmax.register_forward_hook(lambda m, i, o: captured.__setitem__("w", o.detach().clone()))]
    with torch.no_grad():
        block(feats[None])
    for hook in hooks:
        hook.remove()
    sim_h, sim_w = captured["h"], captured["w"]  # (W, G, H, H): [col, g, i, h]; (H, G, W, W): [row, g, j, w]
    span = max(h, w)
    wq, bq, wk, bk, wv, bv, *rel_h = fold(block.hight_block, span)
    wq2, bq2, wk2, bk2, _, _, *rel_w = fold(block.width_block, span)
    inputs = {"projections": {"wq": wq, "bq": bq, "wk": wk, "bk": bk, "wv": wv, "bv": bv,
                              "wq2": wq2, "bq2": bq2, "wk2": wk2, "bk2": bk2}}
    if tables and batchnorm:  # per-head tables (2, G, rows, 2S - 1)
        inputs["axialTables"] = {n: torch.stack([a, b]) for n, a, b in zip(("rq", "rk", "rv"), rel_h, rel_w)}
    elif tables:  # axialnet's own shared tables (2, rows, 2S - 1)
        inputs["axialTables"] = {n: torch.stack([a[0], b[0]]) for n, a, b in zip(("rq", "rk", "rv"), rel_h, rel_w)}
    out = []
    for head in heads_shown:
        for step in steps:
            expected = []
            for (i, j) in queries:
                m = torch.zeros(h, w)
                if passes == 1 or step == 0:
                    m[:, j] = sim_h[j, head, i, :]
                elif step == 1:
                    m[i, :] = sim_w[i, head, j, :]
                else:
                    mean = sim_h[:, :, i, :].mean(dim=1)  # [col, h]: the heads' mean A_H((i, col) -> (h, col))
                    m = (sim_w[i, head, j, :][:, None] * mean).t()
                expected.append({"weights": m})
            settings = {"head": head, "passes": passes}
            if step is not None:
                settings["step"] = step
            label = f"{name} head {head}" + ("" if step is None else f" step {step}")
            out.append(case(label, "axial", feats, queries, expected, settings, inputs))
    return out


def axial_cases():
    cases = []
    f66 = features(301, 8, 6, 6, scale=0.8)
    edges = [(0, 0), (0, 5), (5, 0), (5, 5), (2, 3), (0, 2), (3, 0)]
    cases += axial_case("axial block G=2 tables 6x6", f66, edges, groups=2, heads_shown=(0, 1), seed=1, steps=(None, 0, 1))
    f57 = features(302, 8, 5, 7, scale=0.8)
    edges57 = [(0, 0), (0, 6), (4, 0), (4, 6), (2, 3), (0, 3), (2, 0)]
    cases += axial_case("axial block G=2 no tables 5x7", f57, edges57, groups=2, heads_shown=(1,), seed=2, tables=False)
    cases += axial_case("axial block G=1 tables 5x7", f57, edges57, groups=1, heads_shown=(0,), seed=3, steps=(None, 1))
    cases += axial_case("axial block G=4 tables 5x7", f57, edges57[:4], groups=4, heads_shown=(0, 3), seed=4)
    cases += axial_case("axial block G=2 height pass 5x7", f57, edges57[:4], groups=2, heads_shown=(1,), seed=5, passes=1)
    cases += axial_case("axial block G=2 BatchNorms folded 6x6", f66, edges, groups=2, heads_shown=(0, 1), seed=6, steps=(None, 0, 1),
                        batchnorm=True)
    return cases


if __name__ == "__main__":
    torch.set_default_dtype(torch.float64)
    cc, cc_residual = ccnet_cases()
    write_cases("criss_cross_values", cc)
    write_cases("criss_cross_values_residual", cc_residual)
    write_cases("dat_groups", dat_cases())
    write_cases("axial_block", axial_cases())
