"""What the families share: the model a family built, the weight source, package imports that
fail in one line, and the softmax a block must have computed exactly once."""
import importlib
from dataclasses import dataclass

import torch

from .. import errors, weights

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


@dataclass
class WeightSource:
    """--random (with its seed), --checkpoint FILE, or neither (pretrained, only from disk)."""
    kind: str  # "random", "checkpoint" or "pretrained"
    seed: int = 0
    path: str = None

    def describe(self):
        if self.kind == "random":
            return {"weights": "random", "seed": self.seed}
        if self.kind == "checkpoint":
            return {"weights": "checkpoint", "checkpoint": self.path}
        return {"weights": "pretrained"}


@dataclass
class Built:
    """A model in eval mode, the side S of its N×N input, and its input normalisation."""
    model: torch.nn.Module
    input_size: int
    mean: tuple = IMAGENET_MEAN
    std: tuple = IMAGENET_STD


def require(spec, package):
    """Imports a package or fails in one line naming it."""
    try:
        return importlib.import_module(package)
    except ImportError:
        raise errors.missing_package(spec.text, package.split(".")[0])


def with_weights(spec, source, construct, construct_pretrained):
    """`construct()` seeded for --random or --checkpoint (then loaded strictly), or
    `construct_pretrained()` (which raises errors.no_weights when nothing is on disk)."""
    if source.kind == "pretrained":
        model = construct_pretrained()
    else:
        weights.seed(source.seed)
        model = construct()
        if source.kind == "checkpoint":
            weights.load_strictly(model, source.path, spec.text)
    return model.eval()


def only_softmax(recorder, path):
    """The one softmax the block computed, as the module produced it."""
    found = recorder.softmax.get(path, [])
    if len(found) != 1:
        raise errors.ExportError(f"{path}: its attention computed {len(found)} softmaxes, expected one")
    return found[0]


def construction_failed(spec, error):
    """A library's refusal to build the model (unknown name, bad kwargs), as one line."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return errors.unknown_model(spec.text, text[:200])
