"""Command line: `python -m demodeck_export image|text|tabular ...` (or `demodeck-export` once pip-installed).

Objects are named `module:attribute` (e.g. `src.models.model:MyNet`, `src.data:eval_transform`) and imported
with the current directory on sys.path, so it runs from a student's project root.
"""
import argparse
import importlib
import json
import os
import sys

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
    return p


def main(argv=None):
    args = _parser().parse_args(argv)
    try:
        model = _load(args.model, '--model')
        kwargs = json.loads(args.model_kwargs)
        common = dict(model=model, checkpoint=args.checkpoint, model_kwargs=kwargs, out=args.out, labels=args.labels,
                      name=args.name, output=args.output, tolerance=args.tolerance)
        if args.kind == 'image':
            if args.timm:
                from timm.data import resolve_data_config
                from .folder import load_module
                module = load_module(model, args.checkpoint, kwargs)
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
            export_text_classifier(**common, tokenizer=AutoTokenizer.from_pretrained(args.tokenizer, use_fast=True),
                                   examples=args.example, max_length=args.max_length)
        else:
            with open(args.features) as f:
                spec = json.load(f)
            with open(args.example) as f:
                rows = json.load(f)
            features = features_from(spec['names'], spec.get('ranges'), spec.get('categories'), mean=spec.get('mean'), std=spec.get('std'))
            export_tabular_classifier(**common, features=features, examples=rows)
    except ExportError as error:
        print(f'demodeck-export: error: {error}', file=sys.stderr)
        return 2
    return 0
