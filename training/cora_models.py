"""The Cora models: a two-layer GCN (Kipf & Welling 2017) written without
PyTorch Geometric, and the MLP baseline that ignores the graph.

[Note: a GCN whose graph is an input]
`GCN.forward(x, edge_index)` takes the raw 0/1 features and the edge list and
does everything else inside the exported graph: PyG's NormalizeFeatures (each
row divided by its sum), GCNConv's `add_remaining_self_loops`, the symmetric
normalisation D^-1/2 (A+I) D^-1/2 with the degree counted over the target
nodes, and the message passing as gather + scatter-add. So a what-if edit of
the graph in the app is only new inputs, and ONNX Runtime computes exactly what
PyTorch does. Scatter-add exports as ScatterElements(reduction="add"), which
exists from opset 16; at lower opsets torch exports ScatterElements without a
reduction, where messages to the same node overwrite each other instead of
adding up (pytorch/pytorch#65138): the model passes onnx.checker and is wrong.
The training script keeps such an export as a test fixture.
"""
from __future__ import annotations

import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def _glorot(weight: torch.Tensor) -> None:
    # GCNConv's initialisation: uniform(-a, a) with a = sqrt(6 / (fan_in + fan_out)).
    a = math.sqrt(6.0 / (weight.size(0) + weight.size(1)))
    nn.init.uniform_(weight, -a, a)


def scatter_sum(src: torch.Tensor, index: torch.Tensor, size: torch.Tensor) -> torch.Tensor:
    """Rows of `src` summed into `size` rows by `index`.

    index_put with accumulate exports as ScatterND on whole rows, which ONNX Runtime runs about twice as fast as
    scatter_add's per-value ScatterElements (the whole Cora graph: ~7 vs ~14 ms of CPU). torch 1.13 leaves out
    ScatterND's reduction, so duplicates would overwrite each other: the export step sets reduction="add"
    (train_cora.export, opset 16 and up), and parity with PyTorch is checked on every node before it is kept.
    """
    out = torch.zeros((size, src.size(1)), dtype=src.dtype)
    return out.index_put((index,), src, accumulate=True)


class GCNConv(nn.Module):
    """out = D^-1/2 (A+I) D^-1/2 (x W) + b, with PyG GCNConv's conventions."""

    def __init__(self, fan_in: int, fan_out: int) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.empty(fan_in, fan_out))
        self.bias = nn.Parameter(torch.zeros(fan_out))
        _glorot(self.weight)

    def forward(self, x: torch.Tensor, src: torch.Tensor, dst: torch.Tensor, norm: torch.Tensor) -> torch.Tensor:
        h = torch.sparse.mm(x, self.weight) if x.is_sparse else x @ self.weight
        msg = h.index_select(0, src) * norm.unsqueeze(1)
        return scatter_sum(msg, dst, x.size(0)) + self.bias


def gcn_norm(edge_index: torch.Tensor, num_nodes: torch.Tensor):
    """Self-loops added (existing ones dropped first), then D^-1/2 A D^-1/2 edge weights."""
    src, dst = edge_index[0], edge_index[1]
    keep = src != dst
    loop = torch.arange(num_nodes, dtype=edge_index.dtype)
    src = torch.cat([src[keep], loop])
    dst = torch.cat([dst[keep], loop])
    ones = torch.ones(src.size(0), 1)
    deg = scatter_sum(ones, dst, num_nodes).squeeze(1)
    inv = deg.pow(-0.5)
    return src, dst, inv.index_select(0, src) * inv.index_select(0, dst)


def dropout(x: torch.Tensor, p: float, training: bool) -> torch.Tensor:
    """F.dropout that also takes a sparse matrix (training feeds the 1.3 %-dense features sparse: ~20x faster)."""
    if not x.is_sparse:
        return F.dropout(x, p, training)
    return torch.sparse_coo_tensor(x.indices(), F.dropout(x.values(), p, training), x.shape)


def sparse_features(x: torch.Tensor) -> torch.Tensor:
    """Row-normalised features as a sparse COO matrix, for training only (the export takes them dense)."""
    return normalize_features(x).to_sparse().coalesce()


def normalize_features(x: torch.Tensor) -> torch.Tensor:
    """PyG's NormalizeFeatures: each row divided by its sum (rows of zeros stay zero)."""
    return x / x.sum(1, keepdim=True).clamp(min=1.0)


class GCN(nn.Module):
    """Two GCNConv layers with ReLU and dropout: 1433 word flags -> 7 class logits per node."""

    def __init__(self, features: int, hidden: int, classes: int, dropout: float) -> None:
        super().__init__()
        self.conv1 = GCNConv(features, hidden)
        self.conv2 = GCNConv(hidden, classes)
        self.dropout = dropout

    def forward(self, x: torch.Tensor, edge_index: torch.Tensor) -> torch.Tensor:
        return self.layers(normalize_features(x), *gcn_norm(edge_index, x.size(0)))

    def layers(self, h: torch.Tensor, src: torch.Tensor, dst: torch.Tensor, norm: torch.Tensor) -> torch.Tensor:
        """The network after the input normalisations; `h` may be sparse (training)."""
        h = dropout(h, self.dropout, self.training)
        h = F.relu(self.conv1(h, src, dst, norm))
        h = F.dropout(h, self.dropout, self.training)
        return self.conv2(h, src, dst, norm)


class MLP(nn.Module):
    """The same two layers without the graph: each paper classified from its own words only."""

    def __init__(self, features: int, hidden: int, classes: int, dropout: float) -> None:
        super().__init__()
        self.lin1 = nn.Linear(features, hidden)
        self.lin2 = nn.Linear(hidden, classes)
        self.dropout = dropout

    def forward(self, x: torch.Tensor, edge_index: torch.Tensor) -> torch.Tensor:  # noqa: ARG002 - same signature
        return self.layers(normalize_features(x))

    def layers(self, h: torch.Tensor, *graph: torch.Tensor) -> torch.Tensor:  # noqa: ARG002 - same signature as GCN's
        h = dropout(h, self.dropout, self.training)
        h = torch.sparse.mm(h, self.lin1.weight.t()) + self.lin1.bias if h.is_sparse else self.lin1(h)
        h = F.relu(h)
        h = F.dropout(h, self.dropout, self.training)
        return self.lin2(h)
