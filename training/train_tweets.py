"""Disaster tweets: train a WordPiece tokenizer, train an ensemble (NB-weighted
logistic regression + 6 small embedding networks), export it as one ONNX graph
to models/disaster-tweets (Hugging Face layout).

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
from tweets_models import NBLogReg, TweetClassifier, TweetEnsemble, use_export_layout  # noqa: E402

MODEL_ID = "disaster-tweets"
OUT = os.path.join(MODELS_DIR, MODEL_ID)
DEFAULT_DATA = os.path.join(REPO_ROOT, "..", "shared", "data", "disaster-tweets", "train.csv")
SEED = 1234
VOCAB_SIZE = 12000
MAX_LEN = 64

# The recipe was fixed by 5-fold cross-validation inside the 80 % training split (the validation
# split played no part in choosing it): an ensemble of
#   - a Naive Bayes-weighted logistic regression on token presence (NBSVM-style, Wang & Manning 2012),
#   - 3 seeds of an emb-32 mean+max pooling MLP,
#   - 3 seeds of an emb-64 width-3 conv model whose embeddings start from skip-gram vectors
#     pretrained on the training tweets' text (no labels).
# Each network runs the first STOP_EPOCH epochs of a 10-epoch one-cycle schedule (CV: best at epoch 4;
# later epochs overfit). No epoch or run is picked on the validation split.
# Output logits = (mean of the 6 networks' logits + the logistic regression's logits) / 2.
NB_ALPHA = 1.0   # add-one smoothing of the NB log-count ratios
NB_C = 0.3       # inverse L2 strength of the logistic regression
STOP_EPOCH = 4
MEMBER_SEEDS = [1, 2, 3]
NET_CONFIGS: List[Dict] = [
    {"name": "emb32-meanmax", "emb_dim": 32, "hidden": 32, "lr": 3e-3, "dropout": 0.5, "token_dropout": 0.3,
     "weight_decay": 1e-4, "epochs": 10, "stop_epoch": STOP_EPOCH, "batch_size": 64, "pooling": "mean+max", "conv": 0,
     "pretrained_embeddings": False},
    {"name": "emb64-conv3-sgns", "emb_dim": 64, "hidden": 32, "lr": 1e-3, "dropout": 0.5, "token_dropout": 0.3,
     "weight_decay": 1e-4, "epochs": 10, "stop_epoch": STOP_EPOCH, "batch_size": 64, "pooling": "mean+max", "conv": 1,
     "pretrained_embeddings": True},
]
# Skip-gram with negative sampling over the training split's token ids.
SGNS = {"dim": 64, "window": 3, "negatives": 5, "epochs": 5, "lr": 0.01, "batch_size": 4096, "seed": 0, "init_std": 0.05}


def check_export_layout(model: nn.Module, export_model: nn.Module, seqs: List[List[int]]) -> None:
    """The export layout must give the trained model's logits: compare on every validation tweet (padded batches)."""
    worst = (predict_logits(model, seqs) - predict_logits(export_model, seqs)).abs().max().item()
    print(f"  export layout vs training layout: max abs diff {worst:.2e} over {len(seqs)} tweets")
    if worst > 1e-5:
        raise SystemExit(f"export layout changes the logits by {worst}")


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


def predict_logits(model: nn.Module, seqs: List[List[int]]) -> torch.Tensor:
    """Logits for every sequence, in padded batches of 256."""
    model.eval()
    logits = []
    with torch.no_grad():
        for i in range(0, len(seqs), 256):
            ids, mask = batchify(seqs[i:i + 256])
            logits.append(model(ids, mask))
    return torch.cat(logits)


def evaluate(model: nn.Module, seqs: List[List[int]], y: np.ndarray) -> Dict[str, float]:
    lg = predict_logits(model, seqs)
    loss = F.cross_entropy(lg, torch.tensor(y)).item()
    pred = lg.argmax(1).numpy()
    return {"val/loss": loss, "val/acc": float(np.mean(pred == y)), "val/f1": binary_f1(y, pred)}


def train_net(cfg: Dict, seed: int, vocab_size: int, tr_seqs, ytr, va_seqs, yva, init: torch.Tensor = None,
              log_every: int = 2) -> Tuple[nn.Module, Dict]:
    """One ensemble member: cfg["stop_epoch"] epochs of a cfg["epochs"]-epoch one-cycle schedule.
    The validation split is only logged (curves for the deck), never used to pick anything."""
    run = f"tweets-{cfg['name']}-s{seed}"
    seed_everything(seed)
    run_cfg = {k: v for k, v in cfg.items() if k != "name"}
    run_cfg.update({"vocab_size": vocab_size, "max_length": MAX_LEN, "seed": seed, "optimizer": "AdamW",
                    "schedule": "one-cycle", "val_split": 0.2, "split_seed": SEED, "train_size": len(tr_seqs),
                    "val_size": len(va_seqs), "ensemble_member": True})
    if cfg["pretrained_embeddings"]:
        run_cfg["sgns"] = SGNS
    logger = RunLogger(MODEL_ID, run, run, run_cfg, group="sweep-tweets", tags=["tweets", "ensemble-member"])
    model = TweetClassifier(vocab_size, cfg["emb_dim"], cfg["hidden"], cfg["dropout"], cfg["pooling"], cfg["conv"])
    if init is not None:
        with torch.no_grad():
            model.emb.weight.copy_(init)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], weight_decay=cfg["weight_decay"])
    steps_per_epoch = (len(tr_seqs) + cfg["batch_size"] - 1) // cfg["batch_size"]
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg["lr"], total_steps=steps_per_epoch * cfg["epochs"],
                                                pct_start=0.1)
    gen = torch.Generator().manual_seed(seed)
    batch_no = 0
    run_loss = []
    metrics: Dict[str, float] = {}
    for epoch in range(cfg["stop_epoch"]):
        model.train()
        order = torch.randperm(len(tr_seqs), generator=gen).tolist()
        for b in range(steps_per_epoch):
            idx = order[b * cfg["batch_size"]:(b + 1) * cfg["batch_size"]]
            ids, mask = batchify([tr_seqs[i] for i in idx])
            if cfg["token_dropout"] > 0:  # word dropout: hide random tokens from the pooling
                keep = (torch.rand(mask.shape, generator=gen) >= cfg["token_dropout"]).to(torch.int64)
                mask = mask * keep
            loss = F.cross_entropy(model(ids, mask), torch.tensor(ytr[idx]))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            run_loss.append(loss.item())
            batch_no += 1
            if batch_no % log_every == 0:
                logger.log({"epoch": round(epoch + (b + 1) / steps_per_epoch, 4), "train/loss": float(np.mean(run_loss)),
                            "lr": sched.get_last_lr()[0]})
                run_loss = []
        metrics = evaluate(model, va_seqs, yva)
        logger.log({"epoch": epoch + 1, **metrics})
        print(f"  {run} epoch {epoch + 1}: " + " ".join(f"{k}={v:.4f}" for k, v in metrics.items()))
    model.eval()
    logger.finish({"params": sum(p.numel() for p in model.parameters())})
    return model, {"run": run, **metrics}


def pretrain_embeddings(seqs: List[List[int]], vocab_size: int) -> torch.Tensor:
    """Skip-gram with negative sampling (word2vec) on token ids, text only. Returns vectors rescaled to
    std SGNS["init_std"] (the networks' own init scale), [PAD] zero."""
    cfg = SGNS
    torch.manual_seed(cfg["seed"])
    centre, context = [], []
    for s in seqs:
        s = s[1:-1]  # without [CLS]/[SEP]
        for i in range(len(s)):
            for j in range(max(0, i - cfg["window"]), min(len(s), i + cfg["window"] + 1)):
                if j != i:
                    centre.append(s[i])
                    context.append(s[j])
    c, o = torch.tensor(centre), torch.tensor(context)
    counts = np.bincount(np.concatenate([np.array(s[1:-1], dtype=np.int64) for s in seqs]), minlength=vocab_size)
    noise = counts.astype(float) ** 0.75
    noise = torch.tensor(noise / noise.sum())
    dim = cfg["dim"]
    w_in, w_out = nn.Embedding(vocab_size, dim), nn.Embedding(vocab_size, dim)
    nn.init.uniform_(w_in.weight, -0.5 / dim, 0.5 / dim)
    nn.init.zeros_(w_out.weight)
    opt = torch.optim.Adam(list(w_in.parameters()) + list(w_out.parameters()), lr=cfg["lr"])
    bs = cfg["batch_size"]
    for ep in range(cfg["epochs"]):
        perm = torch.randperm(len(c))
        total = 0.0
        for b in range(0, len(c), bs):
            idx = perm[b:b + bs]
            ci, oi = c[idx], o[idx]
            ni = torch.multinomial(noise, len(idx) * cfg["negatives"], replacement=True).view(len(idx), cfg["negatives"])
            w = w_in(ci)
            pos = (w * w_out(oi)).sum(-1)
            neg = torch.bmm(w_out(ni), w.unsqueeze(-1)).squeeze(-1)
            loss = -(F.logsigmoid(pos).mean() + F.logsigmoid(-neg).sum(-1).mean())
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        print(f"  skip-gram epoch {ep + 1}: loss {total / len(c):.4f} ({len(c)} pairs)")
    e = w_in.weight.detach()
    e = e * (cfg["init_std"] / e.std())
    e[0] = 0.0
    return e


def presence_matrix(seqs: List[List[int]], vocab_size: int):
    """Binary [N, V] token presence, without [PAD]/[CLS]/[SEP] (scipy CSR)."""
    import scipy.sparse as sp
    rows, cols = [], []
    for i, s in enumerate(seqs):
        present = sorted(set(s) - {0, 2, 3})
        rows += [i] * len(present)
        cols += present
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(seqs), vocab_size))


def train_nb_logreg(vocab_size: int, tr_seqs, ytr, va_seqs, yva) -> Tuple[nn.Module, Dict]:
    """NBSVM-style: presence features scaled by r = log((p/|p|)/(q/|q|)) (add-NB_ALPHA counts per class),
    then L2 logistic regression (C=NB_C). Folded into one weight per token for the graph."""
    from sklearn.linear_model import LogisticRegression
    run = "tweets-nb-logreg"
    logger = RunLogger(MODEL_ID, run, run, {"model": "NB-weighted logistic regression (NBSVM-style)", "features":
                       "token presence (WordPiece ids)", "nb_alpha": NB_ALPHA, "C": NB_C, "solver": "lbfgs",
                       "vocab_size": vocab_size, "val_split": 0.2, "split_seed": SEED, "train_size": len(tr_seqs),
                       "val_size": len(va_seqs), "ensemble_member": True},
                       group="sweep-tweets", tags=["tweets", "ensemble-member"])
    x = presence_matrix(tr_seqs, vocab_size)
    p = NB_ALPHA + np.asarray(x[ytr == 1].sum(0)).ravel()
    q = NB_ALPHA + np.asarray(x[ytr == 0].sum(0)).ravel()
    r = np.log((p / p.sum()) / (q / q.sum()))
    clf = LogisticRegression(C=NB_C, max_iter=3000).fit(x.multiply(r).tocsr(), ytr)
    weights = torch.tensor(clf.coef_[0] * r, dtype=torch.float32)
    weights[[0, 2, 3]] = 0.0
    model = NBLogReg(weights, float(clf.intercept_[0]))
    model.eval()
    train_loss = evaluate(model, tr_seqs, ytr)["val/loss"]
    metrics = evaluate(model, va_seqs, yva)
    logger.log({"epoch": 1, "train/loss": train_loss, **metrics})
    logger.finish({"params": vocab_size + 1})
    print(f"  {run}: " + " ".join(f"{k}={v:.4f}" for k, v in metrics.items()))
    return model, {"run": run, **metrics}


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
    torch.set_num_threads(1)  # deterministic and light on a shared 2-core machine
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
    members = []
    linear, lin_metrics = train_nb_logreg(len(vocab), tr_seqs, ytr, va_seqs, yva)
    members.append(lin_metrics)
    print("skip-gram pretraining on the training split's text")
    sgns = pretrain_embeddings(tr_seqs, len(vocab))
    nets = []
    for cfg in NET_CONFIGS:
        for seed in MEMBER_SEEDS:
            net, m = train_net(cfg, seed, len(vocab), tr_seqs, ytr, va_seqs, yva,
                               init=sgns if cfg["pretrained_embeddings"] else None)
            nets.append(net)
            members.append(m)
    model = TweetEnsemble(nets, linear)
    model.eval()
    best = evaluate(model, va_seqs, yva)
    train_loss = evaluate(model, tr_seqs, ytr)["val/loss"]
    logger = RunLogger(MODEL_ID, "tweets-ensemble", "tweets-ensemble",
                       {"members": [m["run"] for m in members], "combine": "(mean of network logits + NB-LR logits) / 2",
                        "val_split": 0.2, "split_seed": SEED, "train_size": len(tr_seqs), "val_size": len(va_seqs)},
                       group="sweep-tweets", tags=["tweets", "exported"])
    logger.log({"epoch": STOP_EPOCH, "train/loss": train_loss, **best})
    logger.finish({"params": sum(p.numel() for p in model.parameters())})
    print("members (validation, logged only):")
    for m in members:
        print(f"  {m['run']}: acc {m['val/acc']:.4f} f1 {m['val/f1']:.4f}")
    print(f"ensemble: val acc {best['val/acc']:.4f} f1 {best['val/f1']:.4f} loss {best['val/loss']:.4f}")

    ids, mask = batchify([tok.encode("my mixtape is fire"), tok.encode("forest fire near the town")])
    export_model = copy.deepcopy(model)
    use_export_layout(export_model)
    check_export_layout(model, export_model, va_seqs)
    export_onnx(export_model, (ids, mask), os.path.join(OUT, "model.onnx"), ["input_ids", "attention_mask"], ["logits"],
                {"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"},
                 "logits": {0: "batch"}})

    write_json(os.path.join(OUT, "config.json"), {
        "architectures": ["TweetEnsemble"], "model_type": "demodeck-tweet-ensemble",
        "problem_type": "single_label_classification",
        "id2label": {"0": "not a disaster", "1": "disaster"}, "label2id": {"not a disaster": 0, "disaster": 1},
        "vocab_size": len(vocab), "max_position_embeddings": MAX_LEN, "pad_token_id": 0, "torch_dtype": "float32",
        "ensemble": {
            "combine": "(mean of the network logits + NB logistic regression logits) / 2",
            "nb_logreg": {"features": "token presence", "nb_alpha": NB_ALPHA, "C": NB_C},
            "networks": [{k: v for k, v in c.items()} | {"seeds": MEMBER_SEEDS} for c in NET_CONFIGS],
            "skip_gram": SGNS,
        },
        "trained_run": "tweets-ensemble",
        "metrics": {"val_accuracy": round(best["val/acc"], 4), "val_f1": round(best["val/f1"], 4)},
    })
    write_json(os.path.join(OUT, "demodeck.json"), {
        "name": "Disaster tweets",
        "description": "Is a tweet about a real disaster? WordPiece tokenizer + an ensemble of 6 small embedding networks and an "
                       "NB-weighted logistic regression, trained from scratch on the Kaggle disaster tweets "
                       f"(val accuracy {best['val/acc']:.3f}, F1 {best['val/f1']:.3f}).",
        "examples": EXAMPLES,
        "runs": [m["run"] for m in members] + ["tweets-ensemble"],
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
