"""Reference vectors for lka with real kernels: VAN's LKA shape (Visual-Attention-Network/
VAN-Classification models/van.py, class LKA: conv0 = Conv2d(C, C, 5, padding=2, groups=C),
conv_spatial = Conv2d(C, C, 7, stride=1, padding=9, groups=C, dilation=3), then conv1 and the
u * attn gate), built from torch's own depthwise Conv2d with seeded random kernels.

The map of query u is M[p] = sum_c |d s_c(u) / d x_c(p)| with s = conv_spatial(conv0(x)),
normalised to sum 1 (MECHANISMS.md "LKA with real kernels"; conv1 and the gate left out). The
convolutions are depthwise, so the gradient of sum_c s_c(u) with respect to x holds each channel's
own derivative: autograd of the real modules gives it directly. Besides VAN's 21/3 (5x5 then 7x7
dilation 3), a 9/2 pair (3x3 then 5x5 dilation 2, padding (k-1)/2 and d(k1-1)/2 as LKA's rule
gives) and maps smaller than the kernels.

Writes Vectors/lka_kernels.json. Run: python reference_lka.py
"""
import torch

from common import case, features, write_cases


def lka_convs(channels, kernel, dilation, seed):
    """conv0 and conv_spatial as LKA builds them for K = kernel, d = dilation, seeded kernels."""
    k0, k1 = 2 * dilation - 1, -(-kernel // dilation)
    conv0 = torch.nn.Conv2d(channels, channels, k0, padding=(k0 - 1) // 2, groups=channels)
    spatial = torch.nn.Conv2d(channels, channels, k1, stride=1, padding=dilation * (k1 - 1) // 2,
                              groups=channels, dilation=dilation)
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for conv in (conv0, spatial):
            conv.weight.copy_(torch.randn(conv.weight.shape, generator=g).to(torch.float32).double())
            conv.bias.copy_(torch.randn(conv.bias.shape, generator=g).to(torch.float32).double())
    return conv0.double(), spatial.double()


def sensitivity(conv0, spatial, x, y, xx):
    inputs = x[None].clone().requires_grad_(True)
    response = spatial(conv0(inputs))
    response[0, :, y, xx].sum().backward()
    grid = inputs.grad[0].abs().sum(0)
    return grid / grid.sum()


def main():
    cases = []
    specs = [  # (channels, height, width, K, d, seed)
        (3, 30, 31, 21, 3, 1), (4, 14, 14, 21, 3, 2), (2, 7, 9, 21, 3, 3), (3, 2, 2, 21, 3, 4),
        (3, 12, 10, 9, 2, 5), (2, 5, 6, 9, 2, 6),
    ]
    for channels, height, width, kernel, dilation, seed in specs:
        conv0, spatial = lka_convs(channels, kernel, dilation, seed)
        x = features(seed + 50, channels, height, width)
        qs = sorted({(0, 0), (0, width - 1), (height - 1, 0), (height - 1, width - 1), (height // 2, width // 2),
                     (0, width // 2), (height // 2, 0), (min(3, height - 1), min(4, width - 1))})
        expected = [{"weights": sensitivity(conv0, spatial, x, y, xx)} for y, xx in qs]
        cases.append(case(f"lka kernels {height}x{width} C{channels} K{kernel} d{dilation}", "lka", x, qs, expected,
                          {"kernel": kernel, "dilation": dilation},
                          {"kernels": {"conv0": conv0.weight, "conv_spatial": spatial.weight}}))
    write_cases("lka_kernels", cases)


if __name__ == "__main__":
    main()
