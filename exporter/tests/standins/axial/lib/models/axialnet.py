"""A stand-in for the official Axial-DeepLab classification code (csrhddlam/axial-deeplab, file
lib/models/axialnet.py), written for the exporter's tests from reading that file (not copied): the
same classes, attribute names (including `hight_block`), state-dict layout and forward order, so
`--model axial --repo DIR` reads it as it reads a checkout of the official repository.

What the forward does, as in axialnet.py:
- AxialAttention.forward: the axis attended runs last (N·W, C, H); qkv = bn_qkv(qkv_transform(x)),
  reshaped (N·W, groups, 2·gp, H) and split per group into q (gp/2), k (gp/2), v (gp) channels.
  The `relative` table (2·gp, 2K−1) is gathered with flatten_index (= row − col + K − 1) into
  (2·gp, K, K) and split the same way. qr[i,j] = q_i·E_q[:, i, j], kr = (k_i·E_k[:, i, j])ᵀ,
  qk[i,j] = q_i·k_j; bn_similarity over the 3·groups channels [qk | qr | kr], summed over the
  three; softmax over j; sv = Σ_j a·v_j, sve = Σ_j a·E_v[:, i, j]; [sv, sve] concatenated on the
  last axis, viewed (N·W, 2·out, H) for bn_output, then the two halves of each channel summed.
- AxialBlock.forward: conv_down → bn1 → relu → hight_block → width_block → relu → conv_up → bn2,
  plus the (downsampled) identity, relu.
- AxialAttentionNet: conv1 (7×7, stride 2) → bn1 → relu → maxpool, layer1…4 with kernel sizes
  56, 56, 28, 14 (halved after a strided block), avgpool, fc.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from .utils import *

__all__ = ['axial26s', 'axial50s', 'axial50m', 'axial50l']


def conv1x1(in_planes, out_planes, stride=1):
    return nn.Conv2d(in_planes, out_planes, kernel_size=1, stride=stride, bias=False)


class AxialAttention(nn.Module):
    def __init__(self, in_planes, out_planes, groups=8, kernel_size=56, stride=1, bias=False, width=False):
        assert in_planes % groups == 0 and out_planes % groups == 0
        super().__init__()
        self.in_planes, self.out_planes, self.groups = in_planes, out_planes, groups
        self.group_planes = out_planes // groups
        self.kernel_size, self.stride, self.bias, self.width = kernel_size, stride, bias, width
        self.qkv_transform = qkv_transform(in_planes, out_planes * 2, kernel_size=1, stride=1, padding=0, bias=False)
        self.bn_qkv = nn.BatchNorm1d(out_planes * 2)
        self.bn_similarity = nn.BatchNorm2d(groups * 3)
        self.bn_output = nn.BatchNorm1d(out_planes * 2)
        self.relative = nn.Parameter(torch.randn(self.group_planes * 2, kernel_size * 2 - 1), requires_grad=True)
        rows = torch.arange(kernel_size).unsqueeze(1)
        cols = torch.arange(kernel_size).unsqueeze(0)
        self.register_buffer('flatten_index', (rows - cols + kernel_size - 1).view(-1))
        if stride > 1:
            self.pooling = nn.AvgPool2d(stride, stride=stride)
        self.qkv_transform.weight.data.normal_(0, math.sqrt(1. / in_planes))
        nn.init.normal_(self.relative, 0., math.sqrt(1. / self.group_planes))

    def forward(self, x):
        x = x.permute(0, 2, 1, 3) if self.width else x.permute(0, 3, 1, 2)
        n, w, c, h = x.shape
        x = x.contiguous().view(n * w, c, h)
        gp = self.group_planes
        qkv = self.bn_qkv(self.qkv_transform(x)).reshape(n * w, self.groups, gp * 2, h)
        q, k, v = torch.split(qkv, [gp // 2, gp // 2, gp], dim=2)
        table = torch.index_select(self.relative, 1, self.flatten_index).view(gp * 2, self.kernel_size,
                                                                               self.kernel_size)
        eq, ek, ev = torch.split(table, [gp // 2, gp // 2, gp], dim=0)
        qr = torch.einsum('bgci,cij->bgij', q, eq)
        kr = torch.einsum('bgci,cij->bgij', k, ek).transpose(2, 3)
        qk = torch.einsum('bgci,bgcj->bgij', q, k)
        similarity = torch.cat([qk, qr, kr], dim=1)
        similarity = self.bn_similarity(similarity).view(n * w, 3, self.groups, h, h).sum(dim=1)
        similarity = F.softmax(similarity, dim=3)
        sv = torch.einsum('bgij,bgcj->bgci', similarity, v)
        sve = torch.einsum('bgij,cij->bgci', similarity, ev)
        stacked = torch.cat([sv, sve], dim=-1).view(n * w, self.out_planes * 2, h)
        output = self.bn_output(stacked).view(n, w, self.out_planes, 2, h).sum(dim=-2)
        output = output.permute(0, 2, 1, 3) if self.width else output.permute(0, 2, 3, 1)
        if self.stride > 1:
            output = self.pooling(output)
        return output


class AxialBlock(nn.Module):
    expansion = 2

    def __init__(self, inplanes, planes, stride=1, downsample=None, groups=1, base_width=64, dilation=1,
                 norm_layer=None, kernel_size=56):
        super().__init__()
        norm_layer = norm_layer or nn.BatchNorm2d
        width = int(planes * (base_width / 64.))
        self.conv_down = conv1x1(inplanes, width)
        self.bn1 = norm_layer(width)
        self.hight_block = AxialAttention(width, width, groups=groups, kernel_size=kernel_size)
        self.width_block = AxialAttention(width, width, groups=groups, kernel_size=kernel_size, stride=stride,
                                          width=True)
        self.conv_up = conv1x1(width, planes * self.expansion)
        self.bn2 = norm_layer(planes * self.expansion)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample
        self.stride = stride

    def forward(self, x):
        out = self.relu(self.bn1(self.conv_down(x)))
        out = self.relu(self.width_block(self.hight_block(out)))
        out = self.bn2(self.conv_up(out))
        identity = self.downsample(x) if self.downsample is not None else x
        out += identity
        return self.relu(out)


class AxialAttentionNet(nn.Module):
    def __init__(self, block, layers, num_classes=1000, zero_init_residual=True, groups=8, width_per_group=64,
                 replace_stride_with_dilation=None, norm_layer=None, s=0.5):
        super().__init__()
        self._norm_layer = norm_layer = norm_layer or nn.BatchNorm2d
        self.inplanes = int(64 * s)
        self.dilation = 1
        dilate = replace_stride_with_dilation or [False, False, False]
        self.groups, self.base_width = groups, width_per_group
        self.conv1 = nn.Conv2d(3, self.inplanes, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = norm_layer(self.inplanes)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, int(128 * s), layers[0], kernel_size=56)
        self.layer2 = self._make_layer(block, int(256 * s), layers[1], stride=2, kernel_size=56, dilate=dilate[0])
        self.layer3 = self._make_layer(block, int(512 * s), layers[2], stride=2, kernel_size=28, dilate=dilate[1])
        self.layer4 = self._make_layer(block, int(1024 * s), layers[3], stride=2, kernel_size=14, dilate=dilate[2])
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(int(1024 * block.expansion * s), num_classes)
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.Conv1d)) and not isinstance(m, qkv_transform):
                nn.init.kaiming_normal_(m.weight, mode='fan_out', nonlinearity='relu')
            elif isinstance(m, (nn.BatchNorm2d, nn.BatchNorm1d, nn.GroupNorm)):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)
        if zero_init_residual:
            for m in self.modules():
                if isinstance(m, AxialBlock):
                    nn.init.constant_(m.bn2.weight, 0)

    def _make_layer(self, block, planes, blocks, kernel_size=56, stride=1, dilate=False):
        norm_layer = self._norm_layer
        downsample = None
        previous_dilation = self.dilation
        if dilate:
            self.dilation *= stride
            stride = 1
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = nn.Sequential(conv1x1(self.inplanes, planes * block.expansion, stride),
                                       norm_layer(planes * block.expansion))
        layers = [block(self.inplanes, planes, stride, downsample, groups=self.groups, base_width=self.base_width,
                        dilation=previous_dilation, norm_layer=norm_layer, kernel_size=kernel_size)]
        self.inplanes = planes * block.expansion
        if stride != 1:
            kernel_size = kernel_size // 2
        for _ in range(1, blocks):
            layers.append(block(self.inplanes, planes, groups=self.groups, base_width=self.base_width,
                                dilation=self.dilation, norm_layer=norm_layer, kernel_size=kernel_size))
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def axial26s(pretrained=False, **kwargs):
    return AxialAttentionNet(AxialBlock, [1, 2, 4, 1], s=0.5, **kwargs)


def axial50s(pretrained=False, **kwargs):
    return AxialAttentionNet(AxialBlock, [3, 4, 6, 3], s=0.5, **kwargs)


def axial50m(pretrained=False, **kwargs):
    return AxialAttentionNet(AxialBlock, [3, 4, 6, 3], s=0.75, **kwargs)


def axial50l(pretrained=False, **kwargs):
    return AxialAttentionNet(AxialBlock, [3, 4, 6, 3], s=1, **kwargs)
