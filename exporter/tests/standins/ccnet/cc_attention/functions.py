"""A stand-in for the official CCNet criss-cross attention (speedinghzl/CCNet, file
cc_attention/functions.py, the pure-PyTorch CrissCrossAttention), written for the exporter's tests
from reading that file (not copied): the same class, attribute names (query_conv, key_conv,
value_conv, softmax, INF, gamma) and forward order.

Its forward, as in functions.py: 1×1 convs give q, k (C/8 channels) and v (C); the column energies
q_(i,j)·k_(h,j) get −∞ on h = i from INF (a −∞ diagonal, built on the GPU with .cuda() as the
official code does), the row energies q_(i,j)·k_(i,w) none; one softmax over the H + W
concatenated energies; out = gamma·(Σ_h a·v_(h,j) + Σ_w a·v_(i,w)) + x. gamma starts at 0.
"""
import torch
import torch.nn as nn
from torch.nn import Softmax


def INF(B, H, W):
    return -torch.diag(torch.tensor(float("inf")).cuda().repeat(H), 0).unsqueeze(0).repeat(B * W, 1, 1)


class CrissCrossAttention(nn.Module):
    """Criss-cross attention over the row and column of each position."""

    def __init__(self, in_dim):
        super().__init__()
        self.query_conv = nn.Conv2d(in_channels=in_dim, out_channels=in_dim // 8, kernel_size=1)
        self.key_conv = nn.Conv2d(in_channels=in_dim, out_channels=in_dim // 8, kernel_size=1)
        self.value_conv = nn.Conv2d(in_channels=in_dim, out_channels=in_dim, kernel_size=1)
        self.softmax = Softmax(dim=3)
        self.INF = INF
        self.gamma = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        batch, _, height, width = x.size()
        query = self.query_conv(x)
        # per column (batch·W, H, C'), per row (batch·H, W, C')
        query_h = query.permute(0, 3, 1, 2).contiguous().view(batch * width, -1, height).permute(0, 2, 1)
        query_w = query.permute(0, 2, 1, 3).contiguous().view(batch * height, -1, width).permute(0, 2, 1)
        key = self.key_conv(x)
        key_h = key.permute(0, 3, 1, 2).contiguous().view(batch * width, -1, height)
        key_w = key.permute(0, 2, 1, 3).contiguous().view(batch * height, -1, width)
        value = self.value_conv(x)
        value_h = value.permute(0, 3, 1, 2).contiguous().view(batch * width, -1, height)
        value_w = value.permute(0, 2, 1, 3).contiguous().view(batch * height, -1, width)
        energy_h = (torch.bmm(query_h, key_h) + self.INF(batch, height, width)).view(
            batch, width, height, height).permute(0, 2, 1, 3)
        energy_w = torch.bmm(query_w, key_w).view(batch, height, width, width)
        joint = self.softmax(torch.cat([energy_h, energy_w], 3))
        att_h = joint[:, :, :, 0:height].permute(0, 2, 1, 3).contiguous().view(batch * width, height, height)
        att_w = joint[:, :, :, height:height + width].contiguous().view(batch * height, width, width)
        out_h = torch.bmm(value_h, att_h.permute(0, 2, 1)).view(batch, width, -1, height).permute(0, 2, 3, 1)
        out_w = torch.bmm(value_w, att_w.permute(0, 2, 1)).view(batch, height, -1, width).permute(0, 2, 1, 3)
        return self.gamma * (out_h + out_w) + x
