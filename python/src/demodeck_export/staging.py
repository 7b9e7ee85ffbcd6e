"""Writing a model folder all at once: an export goes to a hidden folder beside the target and takes the
target's place only when it is complete, so a refused or crashed export leaves neither a half-written model
(which `npm run check` would list as broken) nor a damaged earlier export.

[Note: what a re-export keeps]
Re-exporting over models/<id>/ replaces what the helper writes (model.onnx, model.json, reference.json, the
examples …) and keeps what the student put there (runs/, notes, slides' images): every entry of the old folder
that the new export does not have moves into the new one, except the old export's numbered examples
(example-3.jpg would otherwise linger as a stale file after an export with two examples).
"""
import contextlib
import functools
import inspect
import os
import re
import shutil
import tempfile

from .errors import ExportError

# The helper's own numbered example files (example-0.jpg, example-0.decoded.png, example-0.pixels.png …).
OWN_EXAMPLE = re.compile(r'^example-\d+(\.decoded|\.pixels)?\.(jpg|jpeg|png)$')
STAGING_MARK = '.demodeck-export-'


def staging_dir(out):
    """(a new empty hidden folder beside `out`, the parent folders made for it) — on the same file system, so
    the final rename is atomic. demodeck skips dot-folders when it lists models."""
    target = os.path.normpath(os.fspath(out))
    if os.path.exists(target) and not os.path.isdir(target):
        raise ExportError(f'{out} is a file, not a folder: pass the model folder to write, e.g. my-deck/models/pets')
    parent = os.path.dirname(target) or os.curdir
    made, walk = [], parent
    while walk and not os.path.exists(walk):
        made.append(walk)
        walk = os.path.dirname(walk)
    try:
        os.makedirs(parent, exist_ok=True)
        return tempfile.mkdtemp(prefix=f'.{os.path.basename(target)}{STAGING_MARK}', dir=parent), made
    except OSError as error:
        raise ExportError(f'cannot write in {parent}: {error.strerror or error}') from error


def shown_name(folder):
    """The folder a staged export will become (for messages printed while it is written), else `folder`."""
    head, base = os.path.split(folder)
    if base.startswith('.') and STAGING_MARK in base:
        return os.path.join(head, base[1:base.index(STAGING_MARK)])
    return folder


def publish(staged, out):
    """Puts the complete folder `staged` in the place of `out`, keeping the student's own files of an old `out`
    (see [Note: what a re-export keeps]); the old folder is back in place if the swap fails."""
    target = os.path.abspath(out)
    if not os.path.exists(target):
        os.rename(staged, target)
        return
    old = tempfile.mkdtemp(prefix=f'.{os.path.basename(target)}.previous-', dir=os.path.dirname(target))
    os.rmdir(old)
    os.rename(target, old)
    try:
        os.rename(staged, target)
    except OSError:
        os.rename(old, target)
        raise
    for name in os.listdir(old):
        if not os.path.lexists(os.path.join(target, name)) and not OWN_EXAMPLE.match(name):
            os.rename(os.path.join(old, name), os.path.join(target, name))
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def staged_folder(out):
    """`with staged_folder(out) as folder:` write the export into `folder`; it becomes `out` when the block
    ends normally and is removed when the block raises (an earlier `out` stays as it was)."""
    staged, made = staging_dir(out)
    try:
        yield staged
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        for folder in made:  # innermost first: only the empty folders this export made
            with contextlib.suppress(OSError):
                os.rmdir(folder)
        raise
    try:
        publish(staged, out)
    except OSError as error:
        shutil.rmtree(staged, ignore_errors=True)
        raise ExportError(f'cannot replace {out}: {error.strerror or error} (is a file in it open in another program?)') from error


def writes_folder(export):
    """Decorates an export whose `out` argument is the model folder: it writes into a staged folder that
    becomes `out` only when the export returns (its summary's `folder` is `out`)."""
    signature = inspect.signature(export)

    @functools.wraps(export)
    def run(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        out = bound.arguments['out']
        with staged_folder(out) as folder:
            bound.arguments['out'] = folder
            summary = export(*bound.args, **bound.kwargs)
        if isinstance(summary, dict) and 'folder' in summary:
            summary['folder'] = out
        return summary

    return run
