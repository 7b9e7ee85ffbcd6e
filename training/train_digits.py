"""Handwritten digits (scikit-learn's 8x8 digits) for the draw-a-digit demo pad.

The pad draws white strokes on black at ~280x280 and the app downsizes to 8x8
by area averaging, then rescales to 0..1. The original data was made the same
way (32x32 binary bitmaps, counts over 4x4 blocks), so training augments each
digit at 32x32 (shift/scale/rotate, thicker or thinner strokes, binarise, blur)
and area-averages back to 8x8. Exports models/digits (Hugging Face layout).

Usage: /usr/bin/python3 training/train_digits.py
"""
from __future__ import annotations

import base64
import copy
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (MODELS_DIR, RunLogger, export_onnx, macro_f1, png_bytes, seed_everything,  # noqa: E402
                    tensor_json, write_json, write_reference)

MODEL_ID = "digits"
OUT = os.path.join(MODELS_DIR, MODEL_ID)
SEED = 7
RUN = "digits-cnn-augmented"
CONFIG = {"epochs": 60, "batch_size": 64, "lr": 3e-3, "weight_decay": 1e-4, "dropout": 0.3, "seed": SEED,
          "optimizer": "AdamW", "schedule": "cosine", "test_split": 0.2,
          "augment": {"rotate_deg": 15, "scale": [0.65, 1.15], "shift": 0.2, "shear": 0.15, "dilate_p": 0.35,
                      "erode_p": 0.15, "binarize_p": 0.5, "blur_p": 0.3}}


class DigitNet(nn.Module):
    """Small CNN for [batch, 1, 8, 8] inputs -> 10 logits."""

    def __init__(self, dropout: float) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.head = nn.Sequential(nn.Flatten(), nn.Dropout(dropout), nn.Linear(64 * 2 * 2, 128), nn.ReLU(),
                                  nn.Dropout(dropout), nn.Linear(128, 10))

    def forward(self, pixel_values: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(pixel_values))


def augment(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """x: [B,1,8,8] in 0..1 -> an augmented batch, same shape, still 0..1 (area-averaged)."""
    a = CONFIG["augment"]
    b = x.shape[0]
    big = F.interpolate(x, size=(32, 32), mode="bilinear", align_corners=False)

    def u(lo: float, hi: float) -> torch.Tensor:
        return lo + (hi - lo) * torch.rand(b, generator=gen)

    ang = u(-a["rotate_deg"], a["rotate_deg"]) * math.pi / 180
    scale = u(*a["scale"])
    shear = u(-a["shear"], a["shear"])
    tx, ty = u(-a["shift"], a["shift"]), u(-a["shift"], a["shift"])
    cos, sin = torch.cos(ang) / scale, torch.sin(ang) / scale
    # affine_grid maps output coords to input coords, hence the inverse scale.
    theta = torch.stack([torch.stack([cos, -sin + shear, tx], 1), torch.stack([sin, cos, ty], 1)], 1)
    grid = F.affine_grid(theta, list(big.shape), align_corners=False)
    big = F.grid_sample(big, grid, mode="bilinear", padding_mode="zeros", align_corners=False)

    r = torch.rand(b, generator=gen).view(b, 1, 1, 1)
    thr = u(0.25, 0.5).view(b, 1, 1, 1)
    big = torch.where(r < a["binarize_p"], (big > thr).to(big.dtype), big)  # crisp pen strokes
    r = torch.rand(b, generator=gen).view(b, 1, 1, 1)
    dil = F.max_pool2d(big, 3, 1, 1)
    ero = -F.max_pool2d(-big, 3, 1, 1)
    big = torch.where(r < a["dilate_p"], dil, torch.where(r > 1 - a["erode_p"], ero, big))
    r = torch.rand(b, generator=gen).view(b, 1, 1, 1)
    blur = F.avg_pool2d(F.pad(big, (1, 1, 1, 1), mode="replicate"), 3, 1)
    big = torch.where(r < a["blur_p"], blur, big)
    small = F.avg_pool2d(big, 4)  # area averaging, like the app's downscale
    gain = u(0.8, 1.0).view(b, 1, 1, 1)
    return (small * gain / small.amax(dim=(1, 2, 3), keepdim=True).clamp(min=1e-6)).clamp(0, 1)


def main() -> None:
    torch.set_num_threads(2)
    seed_everything(SEED)
    d = load_digits()
    # Quantise to what a PNG round trip gives (uint8 then /255), so examples and training agree.
    x_u8 = np.round(d.images / 16.0 * 255).astype(np.uint8)
    y = d.target.astype(np.int64)
    idx_tr, idx_te = train_test_split(np.arange(len(y)), test_size=0.2, stratify=y, random_state=SEED)
    x = torch.tensor(x_u8 / 255.0, dtype=torch.float32).unsqueeze(1)
    mean = round(float(x[idx_tr].mean()), 4)
    std = round(float(x[idx_tr].std()), 4)
    print(f"digits: {len(idx_tr)} train / {len(idx_te)} test, pixel mean {mean} std {std}")
    norm = lambda t: (t - mean) / std  # noqa: E731

    gen = torch.Generator().manual_seed(SEED)
    x_te_drawn = augment(x[idx_te], torch.Generator().manual_seed(SEED + 1))  # fixed "drawn-like" test copy
    cfg = {**CONFIG, "image_mean": mean, "image_std": std, "train_size": len(idx_tr), "test_size": len(idx_te)}
    logger = RunLogger(MODEL_ID, RUN, RUN, cfg, group="digits", tags=["digits", "cnn"])
    model = DigitNet(CONFIG["dropout"])
    opt = torch.optim.AdamW(model.parameters(), lr=CONFIG["lr"], weight_decay=CONFIG["weight_decay"])
    bs = CONFIG["batch_size"]
    steps = (len(idx_tr) + bs - 1) // bs
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=steps * CONFIG["epochs"])
    xtr, ytr = x[idx_tr], torch.tensor(y[idx_tr])
    xte, yte = x[idx_te], y[idx_te]
    best, best_state, n, acc_loss = -1.0, None, 0, []
    for epoch in range(CONFIG["epochs"]):
        model.train()
        order = torch.randperm(len(idx_tr), generator=gen)
        for s in range(steps):
            bi = order[s * bs:(s + 1) * bs]
            xb = augment(xtr[bi], gen)
            keep = torch.rand(len(bi), generator=gen) < 0.2  # keep some clean digits in every batch
            xb = torch.where(keep.view(-1, 1, 1, 1), xtr[bi], xb)
            loss = F.cross_entropy(model(norm(xb)), ytr[bi])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            acc_loss.append(loss.item())
            n += 1
            if n % 5 == 0:
                logger.log({"epoch": round(epoch + (s + 1) / steps, 4), "train/loss": float(np.mean(acc_loss)),
                            "lr": sched.get_last_lr()[0]})
                acc_loss = []
        model.eval()
        with torch.no_grad():
            lg = model(norm(xte))
            lg_drawn = model(norm(x_te_drawn))
        pred, pred_drawn = lg.argmax(1).numpy(), lg_drawn.argmax(1).numpy()
        m = {"epoch": epoch + 1, "val/loss": F.cross_entropy(lg, torch.tensor(yte)).item(),
             "val/acc": float(np.mean(pred == yte)), "val/f1": macro_f1(yte, pred, 10),
             "val/acc_augmented": float(np.mean(pred_drawn == yte))}
        logger.log(m)
        if (epoch + 1) % 10 == 0:
            print(f"  epoch {epoch + 1}: " + " ".join(f"{k}={v:.4f}" for k, v in m.items() if k != "epoch"))
        score = m["val/acc"] + m["val/acc_augmented"]
        if score > best:
            best, best_state, best_m = score, copy.deepcopy(model.state_dict()), m
    model.load_state_dict(best_state)
    model.eval()
    logger.finish({"best/val_acc": best_m["val/acc"], "best/val_f1": best_m["val/f1"],
                   "best/val_acc_augmented": best_m["val/acc_augmented"], "best/epoch": best_m["epoch"],
                   "params": sum(p.numel() for p in model.parameters())})
    print(f"best epoch {best_m['epoch']}: val acc {best_m['val/acc']:.4f} f1 {best_m['val/f1']:.4f} "
          f"augmented acc {best_m['val/acc_augmented']:.4f}")

    os.makedirs(os.path.join(OUT, "examples"), exist_ok=True)
    export_onnx(model, (norm(xte[:2]),), os.path.join(OUT, "model.onnx"), ["pixel_values"], ["logits"],
                {"pixel_values": {0: "batch"}, "logits": {0: "batch"}})
    write_json(os.path.join(OUT, "config.json"), {
        "architectures": ["DigitNet"], "model_type": "demodeck-small-cnn", "num_channels": 1, "image_size": 8,
        "problem_type": "single_label_classification",
        "id2label": {str(i): str(i) for i in range(10)}, "label2id": {str(i): i for i in range(10)},
        "trained_run": RUN, "metrics": {"val_accuracy": round(best_m["val/acc"], 4), "val_macro_f1": round(best_m["val/f1"], 4)},
    })
    write_json(os.path.join(OUT, "preprocessor_config.json"), {
        "image_processor_type": "ViTImageProcessor", "do_resize": True, "size": {"height": 8, "width": 8},
        # resample 4 = PIL BOX: the area averaging the training images were made with (avg_pool2d).
        "resample": 4, "do_rescale": True, "rescale_factor": 1 / 255, "do_normalize": True,
        "image_mean": [mean], "image_std": [std], "do_convert_grayscale": True,
    })

    # One held-out example per digit: 64x64 nearest-neighbour upscales (area-averaging back gives the 8x8 exactly).
    examples, samples = [], []
    for digit in range(10):
        j = int(next(i for i in idx_te if y[i] == digit))
        img = np.kron(x_u8[j], np.ones((8, 8), dtype=np.uint8))
        name = f"examples/{digit}.png"
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(png_bytes(img))
        examples.append({"label": f"a {digit}", "image": name})
        feed = norm(torch.tensor(x_u8[j] / 255.0, dtype=torch.float32).view(1, 1, 8, 8))
        with torch.no_grad():
            samples.append({"input": {"image": name}, "feeds": {"pixel_values": tensor_json(feed)},
                            "outputs": {"logits": tensor_json(model(feed))}})
    # A data: URL sample (a drawn-like augmented digit) and a batch of four.
    aug_u8 = np.round(x_te_drawn[0, 0].numpy() * 255).astype(np.uint8)
    feed = norm(torch.tensor(aug_u8 / 255.0, dtype=torch.float32).view(1, 1, 8, 8))
    data_url = "data:image/png;base64," + base64.b64encode(png_bytes(np.kron(aug_u8, np.ones((8, 8), np.uint8)))).decode()
    with torch.no_grad():
        samples.append({"input": {"image": data_url}, "feeds": {"pixel_values": tensor_json(feed)},
                        "outputs": {"logits": tensor_json(model(feed))}})
        feed = norm(xte[10:14])
        samples.append({"feeds": {"pixel_values": tensor_json(feed)}, "outputs": {"logits": tensor_json(model(feed))}})
    write_reference(os.path.join(OUT, "reference.json"), samples)
    write_json(os.path.join(OUT, "demodeck.json"), {
        "name": "Handwritten digits",
        "description": "Draw a digit (white on black). A small CNN trained on scikit-learn's 8x8 digits with "
                       f"drawing-like augmentation (held-out accuracy {best_m['val/acc']:.3f}).",
        "image": {"background": "black"}, "examples": examples, "runs": [RUN],
    })


if __name__ == "__main__":
    main()
