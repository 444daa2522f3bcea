"""torchvision: Swin (swin_t/s/b), Swin V2 (swin_v2_t/s/b) and ViT (vit_*).

Read from torchvision 0.28's sources: `SwinTransformerBlock.forward` feeds `norm1(x)` (B, H, W, C)
to `ShiftedWindowAttention`, whose `shifted_window_attention` pads to a multiple of the window,
drops the shift on an axis whose padded length ≤ the window (the window never shrinks), rolls,
adds the bias and the −100 mask, and calls `F.softmax`; V2 blocks (norm after the attention, so it
reads x itself) pass `logit_scale` for cosine attention and zero the key bias inside the functional. `EncoderBlock.forward` feeds `ln_1(x)` to
`nn.MultiheadAttention` (class token first), which returns its per-head probabilities when asked
with `need_weights=True, average_attn_weights=False` (F.multi_head_attention_forward's softmax
runs inside one overridable call, out of the softmax recorder's reach, so its returned weights
are taken instead)."""
import os

import numpy as np

from .. import block as blk
from .. import errors
from ..capture import Recorder
from . import common, swin_common

FAMILY = "torchvision"


def build(spec, size, source):
    models = common.require(spec, "torchvision.models")
    import torch
    if spec.name not in models.list_models():
        raise errors.unknown_model(spec.text, f"torchvision has no model named {spec.name!r}")
    kwargs = dict(spec.kwargs)
    is_vit = spec.name.startswith("vit_")
    if size is not None and is_vit:
        kwargs["image_size"] = size

    def construct(weights=None):
        try:
            return models.get_model(spec.name, weights=weights, **kwargs)
        except Exception as error:  # the library's refusal, whatever its type, becomes one line
            raise common.construction_failed(spec, error)

    def pretrained():
        try:
            default = models.get_model_weights(spec.name).DEFAULT
        except Exception:
            raise errors.no_weights(spec.text)
        cached = os.path.join(torch.hub.get_dir(), "checkpoints", os.path.basename(default.url))
        if not os.path.isfile(cached):
            raise errors.no_weights(spec.text)
        return construct(default)

    model = common.with_weights(spec, source, construct, pretrained)
    input_size = size or (model.image_size if is_vit else 224)
    return common.Built(model, input_size)


def attention_blocks(spec, model):
    from torchvision.models.swin_transformer import ShiftedWindowAttention, SwinTransformer, SwinTransformerBlock
    from torchvision.models.vision_transformer import EncoderBlock, VisionTransformer
    from torchvision.models.swin_transformer import ShiftedWindowAttentionV2, SwinTransformerBlockV2
    if isinstance(model, SwinTransformer):
        return {path: m for path, m in model.named_modules()
                if (isinstance(m, SwinTransformerBlock) and type(m.attn) is ShiftedWindowAttention)
                or (isinstance(m, SwinTransformerBlockV2) and type(m.attn) is ShiftedWindowAttentionV2)}
    if isinstance(model, VisionTransformer):
        return {path: m for path, m in model.named_modules() if isinstance(m, EncoderBlock)}
    raise errors.unknown_model(spec.text, f"{type(model).__name__} is not a torchvision Swin or ViT, "
                                          "the torchvision families the exporter reads")


def export(spec, model, blocks, x):
    from torchvision.models.swin_transformer import SwinTransformer
    if isinstance(model, SwinTransformer):
        return _export_swin(model, blocks, x)
    return _export_vit(model, blocks, x)


def _export_swin(model, blocks, x):
    recorder = Recorder()
    for path, b in blocks.items():
        recorder.record_input(path, b.attn)
        recorder.record_softmax(path, b.attn)
    recorder.run(lambda: model(x))
    out = []
    for path, b in blocks.items():
        attn = b.attn
        features = recorder.inputs[path][0][0][0]  # (H, W, C)
        projections = blk.split_projections(attn.qkv.weight, attn.qkv.bias, attn.num_heads)
        if hasattr(attn, "logit_scale"):  # V2: cosine attention; the functional zeroes the key bias
            projections["logit_scale"] = blk.array(attn.logit_scale).reshape(attn.num_heads)
            if "bk" in projections:
                projections["bk"] = np.zeros_like(projections["bk"])
        dense = attn.get_relative_position_bias()[0]  # V2: already 16·sigmoid(cpb_mlp(·))
        settings = {"window": list(attn.window_size), "shift": list(attn.shift_size), "variant": "torchvision"}
        out.append(swin_common.export(path, features, projections, dense, tuple(attn.window_size), settings,
                                      common.only_softmax(recorder, path)))
    return out


def _ask_for_weights(kwargs):
    kwargs["need_weights"] = True
    kwargs["average_attn_weights"] = False
    return kwargs


def _export_vit(model, blocks, x):
    import torch
    recorder = Recorder()
    for path, b in blocks.items():
        recorder.record_input(path, b.self_attention, adjust_kwargs=_ask_for_weights)
        recorder.record_output(path, b.self_attention)
    fast_path = torch.backends.mha.get_fastpath_enabled()
    torch.backends.mha.set_fastpath_enabled(False)  # the plain path, whose softmax returns the weights
    try:
        recorder.run(lambda: model(x))
    finally:
        torch.backends.mha.set_fastpath_enabled(fast_path)
    side = x.shape[-1] // model.patch_size
    out = []
    for path, b in blocks.items():
        mha = b.self_attention
        tokens = blk.array(recorder.inputs[path][0][0][0])  # (1 + H·W, C), class token first
        if tokens.shape[0] != 1 + side * side:
            raise errors.ExportError(f"{path}: {tokens.shape[0]} tokens, expected 1 + {side}×{side}")
        tensors = {"features": blk.tokens_to_chw(tokens[1:], side, side), "prefix": tokens[:1].copy()}
        tensors.update(blk.split_projections(mha.in_proj_weight, mha.in_proj_bias, mha.num_heads))
        probabilities = recorder.outputs[path][1]  # (B, heads, N, N): the softmax the module computed
        tensors["attention"] = blk.array(probabilities[0])
        out.append(blk.BlockExport(path, "global", mha.num_heads, (side, side), {}, tensors,
                                   {"prefix_tokens": ["cls"]}))
    return out
