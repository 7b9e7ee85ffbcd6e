"""Disaster tweets: train a WordPiece tokenizer, sweep a small embedding
classifier, export the best run to models/disaster-tweets (Hugging Face layout).

Usage: /usr/bin/python3 training/train_tweets.py [--data PATH]
"""
from __future__ import annotations

import argparse
import copy
import csv
import os
import shutil
import sys
from typing import Dict, List, Tuple

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (MODELS_DIR, REPO_ROOT, RunLogger, binary_f1, export_onnx, seed_everything,  # noqa: E402
                    tensor_json, write_json, write_reference)
from wordpiece import WordPieceTokenizer, pre_tokenize, normalize, train_wordpiece  # noqa: E402

MODEL_ID = "disaster-tweets"
OUT = os.path.join(MODELS_DIR, MODEL_ID)
DEFAULT_DATA = os.path.join(REPO_ROOT, "..", "shared", "data", "disaster-tweets", "train.csv")
SEED = 1234
VOCAB_SIZE = 12000
MAX_LEN = 64

# The sweep (group "sweep-tweets"): the run with the best validation accuracy is exported.
SWEEP: List[Dict] = [
    # Untuned baseline: high lr, no token dropout. It overfits after 2-3 epochs (see its val/loss).
    {"run": "tweets-emb64-mean-lr1e-2", "emb_dim": 64, "hidden": 64, "lr": 1e-2, "dropout": 0.3, "token_dropout": 0.0,
     "weight_decay": 0.0, "epochs": 10, "batch_size": 64, "pooling": "mean"},
    {"run": "tweets-emb32-meanmax-lr3e-3", "emb_dim": 32, "hidden": 32, "lr": 3e-3, "dropout": 0.5, "token_dropout": 0.3,
     "weight_decay": 1e-4, "epochs": 10, "batch_size": 64, "pooling": "mean+max"},
    {"run": "tweets-emb64-meanmax-lr1e-3", "emb_dim": 64, "hidden": 32, "lr": 1e-3, "dropout": 0.5, "token_dropout": 0.3,
     "weight_decay": 1e-4, "epochs": 10, "batch_size": 64, "pooling": "mean+max"},
    {"run": "tweets-emb64-conv3-lr1e-3", "emb_dim": 64, "hidden": 32, "lr": 1e-3, "dropout": 0.5, "token_dropout": 0.3,
     "weight_decay": 1e-4, "epochs": 10, "batch_size": 64, "pooling": "mean+max", "conv": 1},
]


class TweetClassifier(nn.Module):
    """Token embedding + masked mean (and max) pooling + MLP -> 2 logits.

    Plain Embedding/Linear ops only: exports cleanly to ONNX with dynamic axes
    (no EmbeddingBag offsets, no TransformerEncoder fast path)."""

    def __init__(self, vocab_size: int, emb_dim: int, hidden: int, dropout: float, pooling: str,
                 conv: int = 0, init_std: float = 0.05, token_logits: int = 0) -> None:
        super().__init__()
        self.pooling = pooling
        self.emb = nn.Embedding(vocab_size, emb_dim, padding_idx=0)
        # Small init: with N(0, 1) the pooled vectors start as noise and the model overfits at once.
        nn.init.normal_(self.emb.weight, 0.0, init_std)
        with torch.no_grad():
            self.emb.weight[0].zero_()
        # Optional width-3 convolution over the sequence: lets a token see its neighbours.
        self.conv = nn.Conv1d(emb_dim, emb_dim, 3, padding=1) if conv else None
        # Optional linear bag-of-tokens path (logistic regression on token counts), added to the MLP logits.
        self.token_logits = nn.Embedding(vocab_size, 2, padding_idx=0) if token_logits else None
        if self.token_logits is not None:
            nn.init.zeros_(self.token_logits.weight)
        width = emb_dim * (2 if pooling == "mean+max" else 1)
        self.drop = nn.Dropout(dropout)
        self.mlp = nn.Sequential(nn.Linear(width, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, 2))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
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
        out = self.mlp(self.drop(feats))
        if self.token_logits is not None:
            m0 = attention_mask.unsqueeze(-1).to(out.dtype)
            out = out + (self.token_logits(input_ids) * m0).sum(1) / m0.sum(1).clamp(min=1.0)
        return out


def read_tweets(path: str) -> List[Dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def training_words(text: str) -> List[str]:
    """Words used to learn the vocabulary: t.co link hashes are random, skip them."""
    words = pre_tokenize(normalize(text))
    out = []
    for i, w in enumerate(words):
        if i >= 4 and words[i - 4:i] == ["t", ".", "co", "/"]:
            continue
        out.append(w)
    return out


def stratified_split(labels: np.ndarray, val_frac: float, seed: int) -> Tuple[np.ndarray, np.ndarray]:
    rng = np.random.RandomState(seed)
    tr, va = [], []
    for c in np.unique(labels):
        idx = np.where(labels == c)[0]
        rng.shuffle(idx)
        n_val = int(round(len(idx) * val_frac))
        va.extend(idx[:n_val])
        tr.extend(idx[n_val:])
    return np.sort(np.array(tr)), np.sort(np.array(va))


def batchify(seqs: List[List[int]]) -> Tuple[torch.Tensor, torch.Tensor]:
    """Right-pad with [PAD]=0; attention_mask 1 on real tokens."""
    width = max(len(s) for s in seqs)
    ids = torch.zeros((len(seqs), width), dtype=torch.int64)
    mask = torch.zeros((len(seqs), width), dtype=torch.int64)
    for i, s in enumerate(seqs):
        ids[i, :len(s)] = torch.tensor(s, dtype=torch.int64)
        mask[i, :len(s)] = 1
    return ids, mask


def evaluate(model: nn.Module, seqs: List[List[int]], y: np.ndarray) -> Dict[str, float]:
    model.eval()
    logits = []
    with torch.no_grad():
        for i in range(0, len(seqs), 256):
            ids, mask = batchify(seqs[i:i + 256])
            logits.append(model(ids, mask))
    lg = torch.cat(logits)
    loss = F.cross_entropy(lg, torch.tensor(y)).item()
    pred = lg.argmax(1).numpy()
    return {"val/loss": loss, "val/acc": float(np.mean(pred == y)), "val/f1": binary_f1(y, pred)}


def train_run(cfg: Dict, vocab_size: int, tr_seqs, ytr, va_seqs, yva, log_every: int = 2):
    seed_everything(SEED)
    run_cfg = {k: v for k, v in cfg.items() if k != "run"}
    run_cfg.update({"vocab_size": vocab_size, "max_length": MAX_LEN, "seed": SEED, "optimizer": "AdamW",
                    "val_split": 0.2, "train_size": len(tr_seqs), "val_size": len(va_seqs)})
    logger = RunLogger(MODEL_ID, cfg["run"], cfg["run"], run_cfg, group="sweep-tweets", tags=["tweets", "sweep"])
    model = TweetClassifier(vocab_size, cfg["emb_dim"], cfg["hidden"], cfg["dropout"], cfg["pooling"],
                            cfg.get("conv", 0), cfg.get("init_std", 0.05), cfg.get("token_logits", 0))
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], weight_decay=cfg["weight_decay"])
    steps_per_epoch = (len(tr_seqs) + cfg["batch_size"] - 1) // cfg["batch_size"]
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg["lr"], total_steps=steps_per_epoch * cfg["epochs"],
                                                pct_start=0.1)
    # Optional exponential moving average of the weights: evaluated and exported instead of the raw weights.
    ema = copy.deepcopy(model) if cfg.get("ema") else None
    gen = torch.Generator().manual_seed(SEED)
    best = {"val/acc": -1.0}
    best_state = None
    batch_no = 0
    run_loss = []
    for epoch in range(cfg["epochs"]):
        model.train()
        order = torch.randperm(len(tr_seqs), generator=gen).tolist()
        for b in range(steps_per_epoch):
            idx = order[b * cfg["batch_size"]:(b + 1) * cfg["batch_size"]]
            ids, mask = batchify([tr_seqs[i] for i in idx])
            if cfg["token_dropout"] > 0:  # word dropout: hide random tokens from the pooling
                keep = (torch.rand(mask.shape, generator=gen) >= cfg["token_dropout"]).to(torch.int64)
                mask = mask * keep
            logits = model(ids, mask)
            loss = F.cross_entropy(logits, torch.tensor(ytr[idx]), label_smoothing=cfg.get("label_smoothing", 0.0))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            if ema is not None:
                with torch.no_grad():
                    for pe, pm in zip(ema.parameters(), model.parameters()):
                        pe.mul_(cfg["ema"]).add_(pm, alpha=1.0 - cfg["ema"])
            run_loss.append(loss.item())
            batch_no += 1
            if batch_no % log_every == 0:
                logger.log({"epoch": round(epoch + (b + 1) / steps_per_epoch, 4), "train/loss": float(np.mean(run_loss)),
                            "lr": sched.get_last_lr()[0]})
                run_loss = []
        scored = ema if ema is not None else model
        metrics = evaluate(scored, va_seqs, yva)
        logger.log({"epoch": epoch + 1, **metrics})
        print(f"  {cfg['run']} epoch {epoch + 1}: " + " ".join(f"{k}={v:.4f}" for k, v in metrics.items()))
        if metrics["val/acc"] > best["val/acc"]:
            best = {**metrics, "epoch": epoch + 1}
            best_state = copy.deepcopy(scored.state_dict())
    model.load_state_dict(best_state)
    logger.finish({"best/val_acc": best["val/acc"], "best/val_f1": best["val/f1"], "best/val_loss": best["val/loss"],
                   "best/epoch": best["epoch"], "params": sum(p.numel() for p in model.parameters())})
    return model, best


# Hand-written edge cases checked on top of the tweets (control chars, CJK, accents, emoji, specials…).
EDGE_CASES = [
    "", "   ", "Hello\tworld\r\nnew\x0bline\x1cfs\x85nel", "café naïve résumé Ångström ÉCOLE",
    "東京タワー 中文字 한국어 \U00020000\U00020001 ideograph", "emoji 😀🔥👍🏽 ☀️ ❤️‍🔥 flags 🇺🇸",
    "http://t.co/AbC123xyz &amp; &lt;3 &gt;", "zero\u200bwidth\u200djoin\ufeffbom\u00adsoft",
    "nbsp\u00a0here\u2003em\u3000ideo", "ΣΊΣΥΦΟΣ ΟΔΟΣ Σ", "İstanbul ß ﬁ ǅ", "[CLS] [SEP][MASK]x[PAD] [unk] [UNK]",
    "a" * 101, "b" * 100, "x\x00y\ufffdz", "Û_ åÊ mojibake Ì_", "dots...!!!???", "‘quotes’ “double” — dash – ¿¡ «»",
    "\ue000private\U000F0000", "Ñandú", "ﾊﾝｶｸ half-width", "١٢٣ arabic عربي", "हिन्दी", "x\u0327\u030c combining",
]

EXAMPLES = [
    {"label": "earthquake news", "text": "Magnitude 6.1 earthquake hits near the coast, buildings collapsed and people trapped"},
    {"label": "wildfire evacuation", "text": "Evacuation orders for 3 towns as the wildfire jumps the highway. Stay safe everyone"},
    {"label": "flood warning", "text": "Flash flood warning in effect until 9pm, water rising fast on Main St #flood"},
    {"label": "mixtape (not a disaster)", "text": "my mixtape is fire 🔥"},
    {"label": "metaphor (not a disaster)", "text": "This exam was a total disaster lol, my brain exploded"},
    {"label": "sports (not a disaster)", "text": "We absolutely destroyed them tonight! What a game 🙌"},
    {"label": "train crash", "text": "Train derailed outside the station, several injured, emergency crews on scene"},
    {"label": "everyday tweet", "text": "Just made the best pancakes ever, sunday mornings are the best ☀️"},
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    args = ap.parse_args()
    torch.set_num_threads(2)
    rows = read_tweets(args.data)
    texts = [r["text"] for r in rows]
    y = np.array([int(r["target"]) for r in rows], dtype=np.int64)
    print(f"tweets: {len(rows)} rows, {y.mean():.3f} positive")

    tr_idx, va_idx = stratified_split(y, 0.2, SEED)
    # The vocabulary is learnt on the training split only (no validation leakage).
    vocab = train_wordpiece((training_words(texts[i]) for i in tr_idx), VOCAB_SIZE, min_frequency=2)
    tok = WordPieceTokenizer(vocab, MAX_LEN)
    print(f"wordpiece vocab: {len(vocab)} tokens")
    os.makedirs(OUT, exist_ok=True)
    write_json(os.path.join(OUT, "tokenizer.json"), tok.to_hf_json(), indent=None)
    write_json(os.path.join(OUT, "tokenizer_config.json"), tok.hf_config())
    write_json(os.path.join(OUT, "special_tokens_map.json"),
               {"cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]", "unk_token": "[UNK]", "mask_token": "[MASK]"})

    # Proof of tokenizer parity: digest of the untruncated ids of every tweet.
    digests = {}
    over = 0
    for r in rows:
        ids = tok.encode(r["text"], truncate=False)
        over += len(ids) > MAX_LEN
        digests[r["id"]] = tok.digest(ids)
    write_json(os.path.join(OUT, "tokenization-check.json"), {
        "description": "For every tweet of train.csv (by id): sha1 hex of Tokenizer.encode(text).ids joined with ',' "
                       "(with [CLS]/[SEP], no truncation), first 12 chars. Check: node training/check_tokenizer.mjs",
        "data": "disaster-tweets/train.csv (sha256 2724edf814c85e9ae3b5ce9fd4615f1d0ee7526aaae52f96cb2df65e34e0b3e1)",
        "algorithm": "sha1-12",
        "count": len(digests), "longerThanMaxLength": over, "digests": digests,
        "extra": [{"text": t, "digest": tok.digest(tok.encode(t, truncate=False))} for t in EDGE_CASES]}, indent=None)
    print(f"tokenization-check: {len(digests)} digests ({over} tweets longer than {MAX_LEN} tokens)")

    # Sweep runs are pipeline output: start clean so renamed sweeps leave no stale runs behind.
    shutil.rmtree(os.path.join(OUT, "runs"), ignore_errors=True)
    seqs = [tok.encode(t) for t in texts]
    tr_seqs, va_seqs = [seqs[i] for i in tr_idx], [seqs[i] for i in va_idx]
    ytr, yva = y[tr_idx], y[va_idx]
    results = []
    for cfg in SWEEP:
        model, best = train_run(cfg, len(vocab), tr_seqs, ytr, va_seqs, yva)
        results.append((best["val/acc"], cfg, model, best))
        print(f"run {cfg['run']}: best val acc {best['val/acc']:.4f} f1 {best['val/f1']:.4f} (epoch {best['epoch']})")
    results.sort(key=lambda r: -r[0])
    _, cfg, model, best = results[0]
    print(f"best run: {cfg['run']}")
    model.eval()

    ids, mask = batchify([tok.encode("my mixtape is fire"), tok.encode("forest fire near the town")])
    export_onnx(model, (ids, mask), os.path.join(OUT, "model.onnx"), ["input_ids", "attention_mask"], ["logits"],
                {"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"},
                 "logits": {0: "batch"}})

    write_json(os.path.join(OUT, "config.json"), {
        "architectures": ["TweetClassifier"], "model_type": "demodeck-embedding-pooling-mlp",
        "problem_type": "single_label_classification",
        "id2label": {"0": "not a disaster", "1": "disaster"}, "label2id": {"not a disaster": 0, "disaster": 1},
        "vocab_size": len(vocab), "embedding_dim": cfg["emb_dim"], "hidden_size": cfg["hidden"],
        "pooling": cfg["pooling"], "conv_kernel": 3 if cfg.get("conv") else 0, "dropout": cfg["dropout"],
        "max_position_embeddings": MAX_LEN,
        "pad_token_id": 0, "torch_dtype": "float32", "trained_run": cfg["run"],
        "metrics": {"val_accuracy": round(best["val/acc"], 4), "val_f1": round(best["val/f1"], 4)},
    })
    write_json(os.path.join(OUT, "demodeck.json"), {
        "name": "Disaster tweets",
        "description": "Is a tweet about a real disaster? WordPiece tokenizer + embedding mean/max pooling + MLP, trained from "
                       f"scratch on the Kaggle disaster tweets (val accuracy {best['val/acc']:.3f}, F1 {best['val/f1']:.3f}).",
        "examples": EXAMPLES,
        "runs": [c["run"] for c in SWEEP],
    })

    # Reference samples: the example texts + a few held-out tweets, one at a time and as a padded batch.
    samples = []
    ref_texts = [e["text"] for e in EXAMPLES] + ["help", "Ünïcödé ÀCCENTS, 東京 &amp; emoji 😀 http://t.co/abc [SEP] x"]
    with torch.no_grad():
        for t in ref_texts:
            i_, m_ = batchify([tok.encode(t)])
            samples.append({"input": {"text": t}, "feeds": {"input_ids": tensor_json(i_), "attention_mask": tensor_json(m_)},
                            "outputs": {"logits": tensor_json(model(i_, m_))}})
        i_, m_ = batchify([tok.encode(texts[j]) for j in va_idx[:4]])  # padded batch of 4
        samples.append({"feeds": {"input_ids": tensor_json(i_), "attention_mask": tensor_json(m_)},
                        "outputs": {"logits": tensor_json(model(i_, m_))}})
    write_reference(os.path.join(OUT, "reference.json"), samples)
    for t in ref_texts[:len(EXAMPLES)]:
        i_, m_ = batchify([tok.encode(t)])
        p = torch.softmax(model(i_, m_), -1)[0, 1].item()
        print(f"  p(disaster)={p:.3f}  {t}")


if __name__ == "__main__":
    main()
