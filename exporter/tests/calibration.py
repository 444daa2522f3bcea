"""BatchNorm statistics as training leaves them, for the official families whose attention is
normalised by BatchNorm (axial, LESA): conftest's perturbation alone leaves a similarity
BatchNorm's variance near 1 while the similarities are in the hundreds, logits whose float32
softmax no 1e-5 comparison can resolve. Here the running statistics become those of a batch (the
exporter's synthetic picture and its mirror image, the picture the tests export), then are
perturbed again, so they are still far from any initial value."""
import torch


def calibrate(model, size, path, seed=5):
    """Sets every BatchNorm's running statistics of `model` from one batch, perturbs them and
    saves the state dict to `path`."""
    from attnscope_exporter import picture
    from attnscope_exporter.families.common import IMAGENET_MEAN, IMAGENET_STD
    norms = [m for m in model.modules() if isinstance(m, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d))]
    for m in norms:
        m.momentum = 1.0  # the running statistics become this batch's
    generator = torch.Generator().manual_seed(seed)
    shown = picture.normalise(picture.load(None, size), IMAGENET_MEAN, IMAGENET_STD)
    model.train()
    with torch.no_grad():
        model(torch.stack([shown, shown.flip(-1)]))
        for m in norms:
            m.running_mean += 0.3 * torch.randn(m.running_var.shape, generator=generator) * m.running_var.sqrt()
            m.running_var *= torch.exp(0.3 * torch.randn(m.running_var.shape, generator=generator))
    model.eval()
    torch.save(model.state_dict(), path)
    return path
