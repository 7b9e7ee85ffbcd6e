"""The disaster-tweet models, without their training: the embedding networks
(mean+max pooling, optionally a width-3 convolution), the NB-weighted logistic
regression and the ensemble that is exported as one ONNX graph. Each network
has a training layout and an export layout (`use_export_layout`) that
train_tweets.py proves give the same logits before exporting.
"""
from __future__ import annotations

from typing import List

import torch
import torch.nn as nn
import torch.nn.functional as F

class TweetClassifier(nn.Module):
    """Token embedding + masked mean (and max) pooling + MLP -> 2 logits.

    Plain Embedding/Linear ops only: exports cleanly to ONNX with dynamic axes
    (no EmbeddingBag offsets, no TransformerEncoder fast path)."""

    def __init__(self, vocab_size: int, emb_dim: int, hidden: int, dropout: float, pooling: str,
                 conv: int = 0, init_std: float = 0.05) -> None:
        super().__init__()
        self.pooling = pooling
        self.emb = nn.Embedding(vocab_size, emb_dim, padding_idx=0)
        # Small init: with N(0, 1) the pooled vectors start as noise and the model overfits at once.
        nn.init.normal_(self.emb.weight, 0.0, init_std)
        with torch.no_grad():
            self.emb.weight[0].zero_()
        # Optional width-3 convolution over the sequence: lets a token see its neighbours.
        self.conv = nn.Conv1d(emb_dim, emb_dim, 3, padding=1) if conv else None
        width = emb_dim * (2 if pooling == "mean+max" else 1)
        self.drop = nn.Dropout(dropout)
        self.mlp = nn.Sequential(nn.Linear(width, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, 2))

    # Set by use_export_layout() just before torch.onnx.export; training never uses it.
    export_layout = False

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        if self.export_layout:
            return self._forward_export(input_ids, attention_mask)
        e = self.emb(input_ids)                              # [B, T, D]
        m = attention_mask.unsqueeze(-1).to(e.dtype)         # [B, T, 1]
        if self.conv is not None:
            e = torch.relu(self.conv((e * m).transpose(1, 2))).transpose(1, 2)
        mean = (e * m).sum(1) / m.sum(1).clamp(min=1.0)
        feats = mean
        if self.pooling == "mean+max":
            # Masked positions get -1e4 so they never win the max (no -inf in the graph).
            mx = (e + (m - 1.0) * 1e4).max(dim=1).values
            feats = torch.cat([mean, mx], dim=-1)
        return self.mlp(self.drop(feats))

    def _forward_export(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """forward() as exported: the same logits (up to float summation order and the sign of zeros), in a graph
        ONNX Runtime runs faster. See [Note: the exported layout of the tweet model]."""
        e = masked_embedding(self.emb.weight, input_ids, attention_mask)         # [B, T, D], padding = 0
        m = attention_mask.unsqueeze(-1).to(e.dtype)                            # [B, T, 1]
        count = m.sum(1).clamp(min=1.0)
        if self.conv is None:
            mean = e.sum(1) / count
            mx = (e + (m - 1.0) * 1e4).max(dim=1).values
        else:
            x = e.unsqueeze(1).permute(0, 3, 1, 2)                             # [B, D, 1, T] from "NHWC"
            c = torch.relu(F.conv2d(x, self.conv.weight.unsqueeze(2), self.conv.bias, padding=(0, 1)))
            c = c * attention_mask.to(e.dtype).view(attention_mask.shape[0], 1, 1, -1)  # zero the padding
            mean = c.sum(dim=(2, 3)) / count
            mx = c.amax(dim=(2, 3))
        return self.mlp(self.drop(torch.cat([mean, mx], dim=-1)))


# [Note: the exported layout of the tweet model]
# The networks train in the plain layout above; the ONNX file gets an equivalent graph that ONNX Runtime's CPU
# provider runs about a quarter faster (check_export_layout() compares the two on every validation tweet):
# - Embedding lookups of padding positions read an extra all-zero row (Where on the ids, then Gather), instead of
#   multiplying every embedding by the mask afterwards: e * 0 == 0 (up to the sign of zero) and e * 1 == e.
# - The width-3 convolution is a 1×3 Conv2d on [B, D, 1, T], built from a [B, 1, T, D] ("NHWC") view, so
#   ONNX Runtime runs it in its blocked NCHWc layout (AVX2/AVX-512 kernels) and reads the embeddings without a
#   separate transpose. Pooling stays in that layout: the padding is zeroed, and since ReLU output is >= 0, the max
#   of the zeroed values equals the max over the real tokens (every input has at least [CLS] and [SEP]).
# - The mean+max pooling nets keep -1e4 on padding for the max: a zero row plus -1e4 never wins either.


def masked_embedding(weight: torch.Tensor, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """weight[input_ids] with the rows of padding positions (attention_mask 0) all zero, via an extra zero row."""
    table = torch.cat([weight, torch.zeros(1, weight.shape[1], dtype=weight.dtype)], 0)
    ids = torch.where(attention_mask > 0, input_ids, torch.full_like(input_ids, weight.shape[0]))
    return F.embedding(ids, table)


def use_export_layout(model: nn.Module) -> None:
    """Switches every member of `model` to its export layout (see [Note: the exported layout of the tweet model])."""
    for module in model.modules():
        if isinstance(module, (TweetClassifier, NBLogReg)):
            module.export_layout = True


class NBLogReg(nn.Module):
    """Logistic regression on token presence (each distinct token counts once), with the weights already
    multiplied by the NB log-count ratios. Logits [-s/2, s/2], s = bias + sum of the present tokens' weights.

    Duplicates are found with a [B, T, T] equality test against earlier real tokens (no V-sized tensors,
    no scatter), so the graph keeps both axes dynamic."""

    def __init__(self, token_weights: torch.Tensor, bias: float) -> None:
        super().__init__()
        self.w = nn.Embedding(token_weights.shape[0], 1)
        with torch.no_grad():
            self.w.weight.copy_(token_weights.view(-1, 1))
        self.b = nn.Parameter(torch.tensor([float(bias)]))

    # Set by use_export_layout() just before torch.onnx.export.
    export_layout = False

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        m = attention_mask.to(torch.float32)                                  # [B, T]
        # Boolean [B, T, T] tests and a [T, T] position test: the exported graph moves bytes, not floats.
        same = input_ids.unsqueeze(2) == input_ids.unsqueeze(1)               # [B, T(i), T(j)]
        pos = torch.arange(input_ids.shape[1], device=input_ids.device)
        earlier = pos.unsqueeze(0) < pos.unsqueeze(1)                         # [T(i), T(j)]: j < i
        real = (attention_mask > 0).unsqueeze(1)                              # [B, 1, T(j)]
        seen = (same & earlier & real).to(torch.float32).amax(2)              # 1 where token i appeared before
        if self.export_layout:
            w = masked_embedding(self.w.weight, input_ids, attention_mask).squeeze(-1)  # padding = 0
        else:
            w = self.w(input_ids).squeeze(-1) * m
        s = (w * (1.0 - seen)).sum(1) + self.b
        return torch.stack([-0.5 * s, 0.5 * s], dim=1)


class TweetEnsemble(nn.Module):
    """(mean of the networks' logits + the NB logistic regression's logits) / 2."""

    def __init__(self, nets: List[nn.Module], linear: nn.Module) -> None:
        super().__init__()
        self.nets = nn.ModuleList(nets)
        self.linear = linear

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        nets = torch.stack([n(input_ids, attention_mask) for n in self.nets]).mean(0)
        return 0.5 * (nets + self.linear(input_ids, attention_mask))
