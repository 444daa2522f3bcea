"""A stand-in for the official VAN code (Visual-Attention-Network/VAN-Classification, file
models/van.py), written for the exporter's tests: the same module names, attributes and forward
order as that file, so `--model van --repo DIR` reads it as it reads a checkout of the official
repository. Written from reading that file (not copied); only what a forward pass needs.

Its forward, as in models/van.py:
- VAN.forward_features: per stage, patch_embed{i} (conv, stride 4 then 2, then BatchNorm), the
  blocks block{i}, then norm{i} over the flattened tokens, back to NCHW between stages.
- Block: x + layer_scale_1 · attn(norm1(x)), then x + layer_scale_2 · mlp(norm2(x)), BatchNorms.
- SpatialAttention (Block.attn): proj_1 (1×1) → GELU → spatial_gating_unit → proj_2, + input.
- AttentionModule (the LKA, spatial_gating_unit): conv0 depthwise 5×5 (padding 2), conv_spatial
  depthwise 7×7 dilation 3 (padding 9), conv1 1×1; output = input ⊙ conv1(conv_spatial(conv0(x))).
"""
import torch
import torch.nn as nn


class AttentionModule(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.conv0 = nn.Conv2d(dim, dim, 5, padding=2, groups=dim)
        self.conv_spatial = nn.Conv2d(dim, dim, 7, stride=1, padding=9, groups=dim, dilation=3)
        self.conv1 = nn.Conv2d(dim, dim, 1)

    def forward(self, x):
        gate = self.conv1(self.conv_spatial(self.conv0(x)))
        return x * gate


class SpatialAttention(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj_1 = nn.Conv2d(dim, dim, 1)
        self.activation = nn.GELU()
        self.spatial_gating_unit = AttentionModule(dim)
        self.proj_2 = nn.Conv2d(dim, dim, 1)

    def forward(self, x):
        inner = self.spatial_gating_unit(self.activation(self.proj_1(x)))
        return self.proj_2(inner) + x


class Mlp(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Conv2d(dim, hidden, 1)
        self.dwconv = nn.Module()
        self.dwconv.dwconv = nn.Conv2d(hidden, hidden, 3, 1, 1, bias=True, groups=hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Conv2d(hidden, dim, 1)

    def forward(self, x):
        return self.fc2(self.act(self.dwconv.dwconv(self.fc1(x))))


class Block(nn.Module):
    def __init__(self, dim, mlp_ratio):
        super().__init__()
        self.norm1 = nn.BatchNorm2d(dim)
        self.attn = SpatialAttention(dim)
        self.norm2 = nn.BatchNorm2d(dim)
        self.mlp = Mlp(dim, int(dim * mlp_ratio))
        self.layer_scale_1 = nn.Parameter(1e-2 * torch.ones(dim))
        self.layer_scale_2 = nn.Parameter(1e-2 * torch.ones(dim))

    def forward(self, x):
        x = x + self.layer_scale_1[:, None, None] * self.attn(self.norm1(x))
        return x + self.layer_scale_2[:, None, None] * self.mlp(self.norm2(x))


class OverlapPatchEmbed(nn.Module):
    def __init__(self, patch_size, stride, in_chans, embed_dim):
        super().__init__()
        self.proj = nn.Conv2d(in_chans, embed_dim, patch_size, stride=stride, padding=patch_size // 2)
        self.norm = nn.BatchNorm2d(embed_dim)

    def forward(self, x):
        x = self.proj(x)
        _, _, height, width = x.shape
        return self.norm(x), height, width


class VAN(nn.Module):
    def __init__(self, embed_dims, mlp_ratios, depths, num_classes=1000):
        super().__init__()
        self.num_stages = len(depths)
        for i, (dim, ratio, depth) in enumerate(zip(embed_dims, mlp_ratios, depths)):
            setattr(self, f"patch_embed{i + 1}", OverlapPatchEmbed(7 if i == 0 else 3, 4 if i == 0 else 2,
                                                                   3 if i == 0 else embed_dims[i - 1], dim))
            setattr(self, f"block{i + 1}", nn.ModuleList([Block(dim, ratio) for _ in range(depth)]))
            setattr(self, f"norm{i + 1}", nn.LayerNorm(dim, eps=1e-6))
        self.head = nn.Linear(embed_dims[-1], num_classes)

    def forward(self, x):
        batch = x.shape[0]
        for i in range(self.num_stages):
            x, height, width = getattr(self, f"patch_embed{i + 1}")(x)
            for block in getattr(self, f"block{i + 1}"):
                x = block(x)
            x = getattr(self, f"norm{i + 1}")(x.flatten(2).transpose(1, 2))
            if i != self.num_stages - 1:
                x = x.reshape(batch, height, width, -1).permute(0, 3, 1, 2).contiguous()
        return self.head(x.mean(dim=1))


def van_tiny(pretrained=False, **kwargs):
    """VAN-Tiny's configuration (embed_dims 32/64/160/256, depths 3/3/5/2)."""
    if pretrained:
        raise RuntimeError("the stand-in has no pretrained weights")
    return VAN(embed_dims=[32, 64, 160, 256], mlp_ratios=[8, 8, 4, 4], depths=[3, 3, 5, 2], **kwargs)
