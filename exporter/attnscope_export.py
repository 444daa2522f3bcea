#!/usr/bin/env python3
"""attnscope's exporter: runs a real model on a picture and writes one bundle (.npz) holding what
one attention block (or every block) actually reads and computes. See ../README.md ("Your own
model") and DESIGN.md ("Real models") for the command line and the bundle layout.

    python3 exporter/attnscope_export.py --model timm:vit_small_patch16_224 --random --out vit.npz
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from attnscope_exporter.cli import main  # noqa: E402  (needs the path above)

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
