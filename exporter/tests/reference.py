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


# --- axial (Axial-DeepLab's AxialBlock: height pass, then width pass on its outputs) ---------------

def _relative(table, length):
    """table (rows, 2S−1), column S−1+δ holding offset δ → (rows, L, L) at [·, i, j] = offset i − j."""
    centre = (table.shape[-1] - 1) // 2
    i, j = np.meshgrid(np.arange(length), np.arange(length), indexing="ij")
    return table[:, centre + i - j]


def _axial_pass(tokens, wq, bq, wk, bk, rq, rk):
    """One axis for every head: tokens (C, L) → softmax weights (heads, L queries, L keys) of
    q_i·k_j + q_i·rq[i − j] + k_j·rk[j − i] (MECHANISMS.md, axial; scale 1)."""
    length = tokens.shape[1]
    out = []
    for g in range(wq.shape[0]):
        q = wq[g] @ tokens + bq[g][:, None]
        k = wk[g] @ tokens + bk[g][:, None]
        logits = q.T @ k
        logits += np.einsum("ci,cij->ij", q, _relative(rq[g], length))
        logits += np.einsum("cj,cji->ij", k, _relative(rk[g], length))
        e = np.exp(logits - logits.max(1, keepdims=True))
        out.append(e / e.sum(1, keepdims=True))
    return np.array(out)


def axial_passes(t):
    """(A_H, Y, A_W): A_H[w, g, i, h] the height pass of column w, Y (C, H, W) its output
    y = Σ_h a·(wv·x_h + bv) + Σ_h a·rv[i − h] (head g's weights on head g's value channels), and
    A_W[i, g, w, w'] the width pass of row i on Y with wq2/wk2 and the width tables."""
    f = t["features"].astype(np.float64)
    c, height, width = f.shape
    heads = t["wq"].shape[0]
    p = {name: t[name].astype(np.float64) for name in ("wq", "bq", "wk", "bk", "wv", "bv", "rq", "rk", "rv",
                                                        "wq2", "bq2", "wk2", "bk2")}
    per_head = p["wv"].shape[0] // heads
    a_h = np.array([_axial_pass(f[:, :, w], p["wq"], p["bq"], p["wk"], p["bk"], p["rq"][0], p["rk"][0])
                    for w in range(width)])
    y = np.zeros((p["wv"].shape[0], height, width))
    rv = _relative(p["rv"][0], height)  # (C, H, H)
    for w in range(width):
        v = p["wv"] @ f[:, :, w] + p["bv"][:, None]
        for o in range(y.shape[0]):
            a = a_h[w, o // per_head]
            y[o, :, w] = a @ v[o] + (a * rv[o]).sum(1)
    a_w = np.array([_axial_pass(y[:, i, :], p["wq2"], p["bq2"], p["wk2"], p["bk2"], p["rq"][1], p["rk"][1])
                    for i in range(height)])
    return a_h, y, a_w


def axial_map(passes, head, y, x):
    """The composed map M[h][w] = A_W(u → (y, w))·A_H((y, w) → (h, w)) of query u = (y, x)."""
    a_h, _, a_w = passes
    return a_h[:, head, y, :].T * a_w[y, head, x][None, :]


# --- criss-cross (CCNet's recurrent criss-cross attention with its value projection) ---------------

def criss_cross_passes(t, settings):
    """The R passes of MECHANISMS.md's criss-cross (Real blocks: criss-cross values), dense:
    [(A_r (N, N), x^(r) (C, H, W))] with A_r[u, m] nonzero on u's cross only (self once, through
    the row), and x^(r+1) = γ·Σ_m A_r(p→m)(Wv·x^(r)_m + bv) + x^(r)_p. Also returns x^(R+1)."""
    x = t["features"].astype(np.float64)
    c, height, width = x.shape
    rows, cols = np.divmod(np.arange(height * width), width)
    cross = (rows[:, None] == rows[None, :]) | (cols[:, None] == cols[None, :])
    gamma = float(settings.get("gamma", 1.0))
    passes = []
    for _ in range(int(settings.get("passes", 2))):
        tokens = x.reshape(c, -1)
        q = t["wq"][0] @ tokens + (t["bq"][0][:, None] if "bq" in t else 0)
        k = t["wk"][0] @ tokens + (t["bk"][0][:, None] if "bk" in t else 0)
        v = t["wv"] @ tokens + (t["bv"][:, None] if "bv" in t else 0)
        logits = np.where(cross, q.T @ k, -np.inf)
        e = np.exp(logits - logits.max(1, keepdims=True))
        a = e / e.sum(1, keepdims=True)
        passes.append((a, x))
        x = (gamma * (v @ a.T) + tokens).reshape(c, height, width)
    return passes, x


def criss_cross_map(passes, y, x, width):
    """The composed map after every pass: row u of A_R ⋯ A_1, as an H×W grid."""
    row = np.zeros(passes[0][0].shape[0])
    row[y * width + x] = 1
    for a, _ in reversed(passes):
        row = row @ a
    return row.reshape(-1, width)


# --- dat (DAT's DAttentionBaseline with G groups) --------------------------------------------------

def _bilinear(image, py, px):
    """grid_sample(bilinear, zeros, align_corners=True) of image (C, H, W) at pixel (py, px)."""
    c, height, width = image.shape
    y0, x0 = int(np.floor(py)), int(np.floor(px))
    ly, lx = py - y0, px - x0
    out = np.zeros(c)
    for yy, xx, w in ((y0, x0, (1 - ly) * (1 - lx)), (y0, x0 + 1, (1 - ly) * lx),
                      (y0 + 1, x0, ly * (1 - lx)), (y0 + 1, x0 + 1, ly * lx)):
        if 0 <= yy < height and 0 <= xx < width:
            out += w * image[:, yy, xx]
    return out


def _pixel(normalised, length):
    return (normalised + 1) / 2 * (length - 1)


def dat_positions(t, settings):
    """pos (G, Hk, Wk, 2) from the raw offsets Δ (G, 2, Hk, Wk) by MECHANISMS.md's dat rule."""
    offsets = t["offsets"].astype(np.float64)
    _, _, hk, wk = offsets.shape
    ref_y = (np.arange(hk) + 0.5) / (hk - 1) * 2 - 1
    ref_x = (np.arange(wk) + 0.5) / (wk - 1) * 2 - 1
    ref = np.stack(np.meshgrid(ref_y, ref_x, indexing="ij"), -1)
    delta = offsets.transpose(0, 2, 3, 1)
    f = settings["offset_range"]
    if f >= 0:
        return ref + np.tanh(delta) * np.array([1 / (hk - 1), 1 / (wk - 1)]) * f
    return np.clip(ref + delta, -1, 1)


def dat_row(t, settings, head, y, x):
    """softmax_n(q_u·k_n/√d + bias) over the Hk·Wk samples (MECHANISMS.md: DAT with G groups):
    group g's channels sampled at group g's points, k_n = Wk·[samples of every group] + bk; the
    bias is rpe_table grid-sampled at (q_grid − pos_g)·0.5 for head h's group g, or dense."""
    f = t["features"].astype(np.float64)
    c, height, width = f.shape
    pos = t["positions"].astype(np.float64)
    groups, hk, wk, _ = pos.shape
    heads = t["wq"].shape[0]
    per_group = c // groups
    samples = np.zeros((c, hk * wk))
    for g in range(groups):
        for n in range(hk * wk):
            py, px = pos[g].reshape(-1, 2)[n]
            samples[g * per_group:(g + 1) * per_group, n] = _bilinear(
                f[g * per_group:(g + 1) * per_group], _pixel(py, height), _pixel(px, width))
    q = t["wq"][head] @ f[:, y, x] + t["bq"][head]
    k = t["wk"][head] @ samples + t["bk"][head][:, None]
    logits = k.T @ q * settings.get("scale", q.shape[0] ** -0.5)
    if "bias" in t and t["bias"].shape[1:] == (height * width, hk * wk):
        logits = logits + t["bias"][head, y * width + x]
    elif "bias" in t:
        g = head // (heads // groups)
        table = t["bias"][head][None].astype(np.float64)
        qy, qx = y / (height - 1) * 2 - 1, x / (width - 1) * 2 - 1
        for n in range(hk * wk):
            py, px = pos[g].reshape(-1, 2)[n]
            dy, dx = (qy - py) * 0.5, (qx - px) * 0.5
            logits[n] += _bilinear(table, _pixel(dy, 2 * height - 1), _pixel(dx, 2 * width - 1))[0]
    return softmax(logits)


def dat_map(t, row):
    """Each sample's weight spread over its G points (1/G each) and their bilinear corners:
    (map H×W, offImage)."""
    _, height, width = t["features"].shape
    pos = t["positions"].astype(np.float64)
    groups = pos.shape[0]
    grid = np.zeros((height, width))
    for g in range(groups):
        for n, (py, px) in enumerate(pos[g].reshape(-1, 2)):
            yy, xx = _pixel(py, height), _pixel(px, width)
            y0, x0 = int(np.floor(yy)), int(np.floor(xx))
            ly, lx = yy - y0, xx - x0
            for cy, cx, w in ((y0, x0, (1 - ly) * (1 - lx)), (y0, x0 + 1, (1 - ly) * lx),
                              (y0 + 1, x0, ly * (1 - lx)), (y0 + 1, x0 + 1, ly * lx)):
                if 0 <= cy < height and 0 <= cx < width:
                    grid[cy, cx] += row[n] * w / groups
    return grid, 1 - grid.sum()


# --- lesa (LESA's binary term: global attention with flattened relative positions) ----------------

def lesa_rows(t):
    """A[g, i, j] = softmax_j(q_i·k_j + q_i·rq_g[i − j] + k_j·rk_g[j − i]) over all H·W flattened
    positions (MECHANISMS.md, lesa; scale 1), the per-head tables (heads, d, 2·H·W − 1)."""
    f = t["features"].astype(np.float64)
    tokens = f.reshape(f.shape[0], -1)
    return _axial_pass(tokens, *(t[name].astype(np.float64) for name in ("wq", "bq", "wk", "bk", "rq", "rk")))
