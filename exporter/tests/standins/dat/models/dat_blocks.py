"""A stand-in for the official DAT blocks (LeapLabTHU/DAT, file models/dat_blocks.py: classes
DAttentionBaseline and LayerNormProxy), written for the exporter's tests from reading that file
(not copied): the same constructor arguments, attribute names (conv_offset, proj_q, proj_k,
proj_v, proj_out, rpe_table, …) and forward order. The official file rearranges with einops;
this one does the same moves with reshape/permute (einops is not in the exporter's environment).

DAttentionBaseline.forward, as in dat_blocks.py:
- q = proj_q(x); per group (B·G, C/G, H, W) the offset network conv_offset (depthwise ksize
  conv with the kv stride, LayerNormProxy, GELU, 1×1 to 2 channels) gives Δ (B·G, 2, Hk, Wk).
- offset_range_factor f ≥ 0: Δ ← tanh(Δ)·[1/(Hk−1), 1/(Wk−1)]·f and pos = ref + Δ; f < 0:
  pos = clamp(ref + Δ, −1, 1); ref = ((k + 0.5)/(Hk − 1))·2 − 1 per axis (y, x order).
- x sampled per group at pos (grid_sample, bilinear, align_corners=True, x/y swapped for the
  grid), k = proj_k(samples), v = proj_v(samples), per head; attn = q·k·(head channels)^−0.5.
- position bias: dwc_pe a depthwise conv of q added to the output; fixed_pe a dense
  (heads, HW, HkWk) table; log_cpb an MLP of sign(4Δ)·log2(|4Δ| + 1)/3 with Δ = q_grid − pos;
  otherwise rpe_table (heads, 2H−1, 2W−1) grid-sampled per group at (q_grid − pos)·0.5.
- softmax over the samples, out = Σ attn·v, proj_out; returns (y, pos, reference) with pos and
  reference shaped (B, G, Hk, Wk, 2).
"""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from timm.models.layers import to_2tuple, trunc_normal_


class LayerNormProxy(nn.Module):
    """LayerNorm over the channels of an NCHW map."""

    def __init__(self, dim):
        super().__init__()
        self.norm = nn.LayerNorm(dim)

    def forward(self, x):
        return self.norm(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


def _groups_first(t, groups):
    """'b (g c) h w -> (b g) c h w'."""
    b, c, h, w = t.shape
    return t.reshape(b * groups, c // groups, h, w)


class DAttentionBaseline(nn.Module):
    def __init__(self, q_size, kv_size, n_heads, n_head_channels, n_groups, attn_drop, proj_drop, stride,
                 offset_range_factor, use_pe, dwc_pe, no_off, fixed_pe, ksize, log_cpb):
        super().__init__()
        self.dwc_pe = dwc_pe
        self.n_head_channels = n_head_channels
        self.scale = n_head_channels ** -0.5
        self.n_heads = n_heads
        self.q_h, self.q_w = q_size
        self.kv_h, self.kv_w = self.q_h // stride, self.q_w // stride
        self.nc = n_head_channels * n_heads
        self.n_groups = n_groups
        self.n_group_channels = self.nc // n_groups
        self.n_group_heads = n_heads // n_groups
        self.use_pe, self.fixed_pe, self.no_off = use_pe, fixed_pe, no_off
        self.offset_range_factor = offset_range_factor
        self.ksize, self.log_cpb, self.stride = ksize, log_cpb, stride
        pad = ksize // 2 if ksize != stride else 0
        gc = self.n_group_channels
        self.conv_offset = nn.Sequential(nn.Conv2d(gc, gc, ksize, stride, pad, groups=gc), LayerNormProxy(gc),
                                         nn.GELU(), nn.Conv2d(gc, 2, 1, 1, 0, bias=False))
        self.proj_q = nn.Conv2d(self.nc, self.nc, kernel_size=1, stride=1, padding=0)
        self.proj_k = nn.Conv2d(self.nc, self.nc, kernel_size=1, stride=1, padding=0)
        self.proj_v = nn.Conv2d(self.nc, self.nc, kernel_size=1, stride=1, padding=0)
        self.proj_out = nn.Conv2d(self.nc, self.nc, kernel_size=1, stride=1, padding=0)
        self.proj_drop = nn.Dropout(proj_drop, inplace=True)
        self.attn_drop = nn.Dropout(attn_drop, inplace=True)
        if use_pe and not no_off:
            if dwc_pe:
                self.rpe_table = nn.Conv2d(self.nc, self.nc, kernel_size=3, stride=1, padding=1, groups=self.nc)
            elif fixed_pe:
                self.rpe_table = nn.Parameter(torch.zeros(n_heads, self.q_h * self.q_w, self.kv_h * self.kv_w))
                trunc_normal_(self.rpe_table, std=0.01)
            elif log_cpb:
                self.rpe_table = nn.Sequential(nn.Linear(2, 32, bias=True), nn.ReLU(inplace=True),
                                               nn.Linear(32, self.n_group_heads, bias=False))
            else:
                self.rpe_table = nn.Parameter(torch.zeros(n_heads, self.q_h * 2 - 1, self.q_w * 2 - 1))
                trunc_normal_(self.rpe_table, std=0.01)
        else:
            self.rpe_table = None

    @torch.no_grad()
    def _get_ref_points(self, H_key, W_key, B, dtype, device):
        ys, xs = torch.meshgrid(torch.linspace(0.5, H_key - 0.5, H_key, dtype=dtype, device=device),
                                torch.linspace(0.5, W_key - 0.5, W_key, dtype=dtype, device=device), indexing='ij')
        ref = torch.stack((ys, xs), -1)
        ref[..., 1].div_(W_key - 1.0).mul_(2.0).sub_(1.0)
        ref[..., 0].div_(H_key - 1.0).mul_(2.0).sub_(1.0)
        return ref[None, ...].expand(B * self.n_groups, -1, -1, -1)

    @torch.no_grad()
    def _get_q_grid(self, H, W, B, dtype, device):
        ys, xs = torch.meshgrid(torch.arange(0, H, dtype=dtype, device=device),
                                torch.arange(0, W, dtype=dtype, device=device), indexing='ij')
        ref = torch.stack((ys, xs), -1)
        ref[..., 1].div_(W - 1.0).mul_(2.0).sub_(1.0)
        ref[..., 0].div_(H - 1.0).mul_(2.0).sub_(1.0)
        return ref[None, ...].expand(B * self.n_groups, -1, -1, -1)

    def forward(self, x):
        B, C, H, W = x.size()
        dtype, device = x.dtype, x.device
        q = self.proj_q(x)
        offset = self.conv_offset(_groups_first(q, self.n_groups)).contiguous()
        Hk, Wk = offset.size(2), offset.size(3)
        n_sample = Hk * Wk
        if self.offset_range_factor >= 0 and not self.no_off:
            offset_range = torch.tensor([1.0 / (Hk - 1.0), 1.0 / (Wk - 1.0)], device=device).reshape(1, 2, 1, 1)
            offset = offset.tanh().mul(offset_range).mul(self.offset_range_factor)
        offset = offset.permute(0, 2, 3, 1)
        reference = self._get_ref_points(Hk, Wk, B, dtype, device)
        if self.no_off:
            offset = offset.fill_(0.0)
        if self.offset_range_factor >= 0:
            pos = offset + reference
        else:
            pos = (offset + reference).clamp(-1., +1.)
        if self.no_off:
            x_sampled = F.avg_pool2d(x, kernel_size=self.stride, stride=self.stride)
        else:
            x_sampled = F.grid_sample(input=x.reshape(B * self.n_groups, self.n_group_channels, H, W),
                                      grid=pos[..., (1, 0)], mode='bilinear', align_corners=True)
        x_sampled = x_sampled.reshape(B, C, 1, n_sample)
        q = q.reshape(B * self.n_heads, self.n_head_channels, H * W)
        k = self.proj_k(x_sampled).reshape(B * self.n_heads, self.n_head_channels, n_sample)
        v = self.proj_v(x_sampled).reshape(B * self.n_heads, self.n_head_channels, n_sample)
        attn = torch.einsum('b c m, b c n -> b m n', q, k).mul(self.scale)
        if self.use_pe and not self.no_off:
            if self.dwc_pe:
                residual_lepe = self.rpe_table(q.reshape(B, C, H, W)).reshape(B * self.n_heads,
                                                                             self.n_head_channels, H * W)
            elif self.fixed_pe:
                attn = attn + self.rpe_table[None, ...].expand(B, -1, -1, -1).reshape(B * self.n_heads, H * W,
                                                                                      n_sample)
            elif self.log_cpb:
                q_grid = self._get_q_grid(H, W, B, dtype, device)
                displacement = (q_grid.reshape(B * self.n_groups, H * W, 2).unsqueeze(2)
                                - pos.reshape(B * self.n_groups, n_sample, 2).unsqueeze(1)).mul(4.0)
                displacement = torch.sign(displacement) * torch.log2(torch.abs(displacement) + 1.0) / np.log2(8.0)
                attn_bias = self.rpe_table(displacement)  # (B·G, HW, Ns, heads per group)
                attn = attn + attn_bias.permute(0, 3, 1, 2).reshape(B * self.n_heads, H * W, n_sample)
            else:
                rpe_bias = self.rpe_table[None, ...].expand(B, -1, -1, -1)
                q_grid = self._get_q_grid(H, W, B, dtype, device)
                displacement = (q_grid.reshape(B * self.n_groups, H * W, 2).unsqueeze(2)
                                - pos.reshape(B * self.n_groups, n_sample, 2).unsqueeze(1)).mul(0.5)
                attn_bias = F.grid_sample(input=_groups_first(rpe_bias, self.n_groups), grid=displacement[..., (1, 0)],
                                          mode='bilinear', align_corners=True)
                attn = attn + attn_bias.reshape(B * self.n_heads, H * W, n_sample)
        attn = F.softmax(attn, dim=2)
        attn = self.attn_drop(attn)
        out = torch.einsum('b m n, b c n -> b c m', attn, v)
        if self.use_pe and self.dwc_pe:
            out = out + residual_lepe
        out = out.reshape(B, C, H, W)
        y = self.proj_drop(self.proj_out(out))
        return y, pos.reshape(B, self.n_groups, Hk, Wk, 2), reference.reshape(B, self.n_groups, Hk, Wk, 2)
