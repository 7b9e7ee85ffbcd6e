"""Wine cultivar (scikit-learn's copy of UCI wine): a tabular MLP exported
with plain torch.onnx.export plus a demodeck manifest (models/wine/model.json).

The app standardises every feature with the mean/std written in the manifest;
the ONNX input `features` is that standardised float32 [batch, 13] vector.

Usage: /usr/bin/python3 training/train_wine.py
"""
from __future__ import annotations

import copy
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.datasets import load_wine
from sklearn.model_selection import train_test_split

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (MODELS_DIR, RunLogger, export_onnx, macro_f1, seed_everything, tensor_json,  # noqa: E402
                    write_json, write_reference)

MODEL_ID = "wine"
OUT = os.path.join(MODELS_DIR, MODEL_ID)
SEED = 42
RUN = "wine-mlp"
LABELS = ["Barolo", "Grignolino", "Barbera"]  # UCI wine classes 1, 2, 3
CONFIG = {"hidden": 32, "dropout": 0.2, "lr": 1e-2, "weight_decay": 1e-3, "epochs": 120, "batch_size": 16,
          "optimizer": "AdamW", "seed": SEED, "test_split": 0.2,
          "label_smoothing": 0.1}
DESCRIPTIONS = {
    "alcohol": "Alcohol (% vol)", "malic_acid": "Malic acid (g/l)", "ash": "Ash (g/l)",
    "alcalinity_of_ash": "Alcalinity of ash", "magnesium": "Magnesium (mg/l)", "total_phenols": "Total phenols",
    "flavanoids": "Flavanoids", "nonflavanoid_phenols": "Non-flavanoid phenols", "proanthocyanins": "Proanthocyanins",
    "color_intensity": "Colour intensity", "hue": "Hue", "od280/od315_of_diluted_wines": "OD280/OD315 of diluted wines",
    "proline": "Proline (mg/l)",
}


class WineMLP(nn.Module):
    """13 standardised features -> 3 logits."""

    def __init__(self, hidden: int, dropout: float) -> None:
        super().__init__()
        self.net = nn.Sequential(nn.Linear(13, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, hidden),
                                 nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, 3))

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        return self.net(features)


def main() -> None:
    torch.set_num_threads(2)
    seed_everything(SEED)
    d = load_wine()
    names = list(d.feature_names)
    x_raw, y = d.data.astype(np.float64), d.target.astype(np.int64)
    idx_tr, idx_te = train_test_split(np.arange(len(y)), test_size=CONFIG["test_split"], stratify=y, random_state=SEED)
    # Rounded statistics: the manifest values are exactly what the model was trained with.
    mean = np.round(x_raw[idx_tr].mean(0), 4)
    std = np.round(x_raw[idx_tr].std(0), 4)
    x = torch.tensor((x_raw - mean) / std, dtype=torch.float32)
    xtr, ytr, xte, yte = x[idx_tr], torch.tensor(y[idx_tr]), x[idx_te], y[idx_te]

    logger = RunLogger(MODEL_ID, RUN, RUN, {**CONFIG, "train_size": len(idx_tr), "test_size": len(idx_te)},
                       group="wine", tags=["wine", "tabular"])
    model = WineMLP(CONFIG["hidden"], CONFIG["dropout"])
    opt = torch.optim.AdamW(model.parameters(), lr=CONFIG["lr"], weight_decay=CONFIG["weight_decay"])
    gen = torch.Generator().manual_seed(SEED)
    bs = CONFIG["batch_size"]
    steps = (len(idx_tr) + bs - 1) // bs
    best, best_state, best_m, n, losses = -1.0, None, None, 0, []
    for epoch in range(CONFIG["epochs"]):
        model.train()
        order = torch.randperm(len(idx_tr), generator=gen)
        for s in range(steps):
            bi = order[s * bs:(s + 1) * bs]
            # Label smoothing keeps the demo's probabilities readable (no wall of 100 %).
            loss = F.cross_entropy(model(xtr[bi]), ytr[bi], label_smoothing=CONFIG["label_smoothing"])
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
            n += 1
            if n % 5 == 0:
                logger.log({"epoch": round(epoch + (s + 1) / steps, 4), "train/loss": float(np.mean(losses))})
                losses = []
        if (epoch + 1) % 2 == 0:
            model.eval()
            with torch.no_grad():
                lg = model(xte)
            pred = lg.argmax(1).numpy()
            m = {"epoch": epoch + 1, "val/loss": F.cross_entropy(lg, torch.tensor(yte)).item(),
                 "val/acc": float(np.mean(pred == yte)), "val/f1": macro_f1(yte, pred, 3)}
            logger.log(m)
            # Lowest validation loss wins (accuracy saturates at 1.0 on this easy set).
            if best_m is None or m["val/loss"] < best_m["val/loss"]:
                best_m, best_state = m, copy.deepcopy(model.state_dict())
    model.load_state_dict(best_state)
    model.eval()
    logger.finish({"best/val_acc": best_m["val/acc"], "best/val_f1": best_m["val/f1"], "best/val_loss": best_m["val/loss"],
                   "best/epoch": best_m["epoch"], "params": sum(p.numel() for p in model.parameters())})
    print(f"wine: best epoch {best_m['epoch']}: val acc {best_m['val/acc']:.4f} macro F1 {best_m['val/f1']:.4f} "
          f"loss {best_m['val/loss']:.4f}")

    os.makedirs(OUT, exist_ok=True)
    export_onnx(model, (xte[:2],), os.path.join(OUT, "model.onnx"), ["features"], ["logits"],
                {"features": {0: "batch"}, "logits": {0: "batch"}})

    def row_features(i: int) -> dict:
        return {n: float(x_raw[i, k]) for k, n in enumerate(names)}

    examples, samples = [], []
    with torch.no_grad():
        for c, label in enumerate(LABELS):
            # The held-out row of this class the model is most confident about.
            cand = [int(i) for i in idx_te if y[i] == c]
            probs = torch.softmax(model(x[cand]), -1)[:, c]
            i = cand[int(probs.argmax())]
            examples.append({"label": f"a {label} (held-out row {i})", "features": row_features(i)})
        for i in [int(j) for j in idx_te[:9]]:
            feed = torch.tensor(((x_raw[i] - mean) / std)[None, :], dtype=torch.float32)
            samples.append({"input": {"features": row_features(i)}, "feeds": {"features": tensor_json(feed)},
                            "outputs": {"logits": tensor_json(model(feed))}})
        samples.append({"feeds": {"features": tensor_json(xte[:5])}, "outputs": {"logits": tensor_json(model(xte[:5]))}})
    write_reference(os.path.join(OUT, "reference.json"), samples)

    features = []
    for k, n in enumerate(names):
        features.append({"name": n, "type": "number", "description": DESCRIPTIONS[n],
                         "min": float(x_raw[:, k].min()), "max": float(x_raw[:, k].max()),
                         "default": float(np.round(x_raw[idx_tr, k].mean(), 2)),
                         "encoding": "standardize", "mean": float(mean[k]), "std": float(std[k])})
    write_json(os.path.join(OUT, "model.json"), {
        "$schema": "../../schemas/model.schema.json",
        "name": "Wine cultivar",
        "description": "Which of three Italian cultivars is this wine from? 13 chemical measurements -> MLP "
                       f"(scikit-learn's copy of the UCI wine data, held-out accuracy {best_m['val/acc']:.3f}).",
        "task": "tabular-classification",
        "model": "model.onnx",
        "labels": LABELS,
        "output": "logits",
        "tabular": {"features": features},
        "examples": examples,
        "runs": [RUN],
        "reference": "reference.json",
    })


if __name__ == "__main__":
    main()
