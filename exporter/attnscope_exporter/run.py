"""One export: build the model, pick its blocks, run the picture through it once, write the bundle
(or, with --list-blocks, print the blocks)."""
import importlib

from . import bundle, errors, picture, spec as specs
from .block import array

FAMILIES = {"timm": "timm_models", "torchvision": "torchvision_models", "hf": "hf_models",
            "natten": "natten_models"}

OFFICIAL_FAMILIES = {"van": "van_official", "axial": "axial_official", "ccnet": "ccnet_official",
                     "dat": "dat_official", "lesa": "lesa_official"}


def _family(spec):
    if spec.family in OFFICIAL_FAMILIES:
        return importlib.import_module(f".families.{OFFICIAL_FAMILIES[spec.family]}", __package__)
    if spec.family not in FAMILIES or (not spec.name and spec.family != "natten"):
        raise errors.unknown_model(spec.text, "expected timm:NAME, torchvision:NAME, hf:NAME, natten, "
                                              "or dat/ccnet/axial/van/lesa")
    return importlib.import_module(f".families.{FAMILIES[spec.family]}", __package__)


def _source(args):
    from .families.common import WeightSource
    if args.checkpoint:
        return WeightSource("checkpoint", path=args.checkpoint)
    if args.random or args.list_blocks:
        return WeightSource("random", seed=args.seed)
    return WeightSource("pretrained")


def _chosen(spec, model, blocks, requested):
    if requested is None:
        first = next(iter(blocks))
        return {first: blocks[first]}
    if requested == "all":
        return dict(blocks)
    if requested in blocks:
        return {requested: blocks[requested]}
    names = dict(model.named_modules())
    if requested in names:
        raise errors.no_attention(spec.text, requested, list(blocks))
    raise errors.unknown_block(spec.text, requested, list(blocks))


def main(args):
    spec = specs.parse(args.model)
    spec.repo = args.repo
    family = _family(spec)
    source = _source(args)
    built = family.build(spec, args.size, source)
    blocks = family.attention_blocks(spec, built.model)
    if not blocks:
        raise errors.unknown_model(spec.text, "the model has no attention block the exporter reads")
    chosen = dict(blocks) if args.list_blocks else _chosen(spec, built.model, blocks, args.block)
    shown = picture.load(None if args.list_blocks else args.image, built.input_size)
    x = picture.normalise(shown, built.mean, built.std)[None]
    exported = family.export(spec, built.model, chosen, x)
    if args.list_blocks:
        for block in exported:
            height, width = block.grid
            print(f"{block.path}\t{block.mode}\t{height}×{width}\t{block.heads}")
        return
    grids = {block.grid for block in exported}
    shared = {"input": array(x[0])}
    if len(grids) == 1:
        shared["image"] = array(picture.on_grid(shown, *exported[0].grid))
    else:  # blocks of several resolutions: each gets the picture on its own grid
        for block in exported:
            block.tensors["image"] = array(picture.on_grid(shown, *block.grid))
    provenance = dict(source.describe(), input_size=built.input_size,
                      input_mean=list(built.mean), input_std=list(built.std))
    provenance["picture"] = args.image or "synthetic"
    bundle.write(args.out, spec.text, exported, shared, provenance)
    first = exported[0]
    what = (f"block {first.path} ({first.mode}, {first.grid[0]}×{first.grid[1]}, {first.heads} heads)"
            if len(exported) == 1 else f"{len(exported)} blocks")
    print(f"wrote {args.out}: {spec.text} {what}, input 3×{built.input_size}×{built.input_size}")
