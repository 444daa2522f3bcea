"""The exporter's command line (DESIGN.md, "The exporter"):

    attnscope_export.py --model SPEC [--block PATH | --block all] [--list-blocks]
        [--checkpoint FILE | --random [--seed S]] [--image FILE] [--size N] [--repo DIR] --out BUNDLE.npz

Every failure is one line on stderr and exit status 1 (2 for a malformed command line)."""
import argparse
import sys

from . import errors
from .quiet import go_offline_and_quiet

PROGRAM = "attnscope_export"


class _Parser(argparse.ArgumentParser):
    """argparse that fails in one line (no usage block) so every error has the same shape."""

    def error(self, message):
        raise _UsageError(message)


class _UsageError(Exception):
    pass


def _parser():
    parser = _Parser(prog="attnscope_export.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, metavar="SPEC",
                        help="timm:NAME, torchvision:NAME, hf:NAME (optionally ,key=value,... for the "
                             "constructor), natten, or dat/ccnet/axial/van/lesa with --repo")
    parser.add_argument("--block", metavar="PATH", help="module path of the attention block, or 'all'")
    parser.add_argument("--list-blocks", action="store_true", help="print PATH, MODE, H×W, HEADS per block")
    weights = parser.add_mutually_exclusive_group()
    weights.add_argument("--checkpoint", metavar="FILE", help="a state dict, loaded strictly")
    weights.add_argument("--random", action="store_true", help="seeded random weights")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="seed for --random (0)")
    parser.add_argument("--image", metavar="FILE", help="PNG/JPEG/PPM picture (default: a synthetic one)")
    parser.add_argument("--size", type=int, metavar="N", help="build the model for an N×N input")
    parser.add_argument("--repo", metavar="DIR", help="checkout of an official repository")
    parser.add_argument("--out", metavar="BUNDLE.npz", help="the bundle to write")
    return parser


def _check(args):
    if args.seed != 0 and not args.random:
        raise _UsageError("--seed needs --random")
    if args.size is not None and not 8 <= args.size <= 4096:
        raise _UsageError(f"--size {args.size}: expected 8 … 4096 pixels")
    if not args.list_blocks and not args.out:
        raise _UsageError("--out BUNDLE.npz is required (except with --list-blocks)")


def main(argv):
    """Runs the exporter; returns the exit status."""
    go_offline_and_quiet()
    try:
        args = _parser().parse_args(argv)
        _check(args)
    except _UsageError as error:
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        return 2
    try:
        from . import run
        run.main(args)
    except errors.ExportError as error:
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROGRAM}: interrupted", file=sys.stderr)
        return 130
    except ImportError as error:  # torch itself (or numpy) is missing
        print(f"{PROGRAM}: needs the Python package {error.name or error}: run scripts/exporter-env.sh "
              "and use that environment's python", file=sys.stderr)
        return 1
    except Exception as error:  # a bug of ours or a library's: still one line, never a traceback
        text = str(error).strip().splitlines()[0] if str(error).strip() else ""
        print(f"{PROGRAM}: internal error: {type(error).__name__}: {text[:300]}", file=sys.stderr)
        return 1
    return 0
