"""A stand-in for the official LESA module (Chenglin-Yang/LESA_classification, file
lib/models/LESA.py, class LESA with pe_type 'classification'), written for the exporter's tests
from reading that file (not copied): the same constructor (a `lesa` config read both as
attributes and as items), attribute names (qkv_transform, bn_qkv, bn_similarity, bn_output,
relative, flatten_index, x_transform, bn_x, reasoning, projection) and forward order. The
official file also imports einops and mmcv (for its DCN option and the detection embedding);
this one needs neither and has only the classification position embedding.

LESA.forward, as in LESA.py:
- unary = bn_x(x_transform(x)): a grouped 3×3 conv (then a 1×1 conv when groups > 1).
- binary over the H·W flattened positions: qkv = bn_qkv(qkv_transform(x)), per group q, k
  (qk_planes each) and v (v_planes); `relative` (2·qk + v, 2·HW − 1) gathered with flatten_index
  (= i − j + HW − 1) into E_q, E_k, E_v; [qk | qr | kr] through bn_similarity, summed; softmax over
  j; [sv, sve] through bn_output, the two halves of each channel summed.
- gate = sigmoid(projection(reasoning([unary, binary]))); output = unary + gate·binary, pooled
  when stride > 1.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class LESA(nn.Module):
    def __init__(self, lesa, in_planes, out_planes, kernel_size=56, stride=1, bias=False, dcn=None, **kwargs):
        groups = lesa.groups
        assert in_planes % groups == 0 and out_planes % groups == 0
        super().__init__()
        assert lesa['type'] == 'LESA'
        assert lesa.pe_type == 'classification' and dcn is None, "the stand-in has the classification path only"
        self.lesa = lesa
        self.with_cp = lesa.with_cp_UB_terms_only
        self.fmap_size = kernel_size
        self.branch_planes = out_planes
        self.in_planes, self.out_planes, self.groups = in_planes, out_planes, groups
        self.qk_planes = out_planes // groups // 2
        self.v_planes = self.branch_planes // groups
        kernel_size = kernel_size ** 2
        self.kernel_size, self.stride, self.bias = kernel_size, stride, bias
        self.qkv_transform = nn.Conv1d(in_planes, self.out_planes + self.branch_planes, kernel_size=1, stride=1,
                                       padding=0, groups=1, bias=False)
        self.bn_qkv = nn.BatchNorm1d(self.out_planes + self.branch_planes)
        self.bn_similarity = nn.BatchNorm2d(groups * 3)
        self.bn_output = nn.BatchNorm1d(self.branch_planes * 2)
        x_layers = [nn.Conv2d(in_planes, self.branch_planes, kernel_size=3, padding=1, groups=groups, bias=False)]
        if groups != 1:
            x_layers.append(nn.Conv2d(self.branch_planes, self.branch_planes, kernel_size=1, bias=False))
        self.x_transform = nn.Sequential(*x_layers)
        self.bn_x = nn.BatchNorm2d(self.branch_planes)
        channels = self.branch_planes * 2
        r_layers = [nn.ReLU(inplace=True)]
        for shrink, size, group in zip(lesa.df_channel_shrink, lesa.df_kernel_size, lesa.df_group):
            out = int(channels / shrink)
            r_layers += [nn.Conv2d(channels, out, kernel_size=size, padding=(size - 1) // 2, groups=group, bias=False),
                         nn.BatchNorm2d(out), nn.ReLU(inplace=True)]
            channels = out
        self.reasoning = nn.Sequential(*r_layers)
        self.projection = nn.Sequential(
            nn.Conv2d(channels, self.branch_planes, kernel_size=lesa.df_kernel_size[-1], groups=lesa.df_group[-1],
                      bias=False),
            nn.BatchNorm2d(self.branch_planes))
        self.pe_dim = self.qk_planes * 2 + self.v_planes
        self.relative = nn.Parameter(torch.randn(self.pe_dim, kernel_size * 2 - 1), requires_grad=True)
        rows = torch.arange(kernel_size).unsqueeze(1)
        cols = torch.arange(kernel_size).unsqueeze(0)
        self.register_buffer('flatten_index', (rows - cols + kernel_size - 1).view(-1))
        if stride > 1:
            self.pooling = nn.AvgPool2d(stride, stride=stride)
        self.qkv_transform.weight.data.normal_(0, math.sqrt(1. / in_planes))
        nn.init.normal_(self.relative, 0., math.sqrt(1. / self.v_planes * 1))

    def _binary_forward(self, x):
        n, _, hw = x.shape
        qkv = self.bn_qkv(self.qkv_transform(x)).reshape(n, self.groups, self.pe_dim, hw)
        q, k, v = torch.split(qkv, [self.qk_planes, self.qk_planes, self.v_planes], dim=2)
        table = torch.index_select(self.relative, 1, self.flatten_index).view(self.pe_dim, self.kernel_size,
                                                                               self.kernel_size)
        eq, ek, ev = torch.split(table, [self.qk_planes, self.qk_planes, self.v_planes], dim=0)
        qk = torch.einsum('bgci,bgcj->bgij', q, k)
        qr = torch.einsum('bgci,cij->bgij', q, eq)
        kr = torch.einsum('bgci,cij->bgij', k, ek).transpose(2, 3)
        similarity = torch.cat([qk, qr, kr], dim=1)
        similarity = self.bn_similarity(similarity).view(n, 3, self.groups, hw, hw).sum(dim=1)
        similarity = F.softmax(similarity, dim=3)
        sv = torch.einsum('bgij,bgcj->bgci', similarity, v)
        sve = torch.einsum('bgij,cij->bgci', similarity, ev)
        stacked = torch.cat([sv, sve], dim=-1).view(n, self.branch_planes * 2, hw)
        return self.bn_output(stacked).view(n, self.branch_planes, 2, hw).sum(dim=-2)

    def _unary_forward(self, x):
        return self.bn_x(self.x_transform(x))

    def forward(self, x):
        unary = self._unary_forward(x)
        n, c, h, w = x.shape
        binary = self._binary_forward(x.view(n, c, h * w)).view(n, self.branch_planes, h, w)
        gate = torch.sigmoid(self.projection(self.reasoning(torch.cat([unary, binary], dim=1))))
        output = gate * binary + unary
        if self.stride > 1:
            output = self.pooling(output)
        return output


def lesa3x3(**kwargs):
    return LESA(**kwargs)
