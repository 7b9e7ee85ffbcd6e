"""demodeck-export: a PyTorch classifier to a demodeck model folder in one call.

    from demodeck_export import export_image_classifier
    export_image_classifier(model, 'my-deck/models/pets', labels=[...], transform=eval_transform, examples=['cat.jpg'])

Supported: torch 1.13 to 2.x, onnx 1.12 and newer (tested with Debian 12's torch 1.13.1 + onnx 1.12).
"""
from .exporters import export_image_classifier, export_tabular_classifier, export_text_classifier, features_from
from .folder import ExportError, load_module
from .transforms import UnmappableTransform, image_config_from_timm, image_config_from_transforms

__all__ = ['export_image_classifier', 'export_text_classifier', 'export_tabular_classifier', 'features_from',
           'image_config_from_transforms', 'image_config_from_timm', 'load_module', 'ExportError', 'UnmappableTransform']
__version__ = '0.1.0'
