"""Records, during one forward pass, what chosen modules read and the attention probabilities
their own forward computes.

The probabilities are the module's own: a TorchFunctionMode is active exactly while the attention
module runs and keeps the result of every softmax it calls (Tensor.softmax, torch.softmax,
F.softmax, nn.Softmax all pass through it). A block whose forward calls softmax other than once is
refused rather than guessed at."""
import torch
from torch.overrides import TorchFunctionMode

from . import errors

_SOFTMAXES = {torch.Tensor.softmax, torch.softmax, torch.nn.functional.softmax, torch.special.softmax}


class _SoftmaxRecorder(TorchFunctionMode):
    def __init__(self):
        super().__init__()
        self.results = []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        result = func(*args, **(kwargs or {}))
        if func in _SOFTMAXES:
            self.results.append(result.detach().clone())
        return result


class Recorder:
    """Hooks modules, then holds what they saw: `inputs[key]` (args, kwargs), `outputs[key]`,
    `softmax[key]` (the list of softmax results inside that module's forward)."""

    def __init__(self):
        self.inputs, self.outputs, self.softmax = {}, {}, {}
        self._handles = []
        self._active = []

    def record_input(self, key, module, adjust_kwargs=None):
        """Keeps the module's arguments; `adjust_kwargs(kwargs)` may change the call (e.g. ask
        nn.MultiheadAttention for its weights)."""
        def hook(_module, args, kwargs):
            if adjust_kwargs is not None:
                kwargs = adjust_kwargs(dict(kwargs))
            self.inputs[key] = (args, kwargs)
            return args, kwargs
        self._handles.append(module.register_forward_pre_hook(hook, with_kwargs=True))

    def record_output(self, key, module):
        def hook(_module, _args, output):
            self.outputs[key] = output
        self._handles.append(module.register_forward_hook(hook))

    def record_softmax(self, key, module):
        """Keeps every softmax computed directly inside `module`'s forward (a softmax nested in
        another overridable torch function is not seen: that function runs with the mode off)."""
        def before(_module, args, kwargs):
            recorder = _SoftmaxRecorder()
            recorder.__enter__()
            self._active.append((key, recorder))
            return args, kwargs

        def after(_module, _args, _kwargs, output):
            key_, recorder = self._active.pop()
            recorder.__exit__(None, None, None)
            self.softmax[key_] = recorder.results
            return output

        self._handles.append(module.register_forward_pre_hook(before, with_kwargs=True))
        self._handles.append(module.register_forward_hook(after, with_kwargs=True))

    def run(self, function):
        """Runs `function()` with the hooks in place and removes them afterwards, also when it
        fails (a mode left on the stack would leak into everything after)."""
        try:
            with torch.no_grad():
                return function()
        except errors.ExportError:
            raise
        except Exception as error:  # the library's own failure on this model and input
            text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise errors.forward_failed(text[:300])
        finally:
            while self._active:
                _key, recorder = self._active.pop()
                recorder.__exit__(None, None, None)
            for handle in self._handles:
                handle.remove()
            self._handles = []
