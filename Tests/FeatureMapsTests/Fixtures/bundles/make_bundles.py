"""Writes the bundle fixtures (NumPy and zipfile only) and what the bundle reader must see.

Run from anywhere:  python3 Tests/FeatureMapsTests/Fixtures/bundles/make_bundles.py

Writes, next to this script:
  single.npz, multi.npz, deflated.npz   valid bundles (DESIGN.md "The bundle"), laid out as the
                                        exporter (exporter/attnscope_exporter/bundle.py) writes them
  plain.npz                             an .npz without attnscope.json (not a bundle)
  members/*.npz                         multi.npz with block 1's features or image missing or misshapen
  cli/*.npz                             bundles the reader accepts and the command line refuses (a mode
                                        it does not compute, settings of the wrong type or per-axis
                                        values that differ)
  malformed/*.npz                       broken bundles; expected-errors.txt has each one's line
  expected.json                         the pictures the reader must make of `image` members
                                        (luminance 0.299 R + 0.587 G + 0.114 B, stretched to 0…1,
                                        as --image does), float32 bit patterns
"""
import io
import json
import os
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = {}
ERRORS = []


def npy(array):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, np.asarray(array), allow_pickle=False)
    return buffer.getvalue()


def put(archive, name, data, compression=zipfile.ZIP_STORED):
    """One member with a fixed timestamp, so that rerunning the script rewrites the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = compression
    archive.writestr(info, data)


def write(path, description, members, compression=zipfile.ZIP_STORED, raw=None):
    """A bundle: attnscope.json first (or `raw` bytes in its place), then the .npy members."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        if raw is not None:
            put(archive, "attnscope.json", raw, compression)
        elif description is not None:
            put(archive, "attnscope.json", json.dumps(description, indent=1).encode("utf-8"), compression)
        for name, array in members.items():
            put(archive, f"{name}.npy", npy(array), compression)


def grey(image):
    """What the reader must make of an image member, as float32 bits."""
    image = np.asarray(image, dtype=np.float32)
    if image.shape[0] == 3:
        values = 0.299 * image[0] + 0.587 * image[1] + 0.114 * image[2]
    else:
        values = image.mean(0)
    values = values.astype(np.float32)
    low, high = values.min(), values.max()
    values = (values - low) / (high - low) if high > low else np.full_like(values, 0.5)
    return np.ascontiguousarray(values.astype(np.float32)).view(np.uint32).ravel().tolist()


def arange(*shape, scale=0.25, offset=0.0):
    return (np.arange(int(np.prod(shape)), dtype=np.float32) * scale + offset).reshape(shape)


# --- valid bundles --------------------------------------------------------------------------------

IMAGE = np.stack([np.linspace(0, 1, 30).reshape(5, 6), np.linspace(1, 0, 30).reshape(5, 6),
                  np.full((5, 6), 0.5)]).astype(np.float32)
SINGLE = {"format": 1, "model": "timm:test", "weights": "random", "seed": 0, "mode": "window",
          "block": "layers.0.blocks.1", "heads": 2,
          "settings": {"window": 3, "shift": [1, 1], "variant": "timm", "scale": 0.5, "mlp_ratio": 4}}
SINGLE_MEMBERS = {"input": arange(3, 10, 12), "image": IMAGE, "features": arange(4, 5, 6, scale=0.125),
                  "wq": arange(2, 2, 4, scale=0.05), "bq": arange(2, 2, scale=0.1), "wk": arange(2, 2, 4, scale=-0.03),
                  "bk": arange(2, 2, scale=0.2), "wo": arange(4, 4), "bias": arange(2, 25, scale=0.01),
                  "attention": arange(4, 2, 9, 9)}
write(os.path.join(HERE, "single.npz"), SINGLE, SINGLE_MEMBERS)
EXPECTED["single.npz"] = {"image": grey(IMAGE)}

MULTI = {"format": 1, "model": "natten,depth=2", "blocks": [
    {"mode": "neighborhood", "block": "blocks.0", "heads": 1, "settings": {"kernel": [3, 3], "dilation": [1, 1]}},
    {"mode": "global", "block": "blocks.1", "heads": 1, "settings": {}},
]}
OWN_IMAGE = np.linspace(0, 1, 12, dtype=np.float32).reshape(1, 3, 4)
MULTI_MEMBERS = {
    "input": arange(3, 6, 8), "image": arange(3, 3, 4, scale=1 / 36),
    "b0.features": arange(2, 3, 4), "b0.wq": arange(1, 2, 2), "b0.wk": arange(1, 2, 2, scale=0.5),
    "b1.features": arange(2, 3, 4, offset=100), "b1.image": OWN_IMAGE, "b1.wq": arange(1, 2, 2, scale=2.0),
}
write(os.path.join(HERE, "multi.npz"), MULTI, MULTI_MEMBERS)
for name, change in [("no-features.npz", {"b1.features": None}), ("features-1d.npz", {"b1.features": np.zeros(5, np.float32)}),
                     ("image-2x3x4.npz", {"b1.image": np.zeros((2, 3, 4), np.float32)})]:
    members = {k: v for k, v in MULTI_MEMBERS.items()}
    for key, value in change.items():
        if value is None:
            del members[key]
        else:
            members[key] = value
    write(os.path.join(HERE, "members", name), MULTI, members)
for name, block in [("unknown-mode.npz", {"mode": "msda"}), ("unequal-dilation.npz", {"settings": {"dilation": [3, 2]}}),
                    ("window-text.npz", {"settings": {"window": "seven"}}), ("scale-list.npz", {"settings": {"scale": [1, 2, 3]}}),
                    ("bad-kernel.npz", {"mode": "neighborhood", "settings": {"kernel": 4}})]:
    description = json.loads(json.dumps(MULTI))
    description["blocks"][1].update(block)
    write(os.path.join(HERE, "cli", name), description, MULTI_MEMBERS)
EXPECTED["multi.npz"] = {"image": grey(arange(3, 3, 4, scale=1 / 36)), "b1.image": grey(OWN_IMAGE)}

# deflated, with escapes and non-ASCII text in the description
write(os.path.join(HERE, "deflated.npz"), None, {"features": arange(1, 2, 2)}, compression=zipfile.ZIP_DEFLATED,
      raw='{"format": 1, "model": "hf:Swin\\u00e9\\ud83d\\ude00 \\"q\\"", "mode": "global", "block": "a/b",'
          ' "heads": 1, "settings": {"future": {"nested": [1.5, null, true]}, "scale": 1e-1}}')

with zipfile.ZipFile(os.path.join(HERE, "plain.npz"), "w") as archive:
    put(archive, "features.npy", npy(arange(1, 2, 2)))


# --- malformed bundles ----------------------------------------------------------------------------

def bad(name, line, description=None, members=None, raw=None, compression=zipfile.ZIP_STORED):
    write(os.path.join(HERE, "malformed", name), description, members if members is not None else {"features": arange(1, 2, 2)},
          compression=compression, raw=raw)
    ERRORS.append(f"{name}: {line}")


MEMBER = "member 'attnscope.json'"
BASE = {"format": 1, "model": "m", "mode": "global", "block": "blocks.0", "heads": 1, "settings": {}}
bad("format-2.npz", f"{MEMBER} has format 2; this attnscope reads format 1 (a newer exporter wrote it?)", dict(BASE, format=2))
bad("format-float.npz", f"{MEMBER} has format 1.0; this attnscope reads format 1 (a newer exporter wrote it?)", dict(BASE, format=1.0))
bad("format-string.npz", f"{MEMBER} has format \"1\"; this attnscope reads format 1 (a newer exporter wrote it?)", dict(BASE, format="1"))
bad("format-missing.npz", f"{MEMBER} has no 'format' (this attnscope reads format 1)", {k: v for k, v in BASE.items() if k != "format"})
bad("not-json.npz", f"{MEMBER} is not valid JSON (not a JSON value at byte 10)", raw=b'{"format":}')
bad("not-object.npz", f"{MEMBER} is an array, not a JSON object", raw=b"[1, 2]")
bad("empty-text.npz", f"{MEMBER} is not valid JSON (the text ends where a value should be at byte 0)", raw=b"")
bad("duplicate-key.npz", f"{MEMBER} is not valid JSON (key \"format\" appears twice at byte 22)", raw=b'{"format": 1, "format": 2}')
bad("trailing-text.npz", f"{MEMBER} is not valid JSON (text after the JSON value at byte 14)", raw=b'{"format": 1} x')
bad("trailing-comma.npz", f"{MEMBER} is not valid JSON (an object key is not a string at byte 14)", raw=b'{"format": 1, }')
bad("nan.npz", f"{MEMBER} is not valid JSON (not a JSON value at byte 11)", raw=b'{"format": NaN}')
bad("leading-zero.npz", f"{MEMBER} is not valid JSON (a number with a leading zero at byte 13)", raw=b'{"format": 01}')
bad("bad-utf8.npz", f"{MEMBER} is not valid JSON (a string that is not UTF-8 at byte 14)", raw=b'{"model": "\xff\xfe"}')
bad("lone-surrogate.npz", f"{MEMBER} is not valid JSON (a lone surrogate in a string at byte 17)", raw=b'{"model": "\\ud800"}')
bad("control-char.npz", f"{MEMBER} is not valid JSON (a control character inside a string at byte 12)", raw=b'{"model": "a\nb"}')
bad("too-deep.npz", f"{MEMBER} is not valid JSON (nesting deeper than 32 levels at byte 62)",
    raw=b'{"format": 1, "settings": {"x": ' + b"[" * 40 + b"]" * 40 + b"}}")
bad("huge.npz", f"{MEMBER} is 2000002 bytes, over the 1048576-byte limit for a bundle description",
    raw=b'"' + b" " * 2000000 + b'"', compression=zipfile.ZIP_DEFLATED)
bad("no-model.npz", f"{MEMBER} has no 'model'", {k: v for k, v in BASE.items() if k != "model"})
bad("model-number.npz", f"{MEMBER} has 'model' an integer, not a string", dict(BASE, model=3))
bad("no-mode.npz", f"{MEMBER} has no 'mode'", {k: v for k, v in BASE.items() if k != "mode"})
bad("no-heads.npz", f"{MEMBER} has no 'heads'", {k: v for k, v in BASE.items() if k != "heads"})
bad("heads-zero.npz", f"{MEMBER} has 'heads' 0; expected a positive integer", dict(BASE, heads=0))
bad("heads-float.npz", f"{MEMBER} has 'heads' 2.5; expected a positive integer", dict(BASE, heads=2.5))
bad("settings-list.npz", f"{MEMBER} has 'settings' that is an array, not an object", dict(BASE, settings=[7]))
bad("blocks-empty.npz", f"{MEMBER} has an empty 'blocks' list", {"format": 1, "model": "m", "blocks": []})
bad("blocks-object.npz", f"{MEMBER} has 'blocks' that is an object; expected a non-empty list of block objects",
    {"format": 1, "model": "m", "blocks": {}})
bad("block-number.npz", f"{MEMBER} has block 1 that is an integer, not an object",
    {"format": 1, "model": "m", "blocks": [{k: BASE[k] for k in ("mode", "block", "heads", "settings")}, 7]})
bad("block-no-heads.npz", f"{MEMBER}: block 0 has no 'heads'",
    {"format": 1, "model": "m", "blocks": [{"mode": "global", "block": "b", "settings": {}}]})
bad("two-descriptions.npz", "holds two members named 'attnscope.json'; which one describes the bundle is unclear, so it is refused",
    raw=json.dumps(BASE))
with zipfile.ZipFile(os.path.join(HERE, "malformed", "two-descriptions.npz"), "a") as archive:
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name it is asked to write
        put(archive, "attnscope.json", json.dumps(BASE))
bad("broken-member.npz", "member 'features.npy' is truncated: shape (2, 3, 4) of f4 needs 96 data bytes, the member has 88",
    BASE, members={})
with zipfile.ZipFile(os.path.join(HERE, "malformed", "broken-member.npz"), "a") as archive:
    put(archive, "features.npy", npy(arange(2, 3, 4))[:-8])

with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(EXPECTED, f, indent=1)
with open(os.path.join(HERE, "expected-errors.txt"), "w") as f:
    f.write("# Each line: the exact error BundleFile.open gives for a file of malformed/ (FeatureMapError.description),\n"
            "# written as 'FILE: problem' with FILE relative to malformed/. Written by make_bundles.py.\n")
    f.write("\n".join(ERRORS) + "\n")
