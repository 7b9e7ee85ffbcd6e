"""Command line: `python -m demodeck_export image|text|tabular ...` (or `demodeck-export` once pip-installed).

Objects are named `module:attribute` (e.g. `src.models.model:MyNet`, `src.data:eval_transform`) and imported
with the current directory on sys.path, so it runs from a student's project root.

[Note: one line, exit 2]
A refusal (ExportError: a missing file, arguments that are not JSON, a checkpoint that does not fit) prints
`demodeck-export: error: <what and the fix>` and exits 2, as argparse does for a bad flag. Anything else (an
error inside the student's own model code, say) prints one line naming the exception and where it was raised,
exits 1, and `--traceback` shows the whole traceback.
"""
import argparse
import importlib
import json
import os
import sys
import traceback

from .exporters import export_image_classifier, export_tabular_classifier, export_text_classifier, features_from
from .folder import ExportError


def _load(ref, what):
    if ':' not in ref:
        raise ExportError(f'{what} "{ref}" must look like package.module:name')
    module_name, attr = ref.split(':', 1)
    sys.path.insert(0, os.getcwd())
    try:
        value = importlib.import_module(module_name)
    except ImportError as error:
        raise ExportError(f'cannot import {module_name} for {what}: {error}') from error
    for part in attr.split('.'):
        if not hasattr(value, part):
            raise ExportError(f'{module_name} has no {attr} (for {what})')
        value = getattr(value, part)
    return value


def _model_kwargs(text):
    try:
        kwargs = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExportError(f'--model-kwargs is not JSON ({error.msg} at character {error.pos + 1} of {text}): write it as '
                          '\'{"num_classes": 3}\' (keys and strings in double quotes, the whole in single quotes)') from error
    if not isinstance(kwargs, dict):
        raise ExportError(f'--model-kwargs must be a JSON object of constructor arguments like \'{{"num_classes": 3}}\', not {text}')
    return kwargs


def _json_file(path, what):
    from .checkpoints import existing_file

    existing_file(path, what)
    try:
        with open(path, encoding='utf8') as f:
            return json.load(f)
    except json.JSONDecodeError as error:
        raise ExportError(f'{what} {path} is not JSON: {error.msg} at line {error.lineno}, column {error.colno}') from error
    except (OSError, UnicodeDecodeError) as error:
        raise ExportError(f'cannot read {what} {path}: {error}') from error


def _unexpected(error):
    """One line for an error that is not a refusal: its type, message and the innermost frame it came from."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f' (at {frames[-1].filename}:{frames[-1].lineno} in {frames[-1].name})' if frames else ''
    message = str(error).strip().splitlines()[0] if str(error).strip() else ''
    return f'{type(error).__name__}: {message}{where}; run again with --traceback to see the whole traceback'


def _parser():
    p = argparse.ArgumentParser(prog='demodeck-export', description='Export a PyTorch classifier to a demodeck model folder.')
    sub = p.add_subparsers(dest='kind', required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument('--model', required=True, help='module:Class (with --checkpoint) or module:instance')
    common.add_argument('--checkpoint', help='Lightning .ckpt or a state_dict .pt')
    common.add_argument('--model-kwargs', default='{}', help='JSON constructor arguments for the class')
    common.add_argument('--out', required=True, help='the model folder to write, e.g. my-deck/models/pets')
    common.add_argument('--labels', nargs='+', help='class names in output order')
    common.add_argument('--name', help='display name')
    common.add_argument('--output', default='logits', choices=['logits', 'probabilities', 'log-probabilities', 'sigmoid'])
    common.add_argument('--tolerance', type=float, default=1e-4)
    common.add_argument('--traceback', action='store_true', help='show the whole Python traceback of an unexpected error')
    image = sub.add_parser('image', parents=[common], help='image classifier')
    image.add_argument('--transform', help='module:name of the torchvision eval transform')
    image.add_argument('--timm', action='store_true', help="use timm's data config of the model (resolve_data_config)")
    image.add_argument('--example', nargs='+', required=True, help='example images (also the parity samples)')
    text = sub.add_parser('text', parents=[common], help='text classifier (Hugging Face)')
    text.add_argument('--tokenizer', required=True, help='Hugging Face tokenizer name or folder (fast tokenizer)')
    text.add_argument('--example', nargs='+', required=True, help='example texts')
    text.add_argument('--max-length', type=int, default=128)
    tab = sub.add_parser('tabular', parents=[common], help='tabular classifier')
    tab.add_argument('--features', required=True, help='JSON file: {"names": [...], "ranges": {...}, "categories": {...}, "mean": [...], "std": [...]}')
    tab.add_argument('--example', required=True, help='JSON file with a list of example rows')
    quant = sub.add_parser('quantize', help='dynamic int8 copy of a model folder (Gather, Gemm, MatMul weights)')
    quant.add_argument('src', help='the model folder, e.g. my-deck/models/tweets')
    quant.add_argument('dst', help='the folder to write, e.g. my-deck/models/tweets-int8')
    quant.add_argument('--name', help='display name (default: the model\'s name + " (int8)")')
    quant.add_argument('--traceback', action='store_true', help='show the whole Python traceback of an unexpected error')
    return p


def main(argv=None):
    """Runs the command line; returns the exit code (0 done, 2 refused with the fix, 1 an unexpected error)."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except ExportError as error:
        print(f'demodeck-export: error: {error}', file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 — see [Note: one line, exit 2]
        if args.traceback:
            traceback.print_exc()
        print(f'demodeck-export: error: {_unexpected(error)}', file=sys.stderr)
        return 1


def _run(args):
    if args.kind == 'quantize':
        from .quantize import quantize_folder
        done = quantize_folder(args.src, args.dst, name=args.name)
        ops = ', '.join(f'{n} {op}' for op, n in done['quantized'].items())
        print(f"{args.dst}: {done['model']} {done['bytes_before'] / 1e6:.1f} MB -> {done['bytes_after'] / 1e6:.1f} MB ({ops} quantized). "
              f'Compare it with the original: ::demo{{model="{os.path.basename(os.path.normpath(args.src))}" compare="{os.path.basename(os.path.normpath(args.dst))}"}}')
        return 0
    model = _load(args.model, '--model')
    kwargs = _model_kwargs(args.model_kwargs)
    common = dict(model=model, checkpoint=args.checkpoint, model_kwargs=kwargs, out=args.out, labels=args.labels,
                  name=args.name, output=args.output, tolerance=args.tolerance)
    if args.kind == 'image':
        if args.timm:
            try:
                from timm.data import resolve_data_config
            except ImportError as error:
                raise ExportError('--timm needs timm (pip install timm), the library the model comes from') from error
            from .exporters import _print
            from .folder import load_module
            module = load_module(model, args.checkpoint, kwargs, log=_print)
            common.update(model=module, checkpoint=None)
            export_image_classifier(**common, timm_config=resolve_data_config({}, model=module), examples=args.example)
        else:
            if not args.transform:
                raise ExportError('pass --transform module:name (the torchvision eval transform) or --timm')
            export_image_classifier(**common, transform=_load(args.transform, '--transform'), examples=args.example)
    elif args.kind == 'text':
        try:
            from transformers import AutoTokenizer
        except ImportError as error:
            raise ExportError('the text export needs transformers (pip install transformers)') from error
        try:
            tokenizer = AutoTokenizer.from_pretrained(args.tokenizer, use_fast=True)
        except (OSError, ValueError) as error:
            raise ExportError(f'cannot load the tokenizer {args.tokenizer}: {str(error).strip().splitlines()[0]} '
                              '(pass the Hugging Face name or the folder it was saved to)') from error
        export_text_classifier(**common, tokenizer=tokenizer, examples=args.example, max_length=args.max_length)
    else:
        spec = _json_file(args.features, '--features')
        rows = _json_file(args.example, '--example')
        if not isinstance(spec, dict) or not isinstance(spec.get('names'), list):
            raise ExportError(f'--features {args.features} must hold {{"names": [...], "ranges": {{...}}, "categories": {{...}}, "mean": [...], "std": [...]}}')
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise ExportError(f'--example {args.example} must hold a list of rows like [{{"{spec["names"][0] if spec["names"] else "feature"}": 1.0}}]')
        features = features_from(spec['names'], spec.get('ranges'), spec.get('categories'), mean=spec.get('mean'), std=spec.get('std'))
        export_tabular_classifier(**common, features=features, examples=rows)
    return 0
