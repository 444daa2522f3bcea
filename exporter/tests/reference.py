"""An independent NumPy reading of a bundle, following DESIGN.md / MECHANISMS.md ("Real blocks")
formula by formula. It stands in for attnscope until the Swift side reads bundles: the tests
check that these formulas, fed only the bundle's tensors, give the probabilities the real module
computed in its own forward pass (the bundle's `attention` member, captured by the exporter).

Nothing here imports torch or the exporter: only the bundle file and NumPy."""
import json
import zipfile

import numpy as np


def read_bundle(path):
    """(description, {name: array}) of a bundle: attnscope.json and the .npy members."""
    with zipfile.ZipFile(path) as archive:
        description = json.loads(archive.read("attnscope.json").decode("utf-8"))
    with np.load(path) as data:
        arrays = {name: data[name] for name in data.files if name != "attnscope.json"}
    return description, arrays


def block_arrays(arrays, index=None):
    """The members of block `index` of a multi-block bundle (prefix `b<i>.` removed)."""
    if index is None:
        return arrays
    prefix = f"b{index}."
    return {name[len(prefix):]: a for name, a in arrays.items() if name.startswith(prefix)}


def _layer_norm(x, weight, bias, eps):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def project(t, tokens, head, which):
    """q or k of `tokens` (N, C) for one head: W·x + b, then the per-head LayerNorm of qk-norm."""
    w = t[f"w{which}"][head].astype(np.float64)
    out = tokens @ w.T
    if f"b{which}" in t:
        out = out + t[f"b{which}"][head]
    if f"{which}_norm_w" in t:
        eps = float(t["norm_eps"]) if "norm_eps" in t else 1e-5
        out = _layer_norm(out, t[f"{which}_norm_w"], t[f"{which}_norm_b"], eps)
    return out


def softmax(logits):
    e = np.exp(logits - logits.max())
    return e / e.sum()


# --- global (ViT): one softmax over prefix tokens then the grid, row-major -------------------------

def global_tokens(t):
    """The sequence the softmax runs over: prefix tokens first (the model's order), then the grid."""
    c, h, w = t["features"].shape
    grid = t["features"].reshape(c, h * w).T.astype(np.float64)
    if "prefix" in t:
        return np.concatenate([t["prefix"].astype(np.float64), grid])
    return grid


def global_row(t, settings, head, query_index):
    """softmax_p(q_u · k_p · scale) over every token (MECHANISMS: global + prefix + qk-norm)."""
    tokens = global_tokens(t)
    q = project(t, tokens[query_index:query_index + 1], head, "q")[0]
    k = project(t, tokens, head, "k")
    scale = settings.get("scale", q.shape[0] ** -0.5)
    return softmax(k @ q * scale)


# --- window (Swin) in each variant's rules --------------------------------------------------------

def _pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def window_layout(settings, height, width):
    """(window (mh, mw), shift (sh, sw), padded (Hp, Wp), roll_before_pad) under the variant's
    rules (DESIGN.md `--variant`)."""
    m, s = list(_pair(settings["window"])), list(_pair(settings["shift"]))
    lengths = (height, width)
    variant = settings["variant"]
    if variant == "official":  # the `<=` rule on the shorter side, both axes at once
        if min(height, width) <= m[0]:
            m, s = [min(height, width)] * 2, [0, 0]
    elif variant == "timm":  # per axis: no longer than the window → window = its length, no shift
        for a in range(2):
            if lengths[a] <= m[a]:
                m[a], s[a] = lengths[a], 0
    padded = tuple(-(-lengths[a] // m[a]) * m[a] for a in range(2))
    if variant == "torchvision":  # the window never shrinks; no shift where padded length ≤ window
        for a in range(2):
            if m[a] >= padded[a]:
                s[a] = 0
    return tuple(m), tuple(s), padded, variant == "timm"


def rolled_position(y, x, layout, height, width):
    """Where original (y, x) sits on the rolled, padded grid."""
    _, (sh, sw), (hp, wp), roll_first = layout
    if roll_first:  # timm: roll the unpadded map, then pad
        return (y - sh) % height, (x - sw) % width
    return (y - sh) % hp, (x - sw) % wp


def original_position(ry, rx, layout, height, width):
    """The inverse: original (y, x), or None for a padding token."""
    _, (sh, sw), (hp, wp), roll_first = layout
    if roll_first:
        if ry >= height or rx >= width:
            return None
        return (ry + sh) % height, (rx + sw) % width
    y, x = (ry + sh) % hp, (rx + sw) % wp
    return (y, x) if y < height and x < width else None


def _band(i, length, m, s):
    return 0 if i < length - m else (1 if i < length - s else 2)


def window_map(t, settings, head, y, x):
    """The map of query (y, x) from the formulas: its window on the rolled padded grid, logits
    q·k·scale + bias[Δ] (−100 across shift regions), one softmax; padding mass → offImage."""
    c, height, width = t["features"].shape
    layout = window_layout(settings, height, width)
    (mh, mw), (sh, sw), (hp, wp), _ = layout
    ry, rx = rolled_position(y, x, layout, height, width)
    top, left = ry // mh * mh, rx // mw * mw
    keys, where, labels, offsets = [], [], [], []
    for ky in range(top, top + mh):
        for kx in range(left, left + mw):
            origin = original_position(ky, kx, layout, height, width)
            keys.append(np.zeros(c) if origin is None else t["features"][:, origin[0], origin[1]])
            where.append(origin)
            labels.append(3 * _band(ky, hp, mh, sh) * (sh > 0) + _band(kx, wp, mw, sw) * (sw > 0))
            offsets.append((ry - ky + mh - 1) * (2 * mw - 1) + (rx - kx + mw - 1))
    q = project(t, t["features"][:, y, x][None].astype(np.float64), head, "q")[0]
    k = project(t, np.array(keys, dtype=np.float64), head, "k")
    if "logit_scale" in t:  # Swin V2: cos(q, k)·exp(min(τ, ln 100)), no 1/√d
        unit = lambda v: v / np.maximum(np.linalg.norm(v, axis=-1, keepdims=True), 1e-12)  # F.normalize
        content = unit(k) @ unit(q) * np.exp(min(float(t["logit_scale"].reshape(-1)[head]), np.log(100.0)))
    else:
        content = k @ q * settings.get("scale", q.shape[0] ** -0.5)
    query_label = 3 * _band(ry, hp, mh, sh) * (sh > 0) + _band(rx, wp, mw, sw) * (sw > 0)
    logits = content + t["bias"][head][offsets] + np.where(np.array(labels) != query_label, -100.0, 0.0)
    return _spread(softmax(logits), where, height, width)


def loaded_window_map(attention, settings, height, width, head, y, x):
    """The map of query (y, x) read from a captured (num_windows, heads, M², M²) array: its row,
    un-partitioned and un-rolled back onto the grid (padding → offImage)."""
    layout = window_layout(settings, height, width)
    (mh, mw), _, (hp, wp), _ = layout
    ry, rx = rolled_position(y, x, layout, height, width)
    window = (ry // mh) * (wp // mw) + rx // mw
    row = attention[window, head, (ry % mh) * mw + rx % mw]
    top, left = ry // mh * mh, rx // mw * mw
    where = [original_position(top + b // mw, left + b % mw, layout, height, width) for b in range(mh * mw)]
    return _spread(row.astype(np.float64), where, height, width)


def _spread(weights, where, height, width):
    grid, off_image = np.zeros((height, width)), 0.0
    for weight, origin in zip(weights, where):
        if origin is None:
            off_image += weight
        else:
            grid[origin] += weight
    return grid, off_image


# --- neighborhood (NATTEN, with DiNAT's dilation) --------------------------------------------------

def neighborhood_axis(i, length, kernel, dilation):
    """The keys of position i on one axis: K positions of i's own sub-grid (i mod d), the window
    shifted inward at the sub-grid's borders (MECHANISMS: neighborhood, NAT / DiNAT)."""
    residue = i % dilation
    sub_length = (length - residue + dilation - 1) // dilation
    kernel = min(kernel, sub_length)
    start = min(max(i // dilation - kernel // 2, 0), sub_length - kernel)
    return [residue + dilation * (start + step) for step in range(kernel)]


def neighborhood_map(t, settings, head, y, x):
    """softmax over the query's neighborhood of q·k·scale; the map H×W (0 outside)."""
    c, height, width = t["features"].shape
    kh, kw = _pair(settings["kernel"])
    dh, dw = _pair(settings["dilation"])
    rows, cols = neighborhood_axis(y, height, kh, dh), neighborhood_axis(x, width, kw, dw)
    keys = t["features"][:, rows][:, :, cols].reshape(c, -1).T.astype(np.float64)
    q = project(t, t["features"][:, y, x][None].astype(np.float64), head, "q")[0]
    k = project(t, keys, head, "k")
    weights = softmax(k @ q * settings.get("scale", q.shape[0] ** -0.5))
    grid = np.zeros((height, width))
    grid[np.ix_(rows, cols)] = weights.reshape(len(rows), len(cols))
    return grid


# --- lka (VAN's large-kernel attention with its real kernels) -------------------------------------

def lka_map(t, settings, y, x):
    """M[p] = Σ_c |∂s_c(u)/∂x_c(p)|, s = conv_spatial(conv0(x)), normalised to sum 1: each path
    u ← m (a tap of the dilated kernel, m inside the map: the intermediate is zero-padded) ← p
    (a tap of conv0, p inside the map) carries K1[tap]·K0[tap]."""
    c, height, width = t["features"].shape
    d = settings["dilation"]
    k0, k1 = t["conv0"].shape[-1], t["conv_spatial"].shape[-1]
    total = np.zeros((c, height, width))
    for a in range(k1):
        for b in range(k1):
            my, mx = y + d * (a - k1 // 2), x + d * (b - k1 // 2)
            if not (0 <= my < height and 0 <= mx < width):
                continue
            for i in range(k0):
                for j in range(k0):
                    py, px = my + i - k0 // 2, mx + j - k0 // 2
                    if 0 <= py < height and 0 <= px < width:
                        total[:, py, px] += t["conv_spatial"][:, 0, a, b] * t["conv0"][:, 0, i, j]
    grid = np.abs(total).sum(0)
    return grid / grid.sum()
