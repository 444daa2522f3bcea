"""timm: ViT / DeiT (class, distillation and register tokens; qk-norm), Swin and Swin V2.

Read from timm 1.0's sources: `VisionTransformer._pos_embed` puts the class token first, then the
registers (DeiT's distilled model: class, then distillation token) before the patch tokens;
`Attention.forward` reads `norm1(x)`, applies q_norm/k_norm per head, scales q by `self.scale` and
calls `attn.softmax(-1)` on its non-fused path (`fused_attn = False`). `SwinTransformerBlock._attn`
reads `norm1(x)` (B, H, W, C), rolls the unpadded map, then pads, and `WindowAttention` adds
`_get_rel_pos_bias()` and the −100 mask before `self.softmax`. `SwinTransformerV2Block` has the same
window rules but feeds `_attn` its input x (the norm comes after), and its `WindowAttention` is
cosine attention with `logit_scale` and 16·sigmoid(cpb_mlp) as the bias."""
import numpy as np

from .. import block as blk
from .. import errors
from ..capture import Recorder
from . import common, swin_common

FAMILY = "timm"


def build(spec, size, source):
    timm = common.require(spec, "timm")
    kwargs = dict(spec.kwargs)
    if size is not None:
        kwargs["img_size"] = size

    if not timm.is_model(spec.name):
        raise errors.unknown_model(spec.text, f"timm has no model named {spec.name!r}")

    def construct(pretrained=False):
        try:
            return timm.create_model(spec.name, pretrained=pretrained, **kwargs)
        except Exception as error:  # the library's refusal, whatever its type, becomes one line
            if pretrained:  # offline and not cached: timm's hub or URL download failed
                raise errors.no_weights(spec.text)
            raise common.construction_failed(spec, error)

    model = common.with_weights(spec, source, construct, lambda: construct(pretrained=True))
    config = getattr(model, "pretrained_cfg", {}) or {}
    input_size = size or int(config.get("input_size", (3, 224, 224))[-1])
    mean = tuple(config.get("mean", common.IMAGENET_MEAN))
    std = tuple(config.get("std", common.IMAGENET_STD))
    return common.Built(model, input_size, mean, std)


def _kind(model):
    from timm.models.swin_transformer import SwinTransformer
    from timm.models.swin_transformer_v2 import SwinTransformerV2
    from timm.models.vision_transformer import VisionTransformer
    if isinstance(model, VisionTransformer):
        return "vit"
    if isinstance(model, SwinTransformer):
        return "swin"
    if isinstance(model, SwinTransformerV2):
        return "swinv2"
    return None


def attention_blocks(spec, model):
    """Module path → block, for every block whose attention the exporter reads."""
    kind = _kind(model)
    if kind == "vit":
        from timm.layers import Attention
        return {f"blocks.{i}": b for i, b in enumerate(model.blocks) if type(getattr(b, "attn", None)) is Attention}
    if kind == "swin":
        from timm.models.swin_transformer import SwinTransformerBlock
        found = {}
        for i, stage in enumerate(model.layers):
            for j, b in enumerate(stage.blocks):
                if isinstance(b, SwinTransformerBlock):
                    found[f"layers.{i}.blocks.{j}"] = b
        return found
    if kind == "swinv2":
        from timm.models.swin_transformer_v2 import SwinTransformerV2Block
        return {path: m for path, m in model.named_modules() if isinstance(m, SwinTransformerV2Block)}
    raise errors.unknown_model(spec.text, f"{type(model).__name__} is not a timm ViT/DeiT, Swin or Swin V2 "
                                          "model, the timm families the exporter reads")


def export(spec, model, blocks, x):
    kind = _kind(model)
    if kind == "vit":
        return _export_vit(model, blocks, x)
    if kind == "swin":
        return _export_swin(model, blocks, x)
    return _export_swin_v2(model, blocks, x)


def _prefix_names(model):
    names = []
    if getattr(model, "cls_token", None) is not None:
        names.append("cls")
    if getattr(model, "dist_token", None) is not None:
        names.append("dist")
    registers = getattr(model, "reg_token", None)
    if registers is not None:
        names += ["reg"] * registers.shape[1]
    if len(names) != model.num_prefix_tokens:
        raise errors.ExportError(f"{type(model).__name__}: {model.num_prefix_tokens} prefix tokens, "
                                 f"but the exporter found {names}")
    return names


def _qk_norm(attn, path):
    """q_norm_w, q_norm_b, k_norm_w, k_norm_b (d,) and norm_eps (a scalar) when the block has
    qk-norm; only LayerNorm (timm's default norm layer, including its own LayerNorm subclass) is
    the per-head normalisation attnscope knows."""
    import torch.nn as nn
    tensors = {}
    for name in ("q", "k"):
        norm = getattr(attn, f"{name}_norm")
        if isinstance(norm, nn.Identity):
            return {}
        if not isinstance(norm, nn.LayerNorm):
            raise errors.ExportError(f"{path}: qk-norm of type {type(norm).__name__} is not a LayerNorm")
        d = attn.head_dim
        tensors[f"{name}_norm_w"] = blk.array(norm.weight) if norm.weight is not None else np.ones(d, np.float32)
        tensors[f"{name}_norm_b"] = blk.array(norm.bias) if norm.bias is not None else np.zeros(d, np.float32)
        tensors["norm_eps"] = np.asarray(norm.eps, dtype=np.float32)
    return tensors


def _export_vit(model, blocks, x):
    names = _prefix_names(model)
    prefix = len(names)
    recorder = Recorder()
    for path, b in blocks.items():
        b.attn.fused_attn = False  # the explicit path computes (and lets us keep) the probabilities
        recorder.record_input(path, b.attn)
        recorder.record_softmax(path, b.attn)
    recorder.run(lambda: model(x))
    height, width = model.patch_embed.grid_size
    out = []
    for path, b in blocks.items():
        tokens = blk.array(recorder.inputs[path][0][0][0])  # (N, C)
        if tokens.shape[0] != prefix + height * width:
            raise errors.ExportError(f"{path}: {tokens.shape[0]} tokens, expected {prefix} + {height}×{width}")
        attn = b.attn
        tensors = {"features": blk.tokens_to_chw(tokens[prefix:], height, width)}
        if prefix:
            tensors["prefix"] = tokens[:prefix].copy()
        tensors.update(blk.split_projections(attn.qkv.weight, attn.qkv.bias, attn.num_heads))
        tensors.update(_qk_norm(attn, path))
        tensors["attention"] = blk.array(common.only_softmax(recorder, path)[0])
        settings = blk.scale_setting(attn.scale, attn.head_dim)
        extra = {"prefix_tokens": names} if names else {}
        out.append(blk.BlockExport(path, "global", attn.num_heads, (height, width), settings, tensors, extra))
    return out


def _export_swin(model, blocks, x):
    recorder = Recorder()
    for path, b in blocks.items():
        if getattr(b, "always_partition", False):
            raise errors.ExportError(f"{path}: timm's always_partition windows are not a variant attnscope knows")
        b.attn.fused_attn = False
        recorder.record_output(path, b.norm1)
        recorder.record_softmax(path, b.attn)
    recorder.run(lambda: model(x))
    out = []
    for path, b in blocks.items():
        features = recorder.outputs[path][0]  # (H, W, C)
        projections = blk.split_projections(b.attn.qkv.weight, b.attn.qkv.bias, b.attn.num_heads)
        dense = b.attn._get_rel_pos_bias()[0]
        settings = {"window": list(b.window_size), "shift": list(b.target_shift_size), "variant": "timm"}
        settings.update(blk.scale_setting(b.attn.scale, projections["wq"].shape[1]))
        out.append(swin_common.export(path, features, projections, dense, tuple(b.window_size), settings,
                                      common.only_softmax(recorder, path)))
    return out


def _export_swin_v2(model, blocks, x):
    """Swin V2 (post-norm: the attention reads the block's input itself): cosine attention with
    `logit_scale`, and the bias 16·sigmoid(cpb_mlp(relative_coords_table)) taken from the block's own
    cpb_mlp output during the forward, gathered with its relative_position_index."""
    import torch
    recorder = Recorder()
    for path, b in blocks.items():
        if getattr(b, "always_partition", False):
            raise errors.ExportError(f"{path}: timm's always_partition windows are not a variant attnscope knows")
        recorder.record_input(path, b)
        recorder.record_output(path, b.attn.cpb_mlp)
        recorder.record_softmax(path, b.attn)
    recorder.run(lambda: model(x))
    out = []
    for path, b in blocks.items():
        attn = b.attn
        heads = attn.num_heads
        bias = attn.qkv.bias
        if attn.q_bias is not None:
            separate = torch.cat((attn.q_bias, attn.k_bias, attn.v_bias))
            bias = separate if bias is None else bias + separate
        projections = blk.split_projections(attn.qkv.weight, bias, heads)
        projections["logit_scale"] = blk.array(attn.logit_scale).reshape(heads)
        area = b.window_size[0] * b.window_size[1]
        table = recorder.outputs[path].reshape(-1, heads)
        dense = 16 * torch.sigmoid(table[attn.relative_position_index.reshape(-1)].reshape(area, area, heads))
        settings = {"window": list(b.window_size), "shift": list(b.target_shift_size), "variant": "timm"}
        out.append(swin_common.export(path, recorder.inputs[path][0][0][0], projections, dense.permute(2, 0, 1),
                                      tuple(b.window_size), settings, common.only_softmax(recorder, path)))
    return out
