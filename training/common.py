"""Shared helpers for the demodeck example training pipeline.

Run folders (W&B row format), seeding, ONNX export + check, reference.json
writing and a dependency-free PNG writer. Plain Python + torch/onnx/numpy.
"""
from __future__ import annotations

import datetime as _dt
import json
import math
import os
import random
import struct
import time
import zlib
from typing import Any, Dict, List, Optional

import numpy as np
import torch

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS_DIR = os.path.join(REPO_ROOT, "models")


def seed_everything(seed: int) -> None:
    """Make a run repeatable: same seed, same numbers (CPU, single thread)."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)


def _finite(v: Any) -> Any:
    # W&B row format: non-finite floats travel as strings.
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
    return v


def write_json(path: str, obj: Any, indent: Optional[int] = 2) -> None:
    """Write JSON with a trailing newline (UTF-8, no ASCII escaping)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=indent, ensure_ascii=False)
        f.write("\n")


class RunLogger:
    """Writes one training run in demodeck's run folder format.

    Each `log()` call is one history row with its own `_step`, like `wandb.log`.
    If the `wandb` package and WANDB_API_KEY are present, rows are mirrored to W&B.
    """

    def __init__(self, model_id: str, run_id: str, name: str, config: Dict[str, Any],
                 group: Optional[str] = None, tags: Optional[List[str]] = None,
                 models_dir: str = MODELS_DIR) -> None:
        self.dir = os.path.join(models_dir, model_id, "runs", run_id)
        os.makedirs(self.dir, exist_ok=True)
        self.run_id = run_id
        self.step = 0
        self.start = time.time()
        self.summary: Dict[str, Any] = {}
        self._hist = open(os.path.join(self.dir, "history.jsonl"), "w", encoding="utf-8")
        info: Dict[str, Any] = {
            "id": run_id, "name": name, "state": "running", "source": "example",
            "createdAt": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
            "tags": tags or [], "project": "demodeck-examples",
        }
        if group:
            info["group"] = group
        self.info = info
        write_json(os.path.join(self.dir, "run.json"), info)
        write_json(os.path.join(self.dir, "config.json"), config)
        self._wandb = None
        if os.environ.get("WANDB_API_KEY"):
            try:  # optional: the package is not installed on the build machine
                import wandb  # type: ignore
                self._wandb = wandb.init(project="demodeck-examples", name=name, id=run_id,
                                         group=group, config=config, tags=tags or [], reinit=True)
            except Exception as exc:  # noqa: BLE001 - W&B is best effort
                print(f"[wandb] not logging to W&B: {exc}")

    def log(self, row: Dict[str, Any]) -> None:
        now = time.time()
        full = {"_step": self.step, "_runtime": round(now - self.start, 3), "_timestamp": round(now, 3)}
        full.update({k: _finite(float(v)) if isinstance(v, (float, np.floating)) else v for k, v in row.items()})
        self._hist.write(json.dumps(full) + "\n")
        for k, v in full.items():
            if not k.startswith("_"):
                self.summary[k] = v
        if self._wandb is not None:
            self._wandb.log(row, step=self.step)
        self.step += 1

    def finish(self, extra_summary: Optional[Dict[str, Any]] = None) -> None:
        self._hist.close()
        summary = dict(self.summary)
        if extra_summary:
            summary.update({k: _finite(v) for k, v in extra_summary.items()})
        summary["_step"] = self.step - 1
        summary["_runtime"] = round(time.time() - self.start, 3)
        write_json(os.path.join(self.dir, "summary.json"), summary)
        self.info["state"] = "finished"
        write_json(os.path.join(self.dir, "run.json"), self.info)
        if self._wandb is not None:
            self._wandb.summary.update(summary)
            self._wandb.finish()


def macro_f1(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> float:
    """Macro-averaged F1 over all classes (a class never seen nor predicted counts 0)."""
    f1s = []
    for c in range(n_classes):
        tp = float(np.sum((y_pred == c) & (y_true == c)))
        fp = float(np.sum((y_pred == c) & (y_true != c)))
        fn = float(np.sum((y_pred != c) & (y_true == c)))
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s))


def binary_f1(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """F1 of the positive class (label 1), the usual score for the tweets task."""
    tp = float(np.sum((y_pred == 1) & (y_true == 1)))
    fp = float(np.sum((y_pred == 1) & (y_true == 0)))
    fn = float(np.sum((y_pred == 0) & (y_true == 1)))
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def export_onnx(model: torch.nn.Module, args: tuple, path: str, input_names: List[str],
                output_names: List[str], dynamic_axes: Dict[str, Dict[int, str]], opset: int = 13) -> None:
    """torch.onnx.export with dynamic axes, then onnx.checker (structure only: parity is checked in Node)."""
    import warnings

    import onnx

    # torch 1.13 warns about prim::Constant shape inference on every export; harmless here.
    warnings.filterwarnings("ignore", message="The shape inference of prim::Constant")
    model.eval()
    torch.onnx.export(model, args, path, input_names=input_names, output_names=output_names,
                      dynamic_axes=dynamic_axes, opset_version=opset, do_constant_folding=True)
    m = onnx.load(path)
    onnx.checker.check_model(m)
    print(f"  exported {os.path.relpath(path, REPO_ROOT)} ({os.path.getsize(path) / 1e6:.2f} MB), onnx.checker ok")


def tensor_json(t: torch.Tensor) -> Dict[str, Any]:
    """A feed/output in reference.json form: dims + flat data (+ type for feeds)."""
    arr = t.detach().cpu().numpy()
    out: Dict[str, Any] = {"dims": list(arr.shape)}
    if arr.dtype == np.int64:
        out = {"type": "int64", **out, "data": [int(x) for x in arr.reshape(-1)]}
    else:
        out = {"type": "float32", **out, "data": [float(x) for x in arr.astype(np.float32).reshape(-1)]}
    return out


def write_reference(path: str, samples: List[Dict[str, Any]]) -> None:
    """reference.json: high-level input, exact feeds, PyTorch outputs, tolerance 1e-4."""
    doc = {"tolerance": 0.0001, "producer": f"torch {torch.__version__}", "samples": samples}
    write_json(path, doc, indent=None)


def png_bytes(pixels: np.ndarray) -> bytes:
    """Encode a uint8 grayscale (H, W) array as PNG with zlib only (no PIL needed)."""
    h, w = pixels.shape
    raw = b"".join(b"\x00" + pixels[y].astype(np.uint8).tobytes() for y in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)  # 8-bit grayscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
