"""Reading a student's checkpoint into a model: where the weights sit in the file (a bare state_dict,
Lightning's `state_dict`, a tutorial's `model_state_dict`), the prefix a wrapper put on their keys
(Lightning's `model.`, DataParallel's `module.`, torch.compile's `_orig_mod.`), and, when the shapes do not
fit, which layer differs and which constructor argument would make it fit.

[Note: refusals, not tracebacks]
Each problem here becomes an ExportError whose one line names the fix: PyTorch's own messages
("size mismatch for head.weight: copying a param with shape torch.Size([10, 16]) …") are correct but do not
say that `--model-kwargs '{"num_classes": 10}'` is what the student has to type.
"""
import inspect
import json
import os
import re

from .errors import ExportError

# Where tutorials and trainers put the weights inside a saved dict, most specific first.
STATE_KEYS = ('state_dict', 'model_state_dict', 'model_state', 'model', 'net', 'weights')


def existing_file(path, what):
    """`path` when it is a readable file, else an ExportError naming where it was looked for."""
    text = os.fspath(path)
    if not os.path.exists(text):
        raise ExportError(f'{what} {text} does not exist (looked for {os.path.abspath(text)}; '
                          f'relative paths start in {os.getcwd()})')
    if os.path.isdir(text):
        raise ExportError(f'{what} {text} is a folder: pass the file')
    return text


def _version(text):
    """(major, minor) of a version string such as '2.6.0+cu124' or '1.13.0a0'; (0, 0) when unreadable."""
    match = re.match(r'\s*(\d+)\.(\d+)', str(text))
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def safe_load_kwargs(torch_version):
    """torch.load's arguments for a first, safe try: weights_only=True wherever torch has it (1.13 and later;
    the default since 2.6). A whole pickled model then fails, see read_checkpoint."""
    return {'weights_only': True} if _version(torch_version) >= (1, 13) else {}


def is_weights_only_refusal(error):
    """Whether torch.load failed because weights_only=True met Python objects (not because the file is bad)."""
    return 'weights only load failed' in str(error).lower() or 'weights_only' in str(error)


def read_checkpoint(path, log):
    """torch.load of a checkpoint the user named, on the CPU; a file torch cannot read is refused saying so.

    [Note: weights_only]
    It loads with weights_only=True first (tensors and plain containers only: nothing in the file can run).
    A whole model saved with torch.save(model), or objects among a checkpoint's hyper-parameters, fail that
    way (torch ≥ 2.6 fails so by default, with UnpicklingError); for this file, which the user named, it then
    loads with weights_only=False, which runs code stored in the file, and says so.
    """

    import torch

    def refuse(error):
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return ExportError(f'{path} is not a PyTorch checkpoint torch {torch.__version__} can read ({first}); '
                           'pass the .ckpt or .pt file written by torch.save')

    kwargs = safe_load_kwargs(torch.__version__)
    try:
        return torch.load(path, map_location='cpu', **kwargs)
    except Exception as error:  # noqa: BLE001 — torch.load fails on a bad file in many ways (IndexError, KeyError …)
        if not kwargs or not is_weights_only_refusal(error):
            raise refuse(error) from error
    log(f'{path} holds Python objects, not only tensors (a model saved whole with torch.save(model), or objects in '
        'its hyper-parameters): loading it with weights_only=False, which runs code stored in the file; fine for your '
        'own checkpoint, never for one from elsewhere (save torch.save(model.state_dict(), path) to avoid it)')
    try:
        return torch.load(path, map_location='cpu', weights_only=False)
    except Exception as error:  # noqa: BLE001 — torch.load fails on a bad file in many ways (IndexError, KeyError …)
        raise refuse(error) from error


def constructor_hparams(cls, hparams, log, source):
    """The checkpoint's hyper-parameters that `cls` accepts: a LightningModule saves its own (lr, batch_size …),
    which the network class it wraps does not take."""
    try:
        params = inspect.signature(cls.__init__).parameters
    except (TypeError, ValueError):
        return dict(hparams)
    if any(p.kind == p.VAR_KEYWORD for p in params.values()):
        return dict(hparams)
    kept = {k: v for k, v in hparams.items() if k in params}
    dropped = sorted(k for k in hparams if k not in kept)
    if dropped:
        log(f"{source}: hyper_parameters {', '.join(dropped)} are not arguments of {cls.__name__}: not passed to it")
    return kept


def _is_weights(value):
    import torch

    return isinstance(value, dict) and bool(value) and all(isinstance(v, torch.Tensor) for v in value.values())


def split_checkpoint(state):
    """(weights, hyper-parameters, the key the weights were under or None) of a loaded checkpoint dict."""
    hparams = state.get('hyper_parameters', {}) if isinstance(state.get('hyper_parameters'), dict) else {}
    if _is_weights(state):
        return state, hparams, None
    for key in STATE_KEYS:
        if _is_weights(state.get(key)):
            return state[key], hparams, key
    # Lightning keeps metric states and buffers beside tensors: accept a mostly-tensor state_dict too.
    if isinstance(state.get('state_dict'), dict):
        return state['state_dict'], hparams, 'state_dict'
    return None, hparams, None


def strip_prefix(weights, model_keys):
    """(weights with a wrapper's key prefix removed, that prefix or '') — the prefix whose removal lets the
    most of the model's keys be found. Keys outside the prefix (a Lightning module's loss or metrics) drop out."""
    model_keys = set(model_keys)
    best, best_hits = '', len(model_keys & set(weights))
    candidates = set()
    for key in weights:
        parts = key.split('.')
        for depth in range(1, min(len(parts), 4)):
            candidates.add('.'.join(parts[:depth]) + '.')
    for prefix in sorted(candidates, key=len):
        hits = sum(1 for k in weights if k.startswith(prefix) and k[len(prefix):] in model_keys)
        if hits > best_hits:
            best, best_hits = prefix, hits
    if not best:
        return weights, ''
    return {k[len(best):]: v for k, v in weights.items() if k.startswith(best)}, best


def shape_mismatches(weights, model_state):
    """[(key, shape in the checkpoint, shape in the model)] for the keys both have with different shapes."""
    out = []
    for key, tensor in model_state.items():
        if key in weights and hasattr(weights[key], 'shape') and tuple(weights[key].shape) != tuple(tensor.shape):
            out.append((key, list(weights[key].shape), list(tensor.shape)))
    return out


def constructor_values(cls, given):
    """The constructor's integer arguments as the model was built: defaults, overridden by `given`."""
    if not isinstance(cls, type):
        return {}
    try:
        params = inspect.signature(cls.__init__).parameters
    except (TypeError, ValueError):
        return {}
    values = {name: p.default for name, p in params.items() if name != 'self' and isinstance(p.default, int)
              and not isinstance(p.default, bool)}
    values.update({k: v for k, v in (given or {}).items() if k in params and isinstance(v, int) and not isinstance(v, bool)})
    return values


def suggest_kwargs(mismatches, values):
    """Constructor arguments that would give the checkpoint's sizes: an int argument equal to the model's size
    on an axis where the checkpoint's size differs, set to the checkpoint's size (e.g. num_classes 3 → 10)."""
    suggestion = {}
    for _, ckpt, model in mismatches:
        if len(ckpt) != len(model):
            continue
        for have, want in zip(model, ckpt):
            if have == want:
                continue
            for name, value in values.items():
                if value == have and name not in suggestion:
                    suggestion[name] = want
    # A size shared by several arguments (e.g. hidden=16, channels=16) is ambiguous: prefer class-like names.
    classy = {k: v for k, v in suggestion.items() if any(w in k.lower() for w in ('class', 'label', 'out', 'target'))}
    return classy or suggestion


def mismatch_message(module, cls, given, mismatches):
    """One line: which layers differ, their shapes in the checkpoint vs the model, and the likely fix."""
    name = type(module).__name__
    shown = ', '.join(f'{key} is {ckpt} in the checkpoint but {model} in {name}' for key, ckpt, model in mismatches[:3])
    more = f' (and {len(mismatches) - 3} more)' if len(mismatches) > 3 else ''
    hint = suggest_kwargs(mismatches, constructor_values(cls, given))
    if hint:
        kwargs = json.dumps({**(given or {}), **hint})
        fix = (f'build it as it was trained: CLI --model-kwargs \'{kwargs}\' (Python: model_kwargs={kwargs})' if isinstance(cls, type)
               else f'build the instance as it was trained ({", ".join(f"{k}={v}" for k, v in hint.items())})')
    else:
        fix = ('build it with the constructor arguments it was trained with (CLI: --model-kwargs \'{"num_classes": 10}\')'
               if isinstance(cls, type) else 'build the instance with the sizes it was trained with')
    return f'the checkpoint does not fit {name}: {shown}{more}; {fix}'


def load_weights(module, cls, given, weights, source, log):
    """Loads `weights` into `module` (prefix stripped, shapes checked first); refuses with the fix."""
    model_state = module.state_dict()
    weights, prefix = strip_prefix(weights, model_state.keys())
    if prefix:
        wrapper = {'module.': 'DataParallel', '_orig_mod.': 'torch.compile'}.get(prefix, f"a LightningModule's self.{prefix[:-1]}")
        log(f"{source}: the weights' keys start with '{prefix}' ({wrapper}): stripped it to fit {type(module).__name__}")
    mismatches = shape_mismatches(weights, model_state)
    if mismatches:
        raise ExportError(mismatch_message(module, cls, given, mismatches))
    missing, unexpected = module.load_state_dict(weights, strict=False)
    if missing or (unexpected and len(unexpected) == len(weights)):
        raise ExportError(f'the checkpoint does not fit {type(module).__name__}: missing {list(missing)[:5]}, '
                          f'unexpected {list(unexpected)[:5]} (is it the right class?)')
    return module
