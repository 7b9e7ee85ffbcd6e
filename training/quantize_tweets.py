"""One command: quantize the tweets model to int8 and decide, on the validation tweets, whether the deck ships it.

    /usr/bin/python3 training/quantize_tweets.py

1. `demodeck_export quantize` writes a dynamic int8 copy of models/disaster-tweets (python/src/demodeck_export/quantize.py);
2. the validation split of train.csv (the same stratified 80/20, seed 1234, as train_tweets.py) is run through both
   models by demodeck's host in onnxruntime-node (training/compare_models.ts): accuracy, agreement, latency in the worker;
3. the int8 model is kept in models/disaster-tweets-int8 when it agrees with fp32 on at least 99 % of the tweets: the
   example deck's Q&A backup slide shows the two side by side (size, latency, agreement). The live demo switches to it
   only when it is also at least 1.5x faster in the worker ("replaces": false in the figures says it does not). Its
   reference.json is the fp32 PyTorch reference with the tolerance widened to 2x the int8 error (int8_reference.mjs).
Writes training/int8-tweets.json with the figures either way. Needs ../shared/data/disaster-tweets/train.csv.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, 'python', 'src'))
sys.path.insert(0, HERE)
from demodeck_export.quantize import quantize_folder  # noqa: E402
from train_tweets import DEFAULT_DATA, SEED, read_tweets, stratified_split  # noqa: E402

SRC = os.path.join(ROOT, 'models', 'disaster-tweets')
DST = os.path.join(ROOT, 'models', 'disaster-tweets-int8')
LABELS = ['not a disaster', 'disaster']
MIN_SPEEDUP, MIN_AGREEMENT = 1.5, 0.99


def main():
    data = os.environ.get('DATA', DEFAULT_DATA)
    if not os.path.exists(data):
        raise SystemExit(f'{data} is missing: the validation tweets are needed to decide (see training/README.md)')
    rows = read_tweets(data)
    y = np.array([int(r['target']) for r in rows])
    _, va = stratified_split(y, 0.2, SEED)
    work = tempfile.mkdtemp(prefix='demodeck-int8-')
    try:
        deck = os.path.join(work, 'deck')
        os.makedirs(os.path.join(deck, 'slides'))
        with open(os.path.join(deck, 'slides', 'deck.md'), 'w') as f:
            f.write('# int8\n')
        shutil.copytree(SRC, os.path.join(deck, 'models', 'disaster-tweets'))
        summary = quantize_folder(SRC, os.path.join(deck, 'models', 'disaster-tweets-int8'))
        set_file = os.path.join(work, 'val.jsonl')
        with open(set_file, 'w') as f:
            for i in va:
                f.write(json.dumps({'text': rows[i]['text'], 'label': LABELS[y[i]]}) + '\n')
        out = subprocess.run(['npx', 'tsx', os.path.join(HERE, 'compare_models.ts'), deck, 'disaster-tweets', 'disaster-tweets-int8', set_file],
                             cwd=ROOT, check=True, capture_output=True, text=True, env={**os.environ, 'ORT_DISABLE_TELEMETRY': '1'})
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        ship = figures['agreement'] >= MIN_AGREEMENT
        replaces = ship and figures['speedupP50'] >= MIN_SPEEDUP
        figures.update({'quantized': summary['quantized'],
                        'rule': f'kept for the A/B slide with >= {MIN_AGREEMENT:.0%} agreement; replaces fp32 in the demo only when also >= {MIN_SPEEDUP}x faster (p50 in the worker)',
                        'shipped': ship, 'replaces': replaces, 'validation': f'{len(va)} tweets, stratified 80/20 split, seed {SEED}'})
        if os.path.exists(DST):
            shutil.rmtree(DST)
        if ship:
            shutil.copytree(os.path.join(deck, 'models', 'disaster-tweets-int8'), DST)
            # Its parity reference: PyTorch's fp32 outputs, the tolerance widened to 2x the measured int8 error.
            ref = subprocess.run(['node', os.path.join(HERE, 'int8_reference.mjs'), SRC, DST], cwd=ROOT, check=True, capture_output=True,
                                 text=True, env={**os.environ, 'ORT_DISABLE_TELEMETRY': '1'})
            figures['reference'] = json.loads(ref.stdout.strip().splitlines()[-1])
        with open(os.path.join(HERE, 'int8-tweets.json'), 'w') as f:
            json.dump(figures, f, indent=2)
            f.write('\n')
        print(json.dumps(figures, indent=2))
        print('int8 model ' + ('kept in models/disaster-tweets-int8' if ship else 'NOT kept: ' + figures['rule'])
              + ('; the live demo should use it' if replaces else '; the live demo keeps fp32'))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
