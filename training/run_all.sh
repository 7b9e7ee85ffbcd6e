#!/usr/bin/env bash
# Reproduces every example-model artefact under models/ and examples/cora-gcn/models/:
# installs the Debian packages if missing, trains (tweets sweep, digits, wine, Cora GCN
# sweep), exports ONNX, then proves ONNX Runtime (Node) == PyTorch and tokenizers.js ==
# the Python tokenizer.
# Usage: bash training/run_all.sh            (DATA=path/to/train.csv to override)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3   # Debian's python: the pyenv python on PATH lacks torch/onnx

need=()
[ -x "$PY" ] && "$PY" -c 'import torch' 2>/dev/null || need+=(python3-torch)
[ -x "$PY" ] && "$PY" -c 'import onnx' 2>/dev/null || need+=(python3-onnx)
[ -x "$PY" ] && "$PY" -c 'import sklearn' 2>/dev/null || need+=(python3-sklearn)
[ -x "$PY" ] && "$PY" -c 'import scipy' 2>/dev/null || need+=(python3-scipy)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  echo "installing ${need[*]}"
  $SUDO apt-get update && $SUDO apt-get install -y "${need[@]}"
fi

DATA=${DATA:-../shared/data/disaster-tweets/train.csv}
start=$(date +%s)
if [ -f "$DATA" ]; then
  echo "== disaster tweets (tokenizer + sweep)"
  "$PY" training/train_tweets.py --data "$DATA"
  echo "== disaster tweets int8 (quantize, compare on the validation tweets, parity reference)"
  DATA="$DATA" "$PY" training/quantize_tweets.py
else
  echo "== disaster tweets SKIPPED: $DATA not found (raw data is not in the repo)"
fi
echo "== digits"
"$PY" training/train_digits.py
echo "== wine"
"$PY" training/train_wine.py
CORA=${CORA:-../shared/data/cora}
if [ -f "$CORA/ind.cora.graph" ]; then
  echo "== cora (GCN sweep + MLP baseline, layout, parity on every node)"
  "$PY" training/train_cora.py --data "$CORA"
else
  echo "== cora SKIPPED: $CORA not found (raw data is not in the repo)"
fi

echo "== checks"
node training/check_onnx.mjs
if [ -f "$DATA" ]; then node training/check_tokenizer.mjs "$DATA"; fi
node training/check_drawn_digits.mjs
if [ -f examples/cora-gcn/models/cora-gcn/model.onnx ]; then node training/check_cora.mjs examples/cora-gcn/models/cora-gcn; fi
echo "== done in $(( $(date +%s) - start )) s"
