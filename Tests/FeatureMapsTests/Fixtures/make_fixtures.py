"""Writes the reader fixtures with NumPy / safetensors / PyTorch, and what the readers must see.

Run from anywhere:  /work/venv-torch/bin/python Tests/FeatureMapsTests/Fixtures/make_fixtures.py

Writes, next to this script:
  npy/*.npy, npz/*.npz, safetensors/*.safetensors, netpbm/*.p?m   valid files
  malformed/*                                                     broken files (see expected-errors.txt)
  expected.json   for every valid file: each tensor's shape, dtype name and float32 values as
                  uint32 bit patterns (exact), computed by NumPy's own astype(float32); plus
                  feature-map expectations (C, H, W and planar values) for chosen layouts.
"""
import io
import json
import os
import struct
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = {"tensors": {}, "maps": []}


def out(*parts):
    path = os.path.join(HERE, *parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def bits(values):
    """float32 bit patterns of values (exact, NaN-safe)."""
    return np.ascontiguousarray(np.asarray(values, dtype=np.float32)).view(np.uint32).ravel().tolist()


def record(rel, name, array, dtype_name):
    """Remember what the reader must return for tensor `name` of file `rel`."""
    arr = np.asarray(array)
    EXPECTED["tensors"].setdefault(rel, {})[name] = {
        "shape": list(arr.shape),
        "dtype": dtype_name,
        "bits": bits(arr.astype(np.float32).ravel(order="C")),
    }


def record_map(rel, layout, chw, tensor=None, dtype_name="f4"):
    """Remember the feature map (planar C×H×W) the loader must build from `rel`."""
    chw = np.asarray(chw).astype(np.float32)
    finite = chw[np.isfinite(chw)].astype(np.float64)
    EXPECTED["maps"].append({
        "file": rel, "layout": layout, "tensor": tensor, "dtype": dtype_name,
        "shape": list(chw.shape), "bits": bits(chw.ravel()),
        "min": float(finite.min()), "max": float(finite.max()), "mean": float(finite.mean()),
        "nan": int(np.isnan(chw).sum()), "inf": int(np.isinf(chw).sum()),
    })


def dtype_name(dt):
    dt = np.dtype(dt)
    base = {"f": "f", "i": "i", "u": "u", "b": "b"}[dt.kind] + str(dt.itemsize)
    return (">" + base) if dt.byteorder == ">" and dt.itemsize > 1 else base


def sample_values(kind, size, shape):
    """Deterministic values that exercise the type's range and are exact in the type."""
    n = int(np.prod(shape))
    base = np.arange(n, dtype=np.float64)
    if kind == "f":
        v = (base - n / 2) * 0.37 + 0.125
        if size >= 4:
            v[0] = 1e-7 * 3
            v[-1] = 65504.0 if size == 2 else 1.5e30 if size == 8 else 3.25e20
        else:
            v[-1] = 65504.0
            v[1] = 6e-8  # a float16 subnormal
    elif kind == "i":
        # Built in the exact integer type: the extremes do not fit float64 exactly.
        v = np.array([int(round((k - n / 2) * 3)) for k in range(n)], dtype=np.int64).astype(f"<i{size}")
        v[0], v[-1] = -(2 ** (8 * size - 1)), 2 ** (8 * size - 1) - 1
        return v.reshape(shape)
    elif kind == "u":
        v = np.array([k * 5 for k in range(n)], dtype=np.uint64).astype(f"<u{size}")
        v[-1] = 2 ** (8 * size) - 1
        return v.reshape(shape)
    else:
        v = (base % 3 == 0).astype(np.float64)
    return v.reshape(shape)


def save_npy(rel, array, version=None, **record_kwargs):
    path = out(rel)
    with open(path, "wb") as f:
        np.lib.format.write_array(f, array, version=version, allow_pickle=False)
    record(rel, "features", array, dtype_name(array.dtype))


def make_npy():
    shape = (2, 3, 4)
    for kind, sizes in [("f", [2, 4, 8]), ("i", [1, 2, 4, 8]), ("u", [1, 2, 4, 8]), ("b", [1])]:
        for size in sizes:
            orders = ["<", ">"] if size > 1 else ["|"]
            for order in orders:
                dt = np.dtype(f"{order}{kind}{size}") if kind != "b" else np.dtype(bool)
                arr = sample_values(kind, size, shape).astype(dt)
                tag = {"<": "le", ">": "be", "|": "na"}[order]
                rel = f"npy/{kind}{size}-{tag}.npy"
                save_npy(rel, arr)
                record_map(rel, "chw", arr.astype(np.float32), dtype_name=dtype_name(dt))
    base = sample_values("f", 4, (3, 5, 6)).astype("<f4")
    for version in [(1, 0), (2, 0), (3, 0)]:
        rel = f"npy/version{version[0]}.npy"
        save_npy(rel, base, version=version)
        record_map(rel, "chw", base)
    # Fortran order, 2-D and 3-D, little and big endian.
    f3 = np.asfortranarray(base)
    save_npy("npy/fortran-3d.npy", f3)
    record_map("npy/fortran-3d.npy", "chw", base)
    f2 = np.asfortranarray(base[1].astype(">f8"))
    save_npy("npy/fortran-2d-be-f8.npy", f2)
    record_map("npy/fortran-2d-be-f8.npy", "chw", base[1][None], dtype_name=">f8")
    # hwc: H=5, W=6, C=3 written channels-last.
    hwc = np.ascontiguousarray(np.transpose(base, (1, 2, 0)))
    save_npy("npy/hwc.npy", hwc)
    record_map("npy/hwc.npy", "hwc", base)
    fhwc = np.asfortranarray(hwc)
    save_npy("npy/hwc-fortran.npy", fhwc)
    record_map("npy/hwc-fortran.npy", "hwc", base)
    # 2-D: one channel; 4-D with batch 1; leading unit dimensions.
    save_npy("npy/plane-2d.npy", base[0])
    record_map("npy/plane-2d.npy", "chw", base[0][None])
    save_npy("npy/batch-4d.npy", base[None])
    record_map("npy/batch-4d.npy", "chw", base)
    save_npy("npy/batch-5d.npy", base[None, None])
    record_map("npy/batch-5d.npy", "chw", base)
    save_npy("npy/batch-4d-hwc.npy", hwc[None])
    record_map("npy/batch-4d-hwc.npy", "hwc", base)
    one = base[:1]
    save_npy("npy/one-channel-3d.npy", one)
    record_map("npy/one-channel-3d.npy", "chw", one)
    # NaN and Inf load and are reported.
    special = base.copy()
    special[0, 0, 0] = np.nan
    special[1, 2, 3] = np.nan
    special[2, 4, 5] = np.inf
    special[0, 1, 1] = -np.inf
    save_npy("npy/nan-inf.npy", special)
    record_map("npy/nan-inf.npy", "chw", special)
    # Auxiliary shapes TensorFiles.read must keep whole: 1-D and 4-D with batch > 1.
    save_npy("npy/vector-1d.npy", np.arange(7, dtype="<f4"))
    save_npy("npy/offsets-4d.npy", np.arange(2 * 18 * 2 * 3, dtype="<i2").reshape(2, 18, 2, 3))
    save_npy("npy/scalar-0d.npy", np.array(2.5, dtype="<f8"))


def make_npz():
    base = sample_values("f", 4, (3, 5, 6)).astype("<f4")
    other = np.arange(12, dtype="<i4").reshape(3, 4)
    proj = (np.arange(2 * 4 * 3, dtype="<f8").reshape(2, 4, 3) - 5) / 7
    for rel, saver in [("npz/stored.npz", np.savez), ("npz/deflated.npz", np.savez_compressed)]:
        saver(out(rel), features=base, other=other, wq=proj)
        record(rel, "features", base, "f4")
        record(rel, "other", other, "i4")
        record(rel, "wq", proj, "f8")
        record_map(rel, "chw", base)
        record_map(rel, "chw", other[None].astype(np.float32), tensor="other", dtype_name="i4")
    rel = "npz/single.npz"
    np.savez(out(rel), x=base[2])
    record(rel, "x", base[2], "f4")
    record_map(rel, "chw", base[2][None])
    rel = "npz/ambiguous.npz"
    np.savez_compressed(out(rel), a=base, b=other)
    record(rel, "a", base, "f4")
    record(rel, "b", other, "i4")
    record_map(rel, "chw", base, tensor="a")


def make_safetensors():
    from safetensors.numpy import save_file
    import torch
    from safetensors.torch import save_file as save_torch

    shape = (2, 3, 4)
    tensors = {}
    names = {"float16": "f2", "float32": "f4", "float64": "f8", "int8": "i1", "int16": "i2",
             "int32": "i4", "int64": "i8", "uint8": "u1", "uint16": "u2", "uint32": "u4",
             "uint64": "u8", "bool": "b1"}
    for np_name, short in names.items():
        kind, size = short[0], int(short[1])
        tensors[np_name] = sample_values(kind, size, shape).astype(np.dtype(np_name))
    tensors["features"] = sample_values("f", 4, (3, 5, 6)).astype("<f4")
    rel = "safetensors/all-dtypes.safetensors"
    save_file(tensors, out(rel), metadata={"producer": "make_fixtures.py"})
    for name, arr in tensors.items():
        record(rel, name, arr, names.get(name, "f4"))
    record_map(rel, "chw", tensors["features"])
    record_map(rel, "chw", tensors["int16"].astype(np.float32), tensor="int16", dtype_name="i2")

    # BF16 needs PyTorch; expected values are torch's own float32 conversion.
    bf = torch.linspace(-3, 3, 2 * 5 * 6).reshape(2, 5, 6).to(torch.bfloat16)
    bf.view(-1)[0] = float("nan")
    bf.view(-1)[1] = float("inf")
    rel = "safetensors/bf16.safetensors"
    save_torch({"features": bf, "pos": torch.zeros(1, 1, 3, 4, 2, dtype=torch.float32) + 0.5}, out(rel))
    record(rel, "features", bf.float().numpy(), "bf16")
    record(rel, "pos", np.zeros((1, 1, 3, 4, 2), np.float32) + 0.5, "f4")
    record_map(rel, "chw", bf.float().numpy(), dtype_name="bf16")


def pnm_header(magic, w, h, maxval, comments=True):
    lines = [magic]
    if comments:
        lines.append("# written by make_fixtures.py")
    lines.append(f"{w} {h}")
    if comments:
        lines.append("# maxval follows")
    lines.append(str(maxval))
    return ("\n".join(lines) + "\n").encode()


def make_netpbm():
    h, w = 4, 5
    grey8 = (np.arange(h * w).reshape(h, w) * 13 % 256).astype(np.uint16)
    grey16 = (np.arange(h * w).reshape(h, w) * 3271 % 65536).astype(np.uint16)
    rgb8 = (np.arange(h * w * 3).reshape(h, w, 3) * 7 % 256).astype(np.uint16)
    rgb16 = (np.arange(h * w * 3).reshape(h, w, 3) * 1999 % 65536).astype(np.uint16)
    cases = [
        ("netpbm/grey8-plain.pgm", "P2", grey8, 255, "u1"),
        ("netpbm/grey8-binary.pgm", "P5", grey8, 255, "u1"),
        ("netpbm/grey16-plain.pgm", "P2", grey16, 65535, ">u2"),
        ("netpbm/grey16-binary.pgm", "P5", grey16, 65535, ">u2"),
        ("netpbm/rgb8-plain.ppm", "P3", rgb8, 255, "u1"),
        ("netpbm/rgb8-binary.ppm", "P6", rgb8, 255, "u1"),
        ("netpbm/rgb16-plain.ppm", "P3", rgb16, 65535, ">u2"),
        ("netpbm/rgb16-binary.ppm", "P6", rgb16, 65535, ">u2"),
    ]
    for rel, magic, pixels, maxval, dt in cases:
        header = pnm_header(magic, w, h, maxval)
        if magic in ("P2", "P3"):
            body = "\n".join(" ".join(str(int(v)) for v in row.ravel()) for row in pixels) + "\n"
            data = header + body.encode()
        else:
            data = header + pixels.astype(">u2" if maxval > 255 else "u1").tobytes()
        with open(out(rel), "wb") as f:
            f.write(data)
        chw = pixels[None] if pixels.ndim == 2 else np.transpose(pixels, (2, 0, 1))
        record(rel, "features", chw[0] if pixels.ndim == 2 else chw, dt)
        record_map(rel, "chw", chw.astype(np.float32), dtype_name=dt)
        if pixels.ndim == 3:
            record_map(rel, "hwc", chw.astype(np.float32), dtype_name=dt)  # --layout does not apply


def npy_bytes(array, **kw):
    buf = io.BytesIO()
    np.lib.format.write_array(buf, array, allow_pickle=True, **kw)
    return buf.getvalue()


def npy_with_header(header_text, data=b"", version=1):
    """A .npy file with a hand-written header dict (padded like NumPy pads it)."""
    body = header_text.encode("latin1")
    pre = 10 if version == 1 else 12
    pad = (64 - (pre + len(body) + 1) % 64) % 64
    body = body + b" " * pad + b"\n"
    length = struct.pack("<H", len(body)) if version == 1 else struct.pack("<I", len(body))
    return b"\x93NUMPY" + bytes([version, 0]) + length + body + data


def safetensors_with_header(header, data):
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + data


def make_malformed():
    """Broken files; expected-errors.txt (hand-written) holds the line each must produce."""
    m = lambda name: out("malformed", name)
    good = np.arange(24, dtype="<f4").reshape(2, 3, 4)
    good_bytes = npy_bytes(good)
    files = {
        "empty.npy": b"",
        "truncated-magic.npy": good_bytes[:4],
        "truncated-header.npy": good_bytes[:30],
        "truncated-data.npy": good_bytes[:-5],
        "trailing-data.npy": good_bytes + b"\0\0\0\0",
        "bad-version.npy": good_bytes[:6] + b"\x07\x00" + good_bytes[8:],
        "header-length-lies.npy": good_bytes[:8] + struct.pack("<H", 60000) + good_bytes[10:],
        "huge-shape.npy": npy_with_header("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000, 100000), }", b"\0" * 64),
        "overflow-shape.npy": npy_with_header("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296), }", b"\0" * 64),
        "gigantic-dimension.npy": npy_with_header("{'descr': '<f4', 'fortran_order': False, 'shape': (123456789012345678901234567890,), }"),
        "negative-shape.npy": npy_with_header("{'descr': '<f4', 'fortran_order': False, 'shape': (2, -3, 4), }"),
        "complex-dtype.npy": npy_bytes(np.zeros((2, 2), np.complex64)),
        "string-dtype.npy": npy_bytes(np.array(["ab", "cd"])),
        "object-array.npy": npy_bytes(np.array([{"a": 1}, None], dtype=object)),
        "structured-dtype.npy": npy_bytes(np.zeros(3, dtype=[("x", "<f4"), ("y", "<i4")])),
        "not-a-dict.npy": npy_with_header("['descr', '<f4']"),
        "no-shape.npy": npy_with_header("{'descr': '<f4', 'fortran_order': False, }"),
        "one-dimensional.npy": npy_bytes(np.arange(5, dtype="<f4")),
        "six-dimensional.npy": npy_bytes(np.zeros((2, 1, 1, 2, 2, 2), "<f4")),
        "batch-of-two.npy": npy_bytes(np.zeros((2, 3, 4, 5), "<f4")),
        "empty-dimension.npy": npy_bytes(np.zeros((3, 0, 4), "<f4")),
        "garbage.bin": b"this is not a tensor file at all\n",
        "unknown-extension.xyz": b"plain text\n",
        "pgm-missing-maxval.pgm": b"P5\n4 4\n",
        "pgm-truncated.pgm": b"P5\n4 4\n255\n" + b"\x01" * 10,
        "pgm-zero-size.pgm": b"P2\n0 4\n255\n",
        "pgm-bad-maxval.pgm": b"P2\n2 2\n70000\n1 2 3 4\n",
        "pgm-sample-over-maxval.pgm": b"P2\n2 2\n15\n1 2 3 40\n",
        "pgm-huge.pgm": b"P5\n2000000000 2000000000\n255\n\0\0\0\0",
        "ppm-garbled.ppm": b"P3\n2 2\n255\n1 2 3 4 5 x 7 8 9 10 11 12\n",
        "safetensors-truncated.safetensors": safetensors_with_header(
            {"features": {"dtype": "F32", "shape": [2, 3, 4], "data_offsets": [0, 96]}}, b"\0" * 50),
        "safetensors-header-lies.safetensors": struct.pack("<Q", 1 << 40) + b'{"a": 1}',
        "safetensors-not-json.safetensors": struct.pack("<Q", 8) + b"{not js}",
        "safetensors-bad-dtype.safetensors": safetensors_with_header(
            {"features": {"dtype": "C64", "shape": [2], "data_offsets": [0, 16]}}, b"\0" * 16),
        "safetensors-shape-mismatch.safetensors": safetensors_with_header(
            {"features": {"dtype": "F32", "shape": [2, 3, 4], "data_offsets": [0, 16]}}, b"\0" * 16),
        "safetensors-negative-shape.safetensors": safetensors_with_header(
            {"features": {"dtype": "F32", "shape": [2, -3], "data_offsets": [0, 16]}}, b"\0" * 16),
        "safetensors-huge-shape.safetensors": safetensors_with_header(
            {"features": {"dtype": "F32", "shape": [1000000, 1000000, 1000], "data_offsets": [0, 16]}}, b"\0" * 16),
        "safetensors-empty.safetensors": safetensors_with_header({"__metadata__": {"a": "b"}}, b""),
        "npz-not-zip.npz": b"PK\x03\x04" + b"\0" * 40,
        "npz-no-arrays.npz": None,
        "npz-bad-member.npz": None,
        "npz-crc.npz": None,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "no arrays here")
    files["npz-no-arrays.npz"] = buf.getvalue()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("features.npy", good_bytes[:-8])
    files["npz-bad-member.npz"] = buf.getvalue()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("features.npy", good_bytes)
    data = bytearray(buf.getvalue())
    data[len(data) // 2] ^= 0xFF  # inside the stored member's data: CRC no longer matches
    files["npz-crc.npz"] = bytes(data)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("features.npy", good_bytes)
    data = bytearray(buf.getvalue())
    central = data.rindex(b"PK\x01\x02")
    data[central + 24:central + 28] = struct.pack("<I", 40)  # claims 40 bytes uncompressed
    files["npz-size-lies.npz"] = bytes(data)
    data = bytearray(buf.getvalue())
    data[central + 20:central + 24] = struct.pack("<I", 0x7FFFFFF0)  # compressed data past the end
    files["npz-compressed-size-lies.npz"] = bytes(data)
    for name, content in files.items():
        with open(m(name), "wb") as f:
            f.write(content)
    os.makedirs(m("a-directory.npy"), exist_ok=True)
    with open(os.path.join(m("a-directory.npy"), ".keep"), "w") as f:
        f.write("")
    # A valid .npy under a name that does not say so: recognised by its magic bytes.
    with open(out("sniff", "npy-content.dat"), "wb") as f:
        f.write(good_bytes)
    # A well-formed npz used for the --tensor error cases.
    np.savez(m("two-tensors.npz"), a=good, b=good)


if __name__ == "__main__":
    make_npy()
    make_npz()
    make_safetensors()
    make_netpbm()
    make_malformed()
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(EXPECTED, f, separators=(",", ":"))
    print("fixtures written:", sum(len(v) for v in EXPECTED["tensors"].values()), "tensors,",
          len(EXPECTED["maps"]), "maps")
