"""Maps a torchvision eval transform or a timm data config to demodeck's model.json `image` block, exactly.

demodeck preprocesses images the way torchvision does on PIL images: decode like Pillow, optional PIL "L"
conversion, Pillow's own Image.resize with the same filter, torchvision's centre-crop offset (Python round),
ToTensor's /255, Normalize. Anything it cannot reproduce exactly (random augmentations, Lambda, resizing a
tensor instead of a PIL image, Grayscale after Resize, ...) is refused with a message naming the transform
and the fix, never approximated.

Classes are recognised by name, so torchvision itself is only needed to build the transform.
"""

PIL_CODES = {'nearest': 0, 'lanczos': 1, 'bilinear': 2, 'bicubic': 3, 'box': 4, 'hamming': 5}
RANDOM = ('Random', 'ColorJitter', 'AutoAugment', 'RandAugment', 'TrivialAugmentWide', 'AugMix', 'GaussianBlur',
          'ElasticTransform')


class UnmappableTransform(ValueError):
    """A preprocessing step demodeck cannot reproduce exactly; the message says which and what to do."""


def _interp_code(value):
    """PIL resample code from an InterpolationMode, a PIL constant or a name such as 'bicubic'."""
    raw = getattr(value, 'value', value)
    if isinstance(raw, int) and 0 <= raw <= 5:
        return raw
    name = str(raw).lower().split('.')[-1]
    if name not in PIL_CODES:
        raise UnmappableTransform(f'interpolation {value!r} has no Pillow filter; use bilinear, bicubic, nearest, lanczos, box or hamming')
    return PIL_CODES[name]


def _size2(size, what):
    """(height, width) from an int or a 1/2-sequence; None for 'shortest edge' ints."""
    if isinstance(size, int):
        return None, size
    size = list(size)
    if len(size) == 1:
        return None, int(size[0])
    if len(size) == 2:
        return (int(size[0]), int(size[1])), None
    raise UnmappableTransform(f'{what} size {size!r} is neither an int nor (height, width)')


def flatten(transform):
    """The steps of a Compose / nn.Sequential / list, nested ones included."""
    if isinstance(transform, (list, tuple)):
        steps = list(transform)
    elif hasattr(transform, 'transforms'):
        steps = list(transform.transforms)
    elif type(transform).__name__ == 'Sequential':
        steps = list(transform.children())
    else:
        steps = [transform]
    out = []
    for step in steps:
        if step is not transform and (hasattr(step, 'transforms') or type(step).__name__ == 'Sequential' or isinstance(step, (list, tuple))):
            out.extend(flatten(step))
        else:
            out.append(step)
    return out


def image_config_from_transforms(transform):
    """model.json `image` block for a torchvision eval transform (Compose of Resize, CenterCrop, Grayscale,
    ToTensor / PILToTensor + ConvertImageDtype, Normalize).

    Raises UnmappableTransform naming the step that cannot be reproduced exactly.
    """
    resize = None  # ('stretch', (h, w)) or ('shortest', n)
    crop = None
    channels = 3
    scale = None
    tensor = None  # None: PIL image; 'uint8' or 'float'
    mean = std = None
    resample = 2
    for step in flatten(transform):
        name = type(step).__name__
        if name.startswith(RANDOM) or name in ('RandomErasing',):
            raise UnmappableTransform(
                f'{name} is a random augmentation: pass the evaluation transform (the one used for validation/test), not the training one')
        if name == 'Lambda':
            raise UnmappableTransform('transforms.Lambda runs code demodeck cannot read: replace it by torchvision transforms, '
                                      'or write model.json\'s "image" block yourself (see the README table)')
        if name == 'Resize':
            if tensor:
                raise UnmappableTransform('Resize comes after ToTensor, so it resizes a tensor (torch interpolation), which demodeck does '
                                          'not reproduce: resize the PIL image (put Resize before ToTensor) and re-train or accept the difference')
            if getattr(step, 'max_size', None):
                raise UnmappableTransform('Resize(max_size=...) is not supported: use Resize(size) or Resize((h, w))')
            hw, edge = _size2(step.size, 'Resize')
            resize = ('stretch', hw) if hw else ('shortest', edge)
            resample = _interp_code(getattr(step, 'interpolation', 2))
        elif name == 'CenterCrop':
            if tensor:
                raise UnmappableTransform('CenterCrop comes after ToTensor: put it before ToTensor, on the PIL image')
            hw, edge = _size2(step.size, 'CenterCrop')
            crop = hw or (edge, edge)
        elif name == 'Grayscale':
            if getattr(step, 'num_output_channels', 1) != 1:
                raise UnmappableTransform('Grayscale(num_output_channels=3) is not supported: use Grayscale() with a 1-channel model')
            if resize or crop or tensor:
                raise UnmappableTransform('Grayscale comes after Resize/CenterCrop/ToTensor; demodeck converts to grayscale first, as '
                                          'Grayscale() before Resize does: move it first')
            channels = 1
        elif name == 'ToTensor':
            tensor, scale = 'float', 1 / 255
        elif name == 'PILToTensor':
            tensor, scale = 'uint8', 1.0
        elif name == 'ConvertImageDtype':
            if tensor == 'uint8' and 'float' in str(getattr(step, 'dtype', '')):
                tensor, scale = 'float', 1 / 255
            elif tensor != 'float':
                raise UnmappableTransform(f'ConvertImageDtype({getattr(step, "dtype", "?")}) here is not supported: use PILToTensor + ConvertImageDtype(torch.float32) or ToTensor')
        elif name == 'Normalize':
            if tensor != 'float':
                raise UnmappableTransform('Normalize before ToTensor/ConvertImageDtype(float) is not supported')
            mean, std = [float(v) for v in step.mean], [float(v) for v in step.std]
        else:
            raise UnmappableTransform(f'{name} is not one of the transforms demodeck reproduces (Resize, CenterCrop, Grayscale, '
                                      'ToTensor, PILToTensor, ConvertImageDtype, Normalize): remove it from the eval transform or '
                                      'write model.json\'s "image" block yourself')
    if tensor != 'float':
        raise UnmappableTransform('the transform never makes a float tensor: end it with ToTensor() (and Normalize) as in training')
    if resize is None:
        raise UnmappableTransform('the transform has no Resize, so the input size depends on each photo: add the Resize used in training')
    config = {'channels': channels, 'resample': resample, 'scale': scale, 'layout': 'NCHW'}
    if resize[0] == 'stretch':
        (h, w) = resize[1]
        config.update(width=w, height=h, resize='stretch')
        if crop and crop != (h, w):
            config['crop'] = {'width': crop[1], 'height': crop[0]}
            config['cropOffset'] = 'round'
    else:
        if not crop:
            raise UnmappableTransform(f'Resize({resize[1]}) without CenterCrop gives every photo another size: add the CenterCrop used in training')
        config.update(width=crop[1], height=crop[0], resize='shortest-edge', shortestEdge=resize[1], cropOffset='round')
    if mean is not None:
        config.update(mean=mean, std=std)
    return config


def timm_transform_steps(data_config):
    """The eval steps timm's transforms_factory builds from a data config, as torchvision-like descriptions."""
    import math

    input_size = data_config.get('input_size', (3, 224, 224))
    channels, height, width = (int(v) for v in input_size)
    crop_pct = float(data_config.get('crop_pct') or 0.875)
    crop_mode = data_config.get('crop_mode') or 'center'
    interpolation = data_config.get('interpolation') or 'bilinear'
    if interpolation == 'random':
        raise UnmappableTransform('interpolation "random" is a training setting: pass the eval data config')
    if crop_mode == 'border':
        raise UnmappableTransform('timm crop_mode "border" is not supported: use "center" or "squash"')
    scale = (math.floor(height / crop_pct), math.floor(width / crop_pct))
    return channels, height, width, scale, crop_mode, interpolation


def image_config_from_timm(data_config):
    """model.json `image` block for timm's `resolve_data_config(...)` / `pretrained_cfg` (input_size,
    interpolation, mean, std, crop_pct, crop_mode), as timm's eval transform applies them."""
    channels, height, width, scale, crop_mode, interpolation = timm_transform_steps(data_config)
    if channels not in (1, 3):
        raise UnmappableTransform(f'input_size has {channels} channels; demodeck feeds 1 or 3')
    config = {'channels': channels, 'resample': _interp_code(interpolation), 'scale': 1 / 255, 'layout': 'NCHW',
              'mean': [float(v) for v in data_config.get('mean', (0.485, 0.456, 0.406))],
              'std': [float(v) for v in data_config.get('std', (0.229, 0.224, 0.225))]}
    if crop_mode == 'squash' or scale[0] != scale[1]:
        config.update(width=scale[1], height=scale[0], resize='stretch')
        if scale != (height, width):
            config.update(crop={'width': width, 'height': height}, cropOffset='round')
    else:
        config.update(width=width, height=height, resize='shortest-edge', shortestEdge=scale[0], cropOffset='round')
    return config


def pil_stages(config, image):
    """Applies the PIL part of a model.json image block to a PIL image as torchvision would: (decoded, pixels),
    where pixels is the 8-bit image after grayscale, resize and crop (what ToTensor receives)."""
    img = image.convert('L') if config['channels'] == 1 else image.convert('RGB')
    if config['resize'] == 'stretch':
        img = img.resize((config['width'], config['height']), config['resample'])
        crop = config.get('crop')
    else:
        edge = config['shortestEdge']
        w, h = img.size
        short, long = (w, h) if w <= h else (h, w)
        if short != edge:
            new_long = int(edge * long / short)
            img = img.resize((edge, new_long) if w <= h else (new_long, edge), config['resample'])
        crop = {'width': config['width'], 'height': config['height']}
    if crop and (img.width, img.height) != (crop['width'], crop['height']):
        top = int(round((img.height - crop['height']) / 2.0))
        left = int(round((img.width - crop['width']) / 2.0))
        img = img.crop((left, top, left + crop['width'], top + crop['height']))
    return img
