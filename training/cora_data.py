"""Reads the Planetoid Cora files exactly as PyTorch Geometric's `Planetoid('Cora')` does.

Node ids everywhere in demodeck are PyG's: 0-2707. The steps follow PyG's
`read_planetoid_data`: x = [allx; tx], y = argmax([ally; ty]), then the test rows
are put in place by `ind.cora.test.index` (x[test_index] = x[sorted(test_index)]),
edges come from the adjacency dict with self-loops removed and duplicates merged
(undirected: every citation appears in both directions), and the split is the
standard one: train = the first 140 nodes, val = the next 500, test = the 1000
nodes of `test.index`. Features stay binary bag-of-words (PyG's
NormalizeFeatures transform is applied inside the model, so the ONNX input is
the raw 0/1 matrix).
"""
from __future__ import annotations

import os
import pickle
from dataclasses import dataclass
from typing import List

import numpy as np

# Planetoid's label order; the class sizes 351, 217, 418, 818, 426, 298, 180 match
# the original Cora release's Theory, Reinforcement_Learning, ... counts.
LABELS = ["Theory", "Reinforcement_Learning", "Genetic_Algorithms", "Neural_Networks", "Probabilistic_Methods",
          "Case_Based", "Rule_Learning"]
CLASS_SIZES = [351, 217, 418, 818, 426, 298, 180]


@dataclass
class Cora:
    x: np.ndarray          # float32 [N, F], binary
    y: np.ndarray          # int64 [N]
    edges: np.ndarray      # int64 [2, E], both directions, sorted, no self-loops, no duplicates
    train: np.ndarray      # int64 node ids
    val: np.ndarray
    test: np.ndarray

    @property
    def num_nodes(self) -> int:
        return int(self.x.shape[0])

    def undirected_pairs(self) -> np.ndarray:
        """[P, 2] with a < b, each citation link once."""
        a, b = self.edges
        keep = a < b
        return np.stack([a[keep], b[keep]], 1)


def _load(folder: str, name: str):
    with open(os.path.join(folder, f"ind.cora.{name}"), "rb") as f:
        return pickle.load(f, encoding="latin1")


def load_cora(folder: str) -> Cora:
    """Reads ind.cora.* into PyG Planetoid order (see the module docstring)."""
    x, tx, allx = (_load(folder, n) for n in ("x", "tx", "allx"))
    y, ty, ally = (_load(folder, n) for n in ("y", "ty", "ally"))
    graph = _load(folder, "graph")
    with open(os.path.join(folder, "ind.cora.test.index"), encoding="ascii") as f:
        test_index = np.array([int(line) for line in f if line.strip()], dtype=np.int64)
    sorted_test = np.sort(test_index)

    feats = np.vstack([allx.toarray(), tx.toarray()]).astype(np.float32)
    labels = np.vstack([ally, ty]).argmax(1).astype(np.int64)
    feats[test_index] = feats[sorted_test]
    labels[test_index] = labels[sorted_test]
    n = feats.shape[0]

    rows: List[int] = []
    cols: List[int] = []
    for key, value in graph.items():
        rows += [int(key)] * len(value)
        cols += [int(v) for v in value]
    r, c = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    keep = r != c
    r, c = r[keep], c[keep]
    # PyG coalesces the dict as given; Cora's dict lists every link from both ends, which the check below proves.
    key = np.unique(r * n + c)
    edges = np.stack([key // n, key % n])
    directed = set(key.tolist())
    assert all((b * n + a) in directed for a, b in edges.T), "Cora's adjacency dict is expected to be symmetric"

    train = np.arange(y.shape[0], dtype=np.int64)
    val = np.arange(y.shape[0], y.shape[0] + 500, dtype=np.int64)
    data = Cora(x=feats, y=labels, edges=edges, train=train, val=val, test=test_index)
    assert data.num_nodes == 2708 and feats.shape[1] == 1433, feats.shape
    assert edges.shape[1] == 10556, edges.shape
    assert np.bincount(labels, minlength=7).tolist() == CLASS_SIZES, np.bincount(labels)
    assert len(train) == 140 and len(val) == 500 and len(test_index) == 1000
    return data
