"""transformers: Swin and Swinv2 (`hf:SwinModel`, `hf:Swinv2Model`, …) built from its default
config (fields overridable as `hf:SwinModel,depths=[2,2],...`; `--size` sets `image_size`).

Read from transformers 5.25's modeling_swin.py: `SwinLayer.forward` clamps window and shift when
min(H, W) ≤ window (`set_shift_and_window_size`), feeds `layernorm_before(x)`, pads to a multiple
of the window, then rolls (the official rules: variant `official`); `SwinAttention` adds the bias
and the −100 mask and, with the eager attention, calls `nn.functional.softmax`."""
from .. import block as blk
from .. import errors
from ..capture import Recorder
from . import common, swin_common

FAMILY = "hf"


def build(spec, size, source):
    transformers = common.require(spec, "transformers")
    cls = getattr(transformers, spec.name, None)
    if cls is None or not spec.name.startswith("Swin") or not hasattr(cls, "config_class"):
        raise errors.unknown_model(spec.text, "the exporter reads transformers' Swin and Swinv2 classes "
                                              "(hf:SwinModel, hf:Swinv2Model, hf:SwinForImageClassification, …)")
    try:
        config = cls.config_class(**spec.kwargs)
    except Exception as error:
        raise common.construction_failed(spec, error)
    if size is not None:
        config.image_size = size

    def construct():
        try:
            model = cls(config)
            model.set_attn_implementation("eager")  # SDPA would compute no softmax to keep
            return model
        except Exception as error:
            raise common.construction_failed(spec, error)

    def pretrained():  # a model built from a default config has no pretrained weights anywhere
        raise errors.no_weights(spec.text)

    model = common.with_weights(spec, source, construct, pretrained)
    image_size = config.image_size if isinstance(config.image_size, int) else config.image_size[0]
    return common.Built(model, image_size)


def attention_blocks(spec, model):
    from transformers.models.swin.modeling_swin import SwinLayer
    from transformers.models.swinv2.modeling_swinv2 import Swinv2Layer
    return {path: m for path, m in model.named_modules() if isinstance(m, (SwinLayer, Swinv2Layer))}


def export(spec, model, blocks, x):
    from transformers.models.swinv2.modeling_swinv2 import Swinv2Layer
    if any(isinstance(layer, Swinv2Layer) for layer in blocks.values()):
        return _export_v2(model, blocks, x)
    return _export_v1(model, blocks, x)


def _export_v1(model, blocks, x):
    recorder = Recorder()
    nominal = {}
    for path, layer in blocks.items():
        nominal[path] = (int(layer.window_size), int(layer.shift_size))  # before forward clamps them
        recorder.record_input(path, layer)
        recorder.record_output(path, layer.layernorm_before)
        recorder.record_softmax(path, layer.attention)
    recorder.run(lambda: model(pixel_values=x))
    out = []
    for path, layer in blocks.items():
        args, kwargs = recorder.inputs[path]
        height, width = kwargs.get("input_dimensions", args[1] if len(args) > 1 else None)
        tokens = recorder.outputs[path][0]  # (H·W, C)
        features = tokens.reshape(height, width, -1)
        attention = layer.attention
        heads = attention.num_attention_heads
        projections = {}
        for name in ("q", "k", "v"):
            projections.update(blk.linear_projection(getattr(attention, f"{name}_proj"), heads, name))
        dense = attention.relative_position_bias()[0]
        window, shift = nominal[path]
        settings = {"window": window, "shift": shift, "variant": "official"}
        settings.update(blk.scale_setting(attention.scaling, attention.head_dim))
        effective = int(layer.window_size)
        out.append(swin_common.export(path, features, projections, dense, (effective, effective), settings,
                                      common.only_softmax(recorder, path)))
    return out


def _export_v2(model, blocks, x):
    """Swinv2Layer: the attention reads the layer's input itself (layernorm_before comes after it);
    the layer fixes window = min(H, window) and drops the shift when H ≤ window, from the first
    axis only — on the square maps the exporter builds, exactly the official rule. Cosine attention
    with `logit_scale`; the bias is 16·sigmoid of the block's own continuous_position_bias_mlp
    output, gathered with its relative_position_index. (Swinv2SelfAttention adds the −100 mask
    twice; at −200 or −100 the masked probabilities are 0 in float32 alike.)"""
    import torch
    recorder = Recorder()
    for path, layer in blocks.items():
        recorder.record_input(path, layer)
        recorder.record_output(path, layer.attention.self.continuous_position_bias_mlp)
        recorder.record_softmax(path, layer.attention.self)
    recorder.run(lambda: model(pixel_values=x))
    out = []
    for path, layer in blocks.items():
        args, kwargs = recorder.inputs[path]
        height, width = kwargs.get("input_dimensions", args[1] if len(args) > 1 else None)
        features = args[0][0].reshape(height, width, -1)
        attention = layer.attention.self
        heads = attention.num_attention_heads
        projections = {}
        for name, linear in (("q", attention.query), ("k", attention.key), ("v", attention.value)):
            projections.update(blk.linear_projection(linear, heads, name))
        projections["logit_scale"] = blk.array(attention.logit_scale).reshape(heads)
        window = int(layer.window_size)
        table = recorder.outputs[path].reshape(-1, heads)
        index = attention.relative_position_index.reshape(-1)
        dense = 16 * torch.sigmoid(table[index].reshape(window * window, window * window, heads))
        settings = {"window": window, "shift": int(layer.shift_size), "variant": "official"}
        out.append(swin_common.export(path, features, projections, dense.permute(2, 0, 1), (window, window),
                                      settings, common.only_softmax(recorder, path)))
    return out
