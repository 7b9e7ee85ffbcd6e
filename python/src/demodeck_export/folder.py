"""Writing a demodeck model folder: ONNX export with a dynamic batch axis, model.json / config.json,
reference.json with parity samples (images as small PNG files), the schema for editors, a parity figure
from onnxruntime when it is installed, and the folder's size."""
import json
import os
import shutil

import numpy as np

from .checkpoints import constructor_hparams, existing_file, load_weights, read_checkpoint, split_checkpoint
from .errors import ExportError
from .staging import shown_name

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'model.schema.json')


def load_module(model, checkpoint=None, model_kwargs=None, log=print):
    """An eval-mode nn.Module from a module, or a class + checkpoint (Lightning's .ckpt or a state_dict .pt).

    A Lightning checkpoint holds weights and hyper-parameters, not code: the class is needed to rebuild it.
    """
    import torch

    if checkpoint is None:
        if isinstance(model, type):
            raise ExportError(f'{model.__name__} is a class: pass an instance, or the class with a checkpoint')
        if not isinstance(model, torch.nn.Module):
            raise ExportError(f'expected a torch.nn.Module, got {type(model).__name__}')
        return model.eval()
    if model is None:
        raise ExportError(f'{checkpoint} holds weights, not the model\'s code: also pass its class '
                          '(CLI: --model mypackage.models:MyNet; Python: model=MyNet)')
    if model_kwargs is not None and not isinstance(model_kwargs, dict):
        raise ExportError(f'model_kwargs must be a dict of constructor arguments, not {type(model_kwargs).__name__}')
    checkpoint = existing_file(checkpoint, 'the checkpoint')
    if isinstance(model, type) and hasattr(model, 'load_from_checkpoint'):
        try:
            return model.load_from_checkpoint(checkpoint, map_location='cpu', **(model_kwargs or {})).eval()
        except RuntimeError as error:
            if 'size mismatch' not in str(error):
                raise
            lines = [line.strip() for line in str(error).splitlines() if 'size mismatch' in line]
            raise ExportError(f'the checkpoint does not fit {model.__name__}: {lines[0] if lines else error}; '
                              'pass the constructor arguments it was trained with (CLI: --model-kwargs \'{"num_classes": 10}\')') from error
    state = read_checkpoint(checkpoint, log)
    if isinstance(state, torch.nn.Module):
        return state.eval()
    if not isinstance(state, dict):
        raise ExportError(f'{checkpoint} holds a {type(state).__name__}, neither a Lightning checkpoint nor a state_dict')
    weights, hparams, _ = split_checkpoint(state)
    if weights is None:
        raise ExportError(f'{checkpoint} is neither a Lightning checkpoint nor a state_dict (its keys: {sorted(map(str, state))[:6]}); '
                          'save it with torch.save(model.state_dict(), path)')
    module = model if not isinstance(model, type) else None
    if module is None:
        hparams = constructor_hparams(model, hparams, log, checkpoint)
        try:
            module = model(**{**hparams, **(model_kwargs or {})})
        except TypeError as error:
            raise ExportError(f'cannot build {model.__name__} from the checkpoint\'s hyper_parameters {sorted(hparams)}: {error}; '
                              'pass the constructor arguments (CLI: --model-kwargs \'{"num_classes": 10}\')') from error
    load_weights(module, model, {**hparams, **(model_kwargs or {})}, weights, checkpoint, log)
    return module.eval()


class ScoresOnly:
    """Wraps a module whose forward returns a Hugging Face ModelOutput or a tuple: returns the logits tensor."""

    def __new__(cls, module):
        import torch

        class _Wrapped(torch.nn.Module):
            def __init__(self, inner):
                super().__init__()
                self.inner = inner

            def forward(self, *args):
                out = self.inner(*args)
                if hasattr(out, 'logits'):
                    return out.logits
                if isinstance(out, (tuple, list)):
                    return out[0]
                return out

        return _Wrapped(module).eval()


def export_onnx(module, args, path, input_names, output_name='logits', dynamic=None, opset=17):
    """torch.onnx.export with a dynamic batch axis (and the given extra dynamic axes), then onnx.checker."""
    import onnx
    import torch

    axes = {name: {0: 'batch'} for name in input_names}
    axes[output_name] = {0: 'batch'}
    for name, extra in (dynamic or {}).items():
        axes.setdefault(name, {}).update(extra)
    with torch.no_grad():
        torch.onnx.export(ScoresOnly(module), tuple(args), path, input_names=list(input_names), output_names=[output_name],
                          dynamic_axes=axes, opset_version=min(opset, _max_opset()), do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path))


def _max_opset():
    try:
        from torch.onnx._constants import ONNX_MAX_OPSET
        return ONNX_MAX_OPSET
    except ImportError:
        return 17


def tensor_json(array, kind=None):
    array = np.asarray(array)
    kind = kind or ('int64' if array.dtype.kind in 'iu' else 'float32')
    data = [int(v) for v in array.ravel()] if kind == 'int64' else [float(v) for v in array.astype(np.float32).ravel()]
    return {'type': kind, 'dims': list(array.shape), 'data': data}


def write_json(path, value):
    with open(path, 'w', encoding='utf8') as f:
        json.dump(value, f, indent=2, ensure_ascii=False)
        f.write('\n')


def schema_ref(out):
    """A `$schema` that resolves offline wherever the deck lives: the schema is copied to <deck>/schemas/
    when the folder sits in <deck>/models/<id>, else next to model.json."""
    parent = os.path.dirname(os.path.abspath(out))
    if os.path.basename(parent) == 'models':
        target = os.path.join(os.path.dirname(parent), 'schemas', 'model.schema.json')
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.exists(target):
            shutil.copyfile(SCHEMA, target)
        return '../../schemas/model.schema.json'
    shutil.copyfile(SCHEMA, os.path.join(out, 'model.schema.json'))
    return './model.schema.json'


def ort_parity(onnx_path, samples, output_name, tolerance):
    """Max abs diff of onnxruntime on the reference feeds, or None when onnxruntime is not installed."""
    try:
        import onnxruntime as ort
    except ImportError:
        return None
    session = ort.InferenceSession(onnx_path, providers=['CPUExecutionProvider'])
    worst = 0.0
    for sample in samples:
        feeds = {name: np.array(t['data'], dtype=np.int64 if t['type'] == 'int64' else np.float32).reshape(t['dims'])
                 for name, t in sample['feeds'].items()}
        got = session.run([output_name], feeds)[0]
        want = np.array(sample['outputs'][output_name]['data'], np.float32).reshape(got.shape)
        worst = max(worst, float(np.abs(got - want).max()))
    return worst


def finish(out, onnx_path, samples, output_name, tolerance, log):
    """Reports the parity figure (when onnxruntime is there) and the folder size; returns a summary dict."""
    parity = ort_parity(onnx_path, samples, output_name, tolerance)
    if parity is None:
        log('parity: onnxruntime is not installed here (pip install onnxruntime to check now); demodeck checks '
            'reference.json with ONNX Runtime when it loads the folder')
    else:
        log(f'parity: ONNX Runtime vs PyTorch on {len(samples)} sample(s): max abs diff {parity:.1e} '
            f'{"<=" if parity <= tolerance else ">"} {tolerance:.0e} ({"OK" if parity <= tolerance else "FAILED: the export is wrong"})')
    files = [os.path.join(root, name) for root, _, names in os.walk(out) for name in names]
    size = sum(os.path.getsize(f) for f in files)
    log(f'{shown_name(out)}: {len(files)} files, {size / 1e6:.2f} MB')
    return {'folder': out, 'files': len(files), 'bytes': size, 'parity': parity}
