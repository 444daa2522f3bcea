"""Parses `--model SPEC`: `FAMILY:NAME` optionally followed by `,key=value` pairs that are passed to
the library's constructor (timm.create_model kwargs, torchvision builder kwargs, transformers config
fields), e.g. `timm:vit_small_patch16_224,qk_norm=True,depth=2` or `hf:SwinModel,depths=[2,2]`.
Values are Python literals (True, 3, 0.5, [2, 2]); anything else is kept as a string."""
import ast
from dataclasses import dataclass, field

from . import errors


@dataclass
class ModelSpec:
    """What --model asked for."""
    text: str
    family: str
    name: str
    kwargs: dict = field(default_factory=dict)
    repo: str = None  # --repo DIR, for the official repositories' code


def split_top_level(text, separator=","):
    """Splits on `separator` outside brackets, so list values may contain commas."""
    parts, depth, current = [], 0, []
    for char in text:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        if char == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def parse(text):
    head, *pairs = split_top_level(text)
    if ":" in head:
        family, name = head.split(":", 1)
    else:
        family, name = head, ""
    kwargs = {}
    for pair in pairs:
        if "=" not in pair:
            raise errors.unknown_model(text, f"'{pair}' is not key=value")
        key, value = pair.split("=", 1)
        try:
            kwargs[key.strip()] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            kwargs[key.strip()] = value
    return ModelSpec(text=text, family=family, name=name, kwargs=kwargs)
