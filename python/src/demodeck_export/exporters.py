"""The three exports: image, text and tabular classifiers to a demodeck model folder."""
import os
import shutil

import numpy as np

from .checkpoints import existing_file
from .folder import ExportError, ScoresOnly, export_onnx, finish, load_module, schema_ref, tensor_json, write_json
from .staging import writes_folder
from .transforms import UnmappableTransform, image_config_from_timm, image_config_from_transforms, pil_stages

OUTPUT_KINDS = ('logits', 'probabilities', 'log-probabilities', 'sigmoid')


def _print(message):
    print(f'demodeck-export: {message}')


def _labels(labels):
    labels = [str(label) for label in (labels or [])]
    if not labels:
        raise ExportError('pass the class names in output order (CLI: --labels cat dog; Python: labels=[...])')
    if len(set(labels)) != len(labels):
        raise ExportError(f'labels repeat: {labels}')
    return labels


def _check_output(module_out, labels, output):
    if output not in OUTPUT_KINDS:
        raise ExportError(f'output must be one of {", ".join(OUTPUT_KINDS)}, not {output!r}')
    scores = np.asarray(module_out)
    if scores.ndim != 2 or scores.shape[1] != len(labels):
        raise ExportError(f'the model returns shape {list(scores.shape)}, but {len(labels)} labels were given: '
                          'it must return [batch, classes] in label order')


def _open_upright(path):
    from PIL import Image, ImageOps

    try:
        with Image.open(path) as im:
            fmt = im.format
            upright = ImageOps.exif_transpose(im)
            upright.load()
    except OSError as error:  # PIL.UnidentifiedImageError is an OSError
        raise ExportError(f'the example {path} is not an image Pillow can read ({error}): pass a JPEG or PNG photo') from error
    return upright, fmt


def _example_file(path, out, index, longest):
    """Keeps a small JPEG as is (so decoding is checked too); anything else becomes a PNG no larger than
    `longest` px. Returns (file name, the PIL image PyTorch sees, the JPEG's Pillow decoding or None)."""
    from PIL import Image

    image, fmt = _open_upright(path)
    stem = f'example-{index}'
    if fmt == 'JPEG' and os.path.getsize(path) <= 300_000 and max(image.size) <= 1024:
        name = f'{stem}.jpg'
        shutil.copyfile(path, os.path.join(out, name))
        return name, image, image
    # RGB (as PyTorch pipelines convert), so transparency cannot make demodeck and Pillow disagree.
    image = image.convert('L' if image.mode in ('L', 'I;16', 'I') else 'RGB')
    if max(image.size) > longest:
        image.thumbnail((longest, longest), Image.LANCZOS)
    name = f'{stem}.png'
    image.save(os.path.join(out, name))
    return name, image, None


@writes_folder
def export_image_classifier(model=None, out='model-export', labels=None, transform=None, timm_config=None, examples=(),
                            checkpoint=None, model_kwargs=None, name=None, description=None, output='logits',
                            tolerance=1e-4, log=_print):
    """Exports an image classifier and its eval preprocessing to a demodeck folder.

    model: nn.Module (plain, timm, torchvision, Lightning) or its class with `checkpoint`.
    transform: the torchvision eval transform (Compose); or timm_config: timm's resolve_data_config(...) dict.
    examples: image files (JPEG/PNG) that become the demo's examples and the parity samples.
    """
    import torch
    from PIL import Image

    labels = _labels(labels)
    if not examples:
        raise ExportError('pass at least one example image (CLI: --example photo.jpg): it is the demo\'s example and the parity sample')
    examples = [existing_file(path, 'the example image') for path in ([examples] if isinstance(examples, (str, os.PathLike)) else examples)]
    module = load_module(model, checkpoint, model_kwargs, log=log)
    if (transform is None) == (timm_config is None):
        raise ExportError('pass exactly one of transform= (torchvision eval transform) or timm_config= (timm data config)')
    try:
        config = image_config_from_transforms(transform) if transform is not None else image_config_from_timm(timm_config)
    except UnmappableTransform as error:
        raise ExportError(f'the preprocessing cannot be mapped to model.json: {error}') from error
    h, w = config.get('crop', {}).get('height', config['height']), config.get('crop', {}).get('width', config['width'])

    def feeds_of(image):
        if transform is not None:
            tensor = transform(image)
        else:
            pixels = np.asarray(pil_stages(config, image), np.float32) / 255
            pixels = pixels[..., None] if pixels.ndim == 2 else pixels
            tensor = torch.from_numpy(((pixels - np.array(config['mean'], np.float32)) / np.array(config['std'], np.float32)).transpose(2, 0, 1).copy())
        return tensor.unsqueeze(0).float()

    samples, demo_examples, parity_feeds = [], [], []
    for index, path in enumerate(examples):
        file, image, decoded = _example_file(path, out, index, longest=max(2 * max(h, w), 256))
        x = feeds_of(image)
        with torch.no_grad():
            y = ScoresOnly(module)(x)
        _check_output(y.numpy(), labels, output)
        stages = {}
        if decoded is not None:
            decoded.convert('L' if decoded.mode == 'L' else 'RGB').save(os.path.join(out, f'example-{index}.decoded.png'))
            stages['decoded'] = f'example-{index}.decoded.png'
        pil_stages(config, image).save(os.path.join(out, f'example-{index}.pixels.png'))
        stages['pixels'] = f'example-{index}.pixels.png'
        base = os.path.basename(str(path))
        # No inline feeds: they are stages.pixels rescaled and normalized (demodeck rebuilds them), a few KB
        # instead of megabytes of floats per 224² sample.
        samples.append({'name': f'`{base}`', 'input': {'image': file}, 'stages': stages, 'outputs': {'logits': tensor_json(y.numpy())}})
        parity_feeds.append({'feeds': {'input': tensor_json(x.numpy())}, 'outputs': samples[-1]['outputs']})
        demo_examples.append({'label': os.path.splitext(base)[0], 'image': file})
    onnx_path = os.path.join(out, 'model.onnx')
    export_onnx(module, [feeds_of(Image.new('RGB', (w, h)))], onnx_path, ['input'])
    manifest = {'$schema': schema_ref(out), 'name': name or type(module).__name__, 'task': 'image-classification',
                'model': 'model.onnx', 'labels': labels, 'output': output, 'image': config,
                'examples': demo_examples, 'reference': 'reference.json'}
    if description:
        manifest['description'] = description
    write_json(os.path.join(out, 'model.json'), manifest)
    write_json(os.path.join(out, 'reference.json'), {'tolerance': tolerance, 'producer': f'torch {torch.__version__}', 'samples': samples})
    return finish(out, onnx_path, parity_feeds, 'logits', tolerance, log)


@writes_folder
def export_text_classifier(model=None, out='model-export', tokenizer=None, tokenizer_file=None, labels=None, examples=(),
                           checkpoint=None, model_kwargs=None, name=None, max_length=128, output='logits', tolerance=1e-4,
                           log=_print):
    """Exports a text classifier to the Hugging Face layout demodeck reads (config.json with id2label,
    tokenizer.json, model.onnx with dynamic batch and sequence axes).

    model: a transformers AutoModelForSequenceClassification (or any module taking input_ids, attention_mask).
    tokenizer: a *fast* Hugging Face tokenizer (its tokenizer.json is saved), or any callable returning
    {'input_ids': [...], 'attention_mask': [...]} for one text, with tokenizer_file= the tokenizer.json to ship.
    """
    import torch

    module = load_module(model, checkpoint, model_kwargs, log=log)
    config = getattr(module, 'config', None)
    if labels is None and config is not None and getattr(config, 'id2label', None):
        labels = [config.id2label[i] for i in range(len(config.id2label))]
    labels = _labels(labels)
    if tokenizer is None:
        raise ExportError('pass the tokenizer used in training (a fast Hugging Face tokenizer)')
    if not examples:
        raise ExportError('pass at least one example text: it is the demo\'s example and the parity sample')
    if hasattr(tokenizer, 'is_fast'):
        if not tokenizer.is_fast:
            raise ExportError('the tokenizer is a slow (Python) one: load it with AutoTokenizer.from_pretrained(..., use_fast=True); '
                              'demodeck reads tokenizer.json, which only fast tokenizers write')
        tokenizer.save_pretrained(out)
        for extra in ('special_tokens_map.json', 'vocab.txt', 'merges.txt', 'vocab.json'):
            if os.path.exists(os.path.join(out, extra)):
                os.remove(os.path.join(out, extra))
    elif tokenizer_file:
        shutil.copyfile(tokenizer_file, os.path.join(out, 'tokenizer.json'))
    else:
        raise ExportError('with a plain tokenizing function, also pass tokenizer_file= (the tokenizer.json to ship)')
    if not os.path.exists(os.path.join(out, 'tokenizer.json')):
        raise ExportError('no tokenizer.json was written: demodeck needs a fast tokenizer\'s tokenizer.json')

    def encode(text):
        enc = tokenizer(text, truncation=True, max_length=max_length) if hasattr(tokenizer, 'is_fast') else tokenizer(text)
        ids = torch.tensor([list(enc['input_ids'])], dtype=torch.int64)
        mask = torch.tensor([list(enc.get('attention_mask', [1] * ids.shape[1]))], dtype=torch.int64)
        return ids, mask

    samples = []
    for text in examples:
        ids, mask = encode(text)
        with torch.no_grad():
            y = ScoresOnly(module)(ids, mask)
        _check_output(y.numpy(), labels, output)
        samples.append({'input': {'text': text}, 'feeds': {'input_ids': tensor_json(ids.numpy()), 'attention_mask': tensor_json(mask.numpy())},
                        'outputs': {'logits': tensor_json(y.numpy())}})
    onnx_path = os.path.join(out, 'model.onnx')
    export_onnx(module, encode(examples[0]), onnx_path, ['input_ids', 'attention_mask'],
                dynamic={'input_ids': {1: 'sequence'}, 'attention_mask': {1: 'sequence'}})
    write_json(os.path.join(out, 'config.json'), {'id2label': {str(i): label for i, label in enumerate(labels)},
                                                  'label2id': {label: i for i, label in enumerate(labels)},
                                                  **({'problem_type': 'multi_label_classification'} if output == 'sigmoid' else {})})
    extras = {'name': name or type(module).__name__, 'examples': [{'label': t[:40], 'text': t} for t in examples], 'maxLength': max_length}
    if output not in ('logits', 'sigmoid'):
        extras['output'] = output
    write_json(os.path.join(out, 'demodeck.json'), extras)
    write_json(os.path.join(out, 'reference.json'), {'tolerance': tolerance, 'producer': f'torch {torch.__version__}', 'samples': samples})
    return finish(out, onnx_path, samples, 'logits', tolerance, log)


def features_from(names, ranges=None, categories=None, scaler=None, mean=None, std=None, defaults=None):
    """demodeck's tabular feature list: numbers (min/max from `ranges`, standardised with a scikit-learn
    StandardScaler or mean/std lists) and categories (one-hot, in the given order)."""
    categories = categories or {}
    ranges = ranges or {}
    if len(set(names)) != len(names):
        raise ExportError(f'feature names repeat: {[n for n in names if list(names).count(n) > 1]}')
    numeric = [n for n in names if n not in categories]
    if scaler is not None:
        mean, std = list(getattr(scaler, 'mean_')), list(getattr(scaler, 'scale_'))
    if mean is not None and (len(mean) != len(numeric) or len(std) != len(numeric)):
        raise ExportError(f'the scaler has {len(mean)} columns but there are {len(numeric)} number features')
    features, k = [], 0
    for n in names:
        if n in categories:
            f = {'name': n, 'type': 'category', 'categories': [str(c) for c in categories[n]], 'encoding': 'one-hot'}
        else:
            f = {'name': n, 'type': 'number'}
            if n in ranges:
                f['min'], f['max'] = float(ranges[n][0]), float(ranges[n][1])
            if mean is not None:
                f.update(encoding='standardize', mean=float(mean[k]), std=float(std[k]))
            k += 1
        if defaults and n in defaults:
            f['default'] = defaults[n]
        features.append(f)
    return features


def encode_row(features, row):
    values = []
    for f in features:
        v = row[f['name']]
        if f['type'] == 'category':
            values.extend(1.0 if str(v) == c else 0.0 for c in f['categories'])
        elif f.get('encoding') == 'standardize':
            values.append((float(v) - f['mean']) / f['std'])
        else:
            values.append(float(v))
    return np.array([values], np.float32)


@writes_folder
def export_tabular_classifier(model=None, out='model-export', features=None, labels=None, examples=(), checkpoint=None,
                              model_kwargs=None, name=None, output='logits', tolerance=1e-4, log=_print):
    """Exports a tabular classifier (a module taking the encoded float row [batch, n]) with its feature list
    (see features_from) to a demodeck folder."""
    import torch

    labels = _labels(labels)
    module = load_module(model, checkpoint, model_kwargs, log=log)
    if not features:
        raise ExportError('pass the features (see demodeck_export.features_from)')
    if not examples:
        raise ExportError('pass at least one example row (a dict of feature values)')
    samples = []
    for row in examples:
        missing = [f['name'] for f in features if f['name'] not in row]
        if missing:
            raise ExportError(f'an example row lacks {missing}')
        x = torch.from_numpy(encode_row(features, row))
        with torch.no_grad():
            y = ScoresOnly(module)(x)
        _check_output(y.numpy(), labels, output)
        samples.append({'input': {'features': {f['name']: row[f['name']] for f in features}}, 'feeds': {'input': tensor_json(x.numpy())},
                        'outputs': {'logits': tensor_json(y.numpy())}})
    onnx_path = os.path.join(out, 'model.onnx')
    export_onnx(module, [torch.from_numpy(encode_row(features, examples[0]))], onnx_path, ['input'])
    write_json(os.path.join(out, 'model.json'), {
        '$schema': schema_ref(out), 'name': name or type(module).__name__, 'task': 'tabular-classification', 'model': 'model.onnx',
        'labels': labels, 'output': output, 'tabular': {'features': features},
        'examples': [{'label': f'example {i + 1}', 'features': s['input']['features']} for i, s in enumerate(samples)],
        'reference': 'reference.json'})
    write_json(os.path.join(out, 'reference.json'), {'tolerance': tolerance, 'producer': f'torch {torch.__version__}', 'samples': samples})
    return finish(out, onnx_path, samples, 'logits', tolerance, log)
