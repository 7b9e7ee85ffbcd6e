"""Writes the wine model's drift-check sets (models/wine/sets/) from scikit-learn's bundled copy of UCI wine.

- reference.csv: the 142 training rows (what the model learnt from: the usual drift reference);
- held-out.csv:  the 36 held-out rows as they are (no drift expected);
- shifted.csv:   the same 36 rows from a "new vintage": alcohol +0.9 % vol, colour intensity x1.6,
                 proline -180 mg/l, hue -0.12 (a plausible shift a drift check should flag).
Each row has its true cultivar in a `label` column. Same split as train_wine.py (stratified 80/20, seed 42).
"""
import csv
import os

import numpy as np
from sklearn.datasets import load_wine
from sklearn.model_selection import train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "models", "wine", "sets")
LABELS = ["Barolo", "Grignolino", "Barbera"]
SEED = 42


def write(path: str, names: list, rows: np.ndarray, labels: np.ndarray) -> None:
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(names + ["label"])
        for row, y in zip(rows, labels):
            w.writerow([f"{v:.4g}" for v in row] + [LABELS[int(y)]])


def main() -> None:
    d = load_wine()
    names = list(d.feature_names)
    x, y = d.data.astype(np.float64), d.target.astype(np.int64)
    idx_tr, idx_te = train_test_split(np.arange(len(y)), test_size=0.2, stratify=y, random_state=SEED)
    os.makedirs(OUT, exist_ok=True)
    write(os.path.join(OUT, "reference.csv"), names, x[idx_tr], y[idx_tr])
    write(os.path.join(OUT, "held-out.csv"), names, x[idx_te], y[idx_te])
    shifted = x[idx_te].copy()
    col = {n: k for k, n in enumerate(names)}
    shifted[:, col["alcohol"]] += 0.9
    shifted[:, col["color_intensity"]] *= 1.6
    shifted[:, col["proline"]] = np.maximum(200.0, shifted[:, col["proline"]] - 180.0)
    shifted[:, col["hue"]] -= 0.12
    write(os.path.join(OUT, "shifted.csv"), names, shifted, y[idx_te])
    print(f"wrote {OUT}: reference {len(idx_tr)} rows, held-out and shifted {len(idx_te)} rows")


if __name__ == "__main__":
    main()
